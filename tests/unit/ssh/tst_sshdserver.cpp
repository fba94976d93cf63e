#include "sshtestlab.h"

#include "ssh/netsocket.h"
#include "ssh/sshdserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <cerrno>
#include <csignal>

#include <unistd.h>

using namespace mlab;
using mlab::test::SshTestLab;

class TestSshdServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void configHasDirective_data();
    void configHasDirective();
    void argvRunsSshdInTheForegroundBehindThePrefix();
    void startsAnswersAndStops();
    void refusesSecondStart();
    void runsAsPidOneBehindALauncher();
    void reportsStartFailureWithSshdOutput_data();
    void reportsStartFailureWithSshdOutput();

private:
    static bool isAlive(qint64 pid) { return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno != ESRCH); }
    static QByteArray statusField(qint64 pid, const QByteArray &name);

    std::unique_ptr<SshTestLab> m_lab;
};

void TestSshdServer::initTestCase()
{
    if (!test::isRoot())
        QSKIP("needs root: creates a network namespace and runs sshd in it");
    m_lab = std::make_unique<SshTestLab>();
    const QString problem = m_lab->setUp();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestSshdServer::cleanupTestCase()
{
    m_lab.reset();
}

void TestSshdServer::configHasDirective_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("listen") << QStringLiteral("ListenAddress 127.0.0.1");
    QTest::newRow("port") << QStringLiteral("Port 22");
    QTest::newRow("root by key only") << QStringLiteral("PermitRootLogin prohibit-password");
    QTest::newRow("no passwords") << QStringLiteral("PasswordAuthentication no");
    QTest::newRow("no keyboard-interactive") << QStringLiteral("KbdInteractiveAuthentication no");
    QTest::newRow("no PAM") << QStringLiteral("UsePAM no");
    QTest::newRow("no strict modes") << QStringLiteral("StrictModes no");
    QTest::newRow("no DNS") << QStringLiteral("UseDNS no");
    QTest::newRow("quiet log") << QStringLiteral("LogLevel ERROR");
    QTest::newRow("many channels") << QStringLiteral("MaxSessions 64");
}

void TestSshdServer::configHasDirective()
{
    QFETCH(QString, line);
    const QStringList lines = m_lab->sshd->configText().split(QLatin1Char('\n'));
    QVERIFY2(lines.contains(line), qPrintable(m_lab->sshd->configText()));
    QVERIFY(lines.contains(QStringLiteral("HostKey ") + m_lab->hostKey.privateKeyPath));
    QVERIFY(lines.contains(QStringLiteral("AuthorizedKeysFile ") + m_lab->clientKey.publicKeyPath));

    QFile written(m_lab->sshd->configPath());
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(written.readAll()), m_lab->sshd->configText());
}

void TestSshdServer::argvRunsSshdInTheForegroundBehindThePrefix()
{
    const QStringList expected { QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"),
        m_lab->netnsName, QStringLiteral("/usr/sbin/sshd"), QStringLiteral("-D"), QStringLiteral("-e"),
        QStringLiteral("-f"), m_lab->sshd->configPath() };
    QCOMPARE(m_lab->sshd->argv(), expected);
    QCOMPARE(m_lab->sshd->command().argv, expected);
    QCOMPARE(m_lab->sshd->command().where, QStringLiteral("host"));
}

void TestSshdServer::startsAnswersAndStops()
{
    SshdServer server(m_lab->sshdConfig(QStringLiteral("127.0.0.1"), 2022));
    QElapsedTimer clock;
    clock.start();
    const Status started = server.start(5000);
    QVERIFY2(started.ok(), qPrintable(started.error()));
    qInfo("sshd ready in %lld ms", clock.elapsed());
    const qint64 pid = server.pid();
    QVERIFY(pid > 0);
    QVERIFY(isAlive(pid));
    QCOMPARE(server.daemonPid(), pid); // no launcher: sshd is what we started

    // It listens inside the namespace, not in ours.
    Result<int> inside = connectTcpInNetns(m_lab->netnsPath, QStringLiteral("127.0.0.1"), 2022, 1000);
    QVERIFY2(inside.ok(), qPrintable(inside ? QString() : inside.error()));
    ::close(inside.value());
    Result<int> outside = connectTcpInNetns(QString(), QStringLiteral("127.0.0.1"), 2022, 1000);
    if (outside)
        ::close(outside.value());
    QVERIFY2(!outside.ok(), "sshd answered in the root namespace");

    clock.restart();
    server.stop();
    qInfo("sshd stopped in %lld ms", clock.elapsed());
    QCOMPARE(server.pid(), qint64(0));
    QVERIFY(!server.isRunning());
    QVERIFY(!isAlive(pid));
}

