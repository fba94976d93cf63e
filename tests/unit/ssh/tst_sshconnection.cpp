#include "sshtestlab.h"

#include "ssh/sshconnection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

using namespace mlab;
using mlab::test::SshTestLab;

class TestSshConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void runReportsStatusAndOutput_data();
    void runReportsStatusAndOutput();
    void runsManyCommandsOnOneConnection();
    void carriesLargeOutput();
    void timeoutKillsTheCommand();
    void refusesChangedHostKey();
    void refusesWithoutPinnedKey();
    void refusesUnknownIdentity();
    void reportsUnreachableTarget_data();
    void reportsUnreachableTarget();
    void releasesDescriptors();

private:
    static bool processMatches(const QString &pattern)
    {
        QProcess pgrep;
        pgrep.start(QStringLiteral("pgrep"), { QStringLiteral("-f"), pattern });
        pgrep.waitForFinished(3000);
        return pgrep.exitCode() == 0;
    }

    std::unique_ptr<SshTestLab> m_lab;
    std::unique_ptr<SshConnection> m_connection;
};

void TestSshConnection::initTestCase()
{
    if (!test::isRoot())
        QSKIP("needs root: creates a network namespace and runs sshd in it");
    m_lab = std::make_unique<SshTestLab>();
    const QString problem = m_lab->setUp();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    m_connection = std::make_unique<SshConnection>(m_lab->target());
    QElapsedTimer clock;
    clock.start();
    const Status connected = m_connection->connect();
    QVERIFY2(connected.ok(), qPrintable(connected.error()));
    qInfo("SshConnection::connect (TCP in namespace + handshake + key login): %.2f ms",
        double(clock.nsecsElapsed()) / 1e6);
    QVERIFY(m_connection->isConnected());
}

void TestSshConnection::cleanupTestCase()
{
    m_connection.reset();
    m_lab.reset();
}

void TestSshConnection::runReportsStatusAndOutput_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("exitStatus");
    QTest::addColumn<QByteArray>("stdOut");
    QTest::addColumn<QByteArray>("stdErr");
    QTest::newRow("both streams and a status")
        << QStringLiteral("echo out; echo err >&2; exit 3") << 3 << QByteArray("out\n") << QByteArray("err\n");
    QTest::newRow("silent success") << QStringLiteral("true") << 0 << QByteArray() << QByteArray();
    QTest::newRow("no final newline") << QStringLiteral("printf 'a\\nb'") << 0 << QByteArray("a\nb") << QByteArray();
    QTest::newRow("unknown program") << QStringLiteral("no-such-program-mlab") << 127 << QByteArray()
                                     << QByteArray("bash: line 1: no-such-program-mlab: command not found\n");
    QTest::newRow("HOME is the session home") << QStringLiteral("printf %s \"$HOME\"") << 0
                                              << m_lab->dir.filePath(QStringLiteral("home")).toUtf8() << QByteArray();
    QTest::newRow("runs in the node's namespace")
        << QStringLiteral("ip -o link show | wc -l") << 0 << QByteArray("1\n") << QByteArray();
}

void TestSshConnection::runReportsStatusAndOutput()
{
    QFETCH(QString, command);
    QFETCH(int, exitStatus);
    QFETCH(QByteArray, stdOut);
    QFETCH(QByteArray, stdErr);
    const Result<CommandOutput> output = m_connection->run(command, 5000);
    QVERIFY2(output.ok(), qPrintable(output ? QString() : output.error()));
    QCOMPARE(output->exitStatus, exitStatus);
    QCOMPARE(output->stdOut, stdOut);
    QCOMPARE(output->stdErr, stdErr);
    QVERIFY(output->exitSignal.isEmpty());
}

void TestSshConnection::runsManyCommandsOnOneConnection()
{
    constexpr int count = 50;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < count; ++i) {
        const Result<CommandOutput> output = m_connection->run(QStringLiteral("echo %1").arg(i), 5000);
        QVERIFY2(output.ok(), qPrintable(output ? QString() : output.error()));
        QCOMPARE(output->stdOut, QByteArray::number(i) + '\n');
    }
    qInfo("SshConnection::run round trip (\"echo N\"): %.2f ms per command (mean of %d)",
        double(clock.nsecsElapsed()) / 1e6 / count, count);
}

// More than libssh's channel window: output must keep flowing, nothing lost.
void TestSshConnection::carriesLargeOutput()
{
    const Result<CommandOutput> output = m_connection->run(QStringLiteral("seq 1 300000"), 10000);
    QVERIFY2(output.ok(), qPrintable(output ? QString() : output.error()));
    QByteArray expected;
    for (int i = 1; i <= 300000; ++i)
        expected += QByteArray::number(i) + '\n';
    QCOMPARE(output->stdOut.size(), expected.size());
    QVERIFY(output->stdOut == expected);
}