void TestSshdServer::refusesSecondStart()
{
    const Status again = m_lab->sshd->start(1000);
    QVERIFY(!again.ok());
    QVERIFY2(again.error().contains(QStringLiteral("already running")), qPrintable(again.error()));
    QVERIFY(m_lab->sshd->isRunning());
}

QByteArray TestSshdServer::statusField(qint64 pid, const QByteArray &name)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(name + ':')))
            return line.mid(name.size() + 1).simplified();
    }
    return {};
}

// What namespace nodes do, reduced to the pid namespace: unshare stays in ours,
// sshd is pid 1 of a new one and writes "1" to its pid file.
void TestSshdServer::runsAsPidOneBehindALauncher()
{
    SshdConfig config = m_lab->sshdConfig(QStringLiteral("127.0.0.1"), 2023);
    config.argvPrefix += { QStringLiteral("unshare"), QStringLiteral("--pid"), QStringLiteral("--fork"),
        QStringLiteral("--kill-child"), QStringLiteral("--mount"), QStringLiteral("--propagation"),
        QStringLiteral("slave"), QStringLiteral("--mount-proc") };
    SshdServer server(config);
    const Status started = server.start(5000);
    QVERIFY2(started.ok(), qPrintable(started.error()));
    const qint64 launcher = server.pid();
    const qint64 daemon = server.daemonPid();
    QVERIFY(launcher > 0);
    QVERIFY(daemon > 0 && daemon != launcher);
    QCOMPARE(statusField(daemon, "PPid").toLongLong(), launcher);
    QCOMPARE(statusField(daemon, "NSpid"), QByteArray::number(daemon) + " 1");
    Result<int> inside = connectTcpInNetns(m_lab->netnsPath, QStringLiteral("127.0.0.1"), 2023, 1000);
    QVERIFY2(inside.ok(), qPrintable(inside ? QString() : inside.error()));
    ::close(inside.value());

    // unshare blocks SIGTERM: stopping must not wait out the grace for its SIGKILL.
    QElapsedTimer clock;
    clock.start();
    server.stop(3000);
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QStringLiteral("stop took %1 ms").arg(clock.elapsed())));
    QVERIFY(!isAlive(launcher));
    QVERIFY(!isAlive(daemon));
    QCOMPARE(server.daemonPid(), qint64(0));
}

void TestSshdServer::reportsStartFailureWithSshdOutput_data()
{
    QTest::addColumn<QString>("listenAddress");
    QTest::addColumn<quint16>("port");
    QTest::addColumn<QString>("expectedInMessage");
    // The namespace has only lo: this address cannot be bound there.
    QTest::newRow("address not in namespace")
        << QStringLiteral("10.168.255.1") << quint16(22) << QStringLiteral("Cannot assign requested address");
    QTest::newRow("port taken") << QStringLiteral("127.0.0.1") << quint16(22)
                                << QStringLiteral("Address already in use");
}

void TestSshdServer::reportsStartFailureWithSshdOutput()
{
    QFETCH(QString, listenAddress);
    QFETCH(quint16, port);
    QFETCH(QString, expectedInMessage);
    SshdConfig config = m_lab->sshdConfig(listenAddress, port);
    config.runtimeDir += QStringLiteral("-failing");
    SshdServer server(config);
    const Status started = server.start(3000);
    QVERIFY(!started.ok());
    QVERIFY2(started.error().startsWith(QStringLiteral("NodeT: sshd")), qPrintable(started.error()));
    QVERIFY2(started.error().contains(expectedInMessage), qPrintable(started.error()));
    QVERIFY(!server.isRunning());
}

QTEST_GUILESS_MAIN(TestSshdServer)
#include "tst_sshdserver.moc"