void TestSshConnection::timeoutKillsTheCommand()
{
    // An unusual duration makes the process easy to find.
    const QString command = QStringLiteral("sleep 10.4321");
    QElapsedTimer clock;
    clock.start();
    const Result<CommandOutput> output = m_connection->run(command, 500);
    const qint64 elapsed = clock.elapsed();
    QVERIFY(!output.ok());
    QCOMPARE(output.error(), QStringLiteral("NodeT: \"sleep 10.4321\" timed out after 500 ms"));
    QVERIFY2(elapsed >= 500 && elapsed < 1000, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    QTRY_VERIFY_WITH_TIMEOUT(!processMatches(QStringLiteral("^sleep 10.4321")), 2000);

    // The connection survives a timed-out command.
    const Result<CommandOutput> after = m_connection->run(QStringLiteral("echo still here"), 5000);
    QVERIFY2(after.ok(), qPrintable(after ? QString() : after.error()));
    QCOMPARE(after->stdOut, QByteArray("still here\n"));
}

void TestSshConnection::refusesChangedHostKey()
{
    SshTarget target = m_lab->target();
    target.pinnedHostKey = m_lab->strangerKey.publicKey;
    SshConnection connection(target);
    const Status connected = connection.connect();
    QVERIFY(!connected.ok());
    QCOMPARE(connected.error(),
        QStringLiteral("NodeT (127.0.0.1): host key changed — expected %1, got %2; refusing to connect")
            .arg(m_lab->strangerKey.fingerprint, m_lab->hostKey.fingerprint));
    QVERIFY(!connection.isConnected());
}

void TestSshConnection::refusesWithoutPinnedKey()
{
    SshTarget target = m_lab->target();
    target.pinnedHostKey.clear();
    SshConnection connection(target);
    const Status connected = connection.connect();
    QVERIFY(!connected.ok());
    QVERIFY2(connected.error().startsWith(QStringLiteral("NodeT (127.0.0.1): no pinned host key")),
        qPrintable(connected.error()));
}

void TestSshConnection::refusesUnknownIdentity()
{
    SshTarget target = m_lab->target();
    target.identityFile = m_lab->strangerKey.privateKeyPath;
    SshConnection connection(target);
    const Status connected = connection.connect();
    QVERIFY(!connected.ok());
    const QString &error = connected.error();
    QVERIFY2(
        error.startsWith(QStringLiteral("NodeT (127.0.0.1): sshd on port 22 refused root's key ")), qPrintable(error));
    QVERIFY2(error.contains(m_lab->strangerKey.privateKeyPath), qPrintable(error));
    QVERIFY2(error.contains(m_lab->strangerKey.fingerprint), qPrintable(error));
    QVERIFY(!connection.isConnected());
}

void TestSshConnection::reportsUnreachableTarget_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<quint16>("port");
    QTest::addColumn<bool>("inNamespace");
    QTest::addColumn<QString>("expectedStart");
    QTest::addColumn<QString>("expectedReason");
    QTest::newRow("closed port") << QStringLiteral("127.0.0.1") << quint16(2222) << true
                                 << QStringLiteral(
                                        "NodeT (127.0.0.1:2222): cannot connect to 127.0.0.1:2222 in /run/netns/")
                                 << QStringLiteral("connection refused");
    // The namespace has no route anywhere but lo.
    QTest::newRow("no route") << QStringLiteral("10.168.255.1") << quint16(22) << true
                              << QStringLiteral(
                                     "NodeT (10.168.255.1): cannot connect to 10.168.255.1:22 in /run/netns/")
                              << QStringLiteral("network unreachable");
    QTest::newRow("host name") << QStringLiteral("nodea.example") << quint16(22) << true
                               << QStringLiteral("NodeT (nodea.example): cannot connect to nodea.example:22")
                               << QStringLiteral("not a numeric IP address");
    QTest::newRow("missing namespace")
        << QStringLiteral("127.0.0.1") << quint16(22) << false
        << QStringLiteral("NodeT (127.0.0.1): cannot connect to 127.0.0.1:22 in /run/netns/mlabtest-ssh-missing")
        << QStringLiteral("cannot open network namespace /run/netns/mlabtest-ssh-missing");
}

void TestSshConnection::reportsUnreachableTarget()
{
    QFETCH(QString, host);
    QFETCH(quint16, port);
    QFETCH(bool, inNamespace);
    QFETCH(QString, expectedStart);
    QFETCH(QString, expectedReason);
    SshTarget target = m_lab->target();
    target.host = host;
    target.port = port;
    if (!inNamespace)
        target.netnsPath = QStringLiteral("/run/netns/mlabtest-ssh-missing");
    SshConnection connection(target);
    QElapsedTimer clock;
    clock.start();
    const Status connected = connection.connect();
    QVERIFY(!connected.ok());
    QVERIFY2(connected.error().startsWith(expectedStart), qPrintable(connected.error()));
    QVERIFY2(connected.error().contains(expectedReason), qPrintable(connected.error()));
    QVERIFY2(clock.elapsed() < target.connectTimeoutMs, "an immediate failure must not wait for the timeout");
}

static int openDescriptors()
{
    return int(
        QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size());
}

// The socket is created by us and handed to libssh: every way out must close it once.
void TestSshConnection::releasesDescriptors()
{
    const int before = openDescriptors();
    for (int round = 0; round < 3; ++round) {
        SshConnection good(m_lab->target());
        QVERIFY(good.connect().ok());
        QVERIFY(good.run(QStringLiteral("true"), 5000).ok());
        QVERIFY(!good.run(QStringLiteral("sleep 5"), 100).ok()); // leaves a reaper channel behind
        good.disconnect();

        SshTarget changedKey = m_lab->target();
        changedKey.pinnedHostKey = m_lab->strangerKey.publicKey;
        QVERIFY(!SshConnection(changedKey).connect().ok());

        SshTarget unknownIdentity = m_lab->target();
        unknownIdentity.identityFile = m_lab->strangerKey.privateKeyPath;
        SshConnection refused(unknownIdentity);
        QVERIFY(!refused.connect().ok());
    }
    QCOMPARE(openDescriptors(), before);
}

QTEST_GUILESS_MAIN(TestSshConnection)
#include "tst_sshconnection.moc"
