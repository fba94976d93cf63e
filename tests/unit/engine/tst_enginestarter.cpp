// EngineStarter: which way it chooses (every row of the decision), and how it follows that way, against fake
// pkexec, sudo and mptcplab-cli scripts and a fake engine socket: no root, no real engine needed.
#include "engine/enginestarter.h"
#include "engine/runtimedir.h"

#include "testsupport.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlab;

namespace {

// Answers every request line as an engine would answer hello; or, refusing, sends the engine's
// permission-denied line and closes, as an engine of another user does.
class FakeEngine : public QObject
{
public:
    explicit FakeEngine(bool refusing = false)
        : m_refusing(refusing)
    {
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                if (m_refusing) {
                    socket->write(R"({"id": null, "ok": false, "error": {"code": "permission-denied", )"
                                  R"("message": "permission denied: lab seed belongs to uid 1000; uid 1001 may not )"
                                  R"(control it"}})"
                                  "\n");
                    socket->disconnectFromServer();
                    continue;
                }
                connect(socket, &QLocalSocket::readyRead, socket, [socket] {
                    while (socket->canReadLine()) {
                        const QJsonObject request = QJsonDocument::fromJson(socket->readLine()).object();
                        const QJsonObject reply { { QStringLiteral("id"), request.value(QStringLiteral("id")) },
                            { QStringLiteral("ok"), true },
                            { QStringLiteral("result"), QJsonObject { { QStringLiteral("protocolVersion"), 1 } } } };
                        socket->write(QJsonDocument(reply).toJson(QJsonDocument::Compact) + '\n');
                    }
                });
            }
        });
    }
    bool listen(const QString &path)
    {
        QDir().mkpath(QFileInfo(path).path());
        QLocalServer::removeServer(path);
        return m_server.listen(path);
    }
    int connections() const { return m_connections; }

private:
    QLocalServer m_server;
    bool m_refusing;
    int m_connections = 0;
};

} // namespace

class TestEngineStarter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void chooseMethod_data();
    void chooseMethod();
    void runningEngineIsUsedAsItIs();
    void engineOfAnotherUserIsNamed();
    void launchOutcome_data();
    void launchOutcome();
    void pkexecStartsTheEngine();
    void sudoIsAskedForTheVeryCommand();
    void rootRunsServeItself();
    void engineThatNeverAnswersTimesOut();
    void pkexecWithoutAnswerTimesOut();
    void missingProgramIsNamed();

private:
    // A shell script at dir/name; its arguments are appended to dir/name.args, one call per line.
    QString fake(const QString &name, const QByteArray &body);
    QStringList calls(const QString &name) const;
    EngineStarter::Tools tools(bool pkexec, bool policy, bool sudo);
    QString socketPath() const { return RuntimeDir(m_lab.name).apiSocket(); }
    // Waits for started or failed; returns the failure, or an empty string once started.
    static QString outcome(QSignalSpy &started, QSignalSpy &failed, int timeoutMs = 10000);

    std::unique_ptr<QTemporaryDir> m_dir;
    Lab m_lab;
    QString m_cli;
};

void TestEngineStarter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("MPTCPLAB_RUNTIME_DIR", QFile::encodeName(m_dir->filePath(QStringLiteral("run"))));
    m_lab = test::seedLab();
    m_cli = fake(QStringLiteral("mptcplab-cli"), "exit 0");
}

void TestEngineStarter::cleanup()
{
    m_dir.reset();
    qunsetenv("MPTCPLAB_RUNTIME_DIR");
}

QString TestEngineStarter::fake(const QString &name, const QByteArray &body)
{
    const QString path = m_dir->filePath(name);
    QFile script(path);
    if (!script.open(QIODevice::WriteOnly))
        return {};
    script.write("#!/bin/sh\necho \"$*\" >> '" + QFile::encodeName(path) + ".args'\n" + body + "\n");
    script.close();
    script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

QStringList TestEngineStarter::calls(const QString &name) const
{
    QFile args(m_dir->filePath(name + QStringLiteral(".args")));
    if (!args.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(args.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

EngineStarter::Tools TestEngineStarter::tools(bool pkexec, bool policy, bool sudo)
{
    EngineStarter::Tools tools;
    tools.root = false;
    tools.pkexec = pkexec ? fake(QStringLiteral("pkexec"), "exit 0") : QString();
    tools.sudo = sudo ? fake(QStringLiteral("sudo"), "exit 1") : QString();
    tools.policyFile = m_dir->filePath(QStringLiteral("org.mptcplab.engine.policy"));
    if (policy) {
        QFile file(tools.policyFile);
        file.open(QIODevice::WriteOnly);
    }
    tools.startTimeoutMs = 3000;
    tools.authTimeoutMs = 3000;
    tools.probeTimeoutMs = 3000;
    return tools;
}

QString TestEngineStarter::outcome(QSignalSpy &started, QSignalSpy &failed, int timeoutMs)
{
    if (!QTest::qWaitFor([&] { return started.count() + failed.count() > 0; }, timeoutMs))
        return QStringLiteral("neither started nor failed within %1 ms").arg(timeoutMs);
    if (failed.count() > 0)
        return failed.first().first().toString();
    return started.count() > 0 ? QString() : QStringLiteral("neither started nor failed");
}

void TestEngineStarter::chooseMethod_data()
{
    QTest::addColumn<bool>("root");
    QTest::addColumn<bool>("pkexec");
    QTest::addColumn<bool>("policy");
    QTest::addColumn<bool>("sudo");
    QTest::addColumn<int>("method"); // -1: none
    QTest::addColumn<QStringList>("messageNames"); // what the failure message must name

    const int asRoot = int(EngineStarter::Method::AsRoot);
    const int pkexec = int(EngineStarter::Method::Pkexec);
    const int sudo = int(EngineStarter::Method::Sudo);
    const QStringList always { QStringLiteral("sudo mptcplab-cli up"), QStringLiteral("docs/engine-start.md"),
        QStringLiteral("sudo -n cannot run mptcplab-cli serve without a password") };
    const QStringList noPkexec
        = always + QStringList { QStringLiteral("pkexec is not installed"), QStringLiteral("apt-get install pkexec") };
    const QStringList noPolicy = always
        + QStringList { QStringLiteral("polkit policy is not installed"),
              QStringLiteral("/usr/share/polkit-1/actions/org.mptcplab.engine.policy"),
              QStringLiteral("sudo cmake --install build"), QStringLiteral("-DCMAKE_INSTALL_PREFIX=/usr") };

    for (bool p : { false, true }) {
        for (bool q : { false, true }) {
            for (bool s : { false, true }) {
                const QString tag = QStringLiteral("root, pkexec %1, policy %2, sudo %3")
                                        .arg(p ? u"yes" : u"no", q ? u"yes" : u"no", s ? u"yes" : u"no");
                QTest::newRow(qPrintable(tag)) << true << p << q << s << asRoot << QStringList();
            }
        }
    }
    QTest::newRow("user, pkexec and policy, sudo too") << false << true << true << true << pkexec << QStringList();
    QTest::newRow("user, pkexec and policy, no sudo") << false << true << true << false << pkexec << QStringList();
    QTest::newRow("user, pkexec without policy, sudo") << false << true << false << true << sudo << QStringList();
    QTest::newRow("user, policy without pkexec, sudo") << false << false << true << true << sudo << QStringList();
    QTest::newRow("user, neither, sudo") << false << false << false << true << sudo << QStringList();
    QTest::newRow("user, pkexec without policy, no sudo")
        << false << true << false << false << -1 << (noPolicy + QStringList { QStringLiteral("install MPTCP Lab") });
    QTest::newRow("user, policy without pkexec, no sudo") << false << false << true << false << -1 << noPkexec;
    QTest::newRow("user, nothing") << false << false << false << false << -1 << (noPkexec + noPolicy);
}

void TestEngineStarter::chooseMethod()
{
    QFETCH(bool, root);
    QFETCH(bool, pkexec);
    QFETCH(bool, policy);
    QFETCH(bool, sudo);
    QFETCH(int, method);
    QFETCH(QStringList, messageNames);

    const Result<EngineStarter::Method> chosen = EngineStarter::chooseMethod({ root, pkexec, policy, sudo });
    if (method >= 0) {
        QVERIFY2(chosen.ok(), qPrintable(chosen.error()));
        QCOMPARE(int(*chosen), method);
        return;
    }
    QVERIFY(!chosen.ok());
    for (const QString &name : messageNames)
        QVERIFY2(chosen.error().contains(name), qPrintable(name + QStringLiteral(" missing from: ") + chosen.error()));
    // Only what is really missing is called missing.
    QCOMPARE(chosen.error().contains(QLatin1String("pkexec is not installed")), !pkexec);
    QCOMPARE(chosen.error().contains(QLatin1String("policy is not installed")), !policy);
}

void TestEngineStarter::runningEngineIsUsedAsItIs()
{
    FakeEngine engine;
    QVERIFY(engine.listen(socketPath()));
    EngineStarter starter(m_cli);
    starter.setTools(tools(true, true, true));
    QSignalSpy started(&starter, &EngineStarter::started);
    QSignalSpy failed(&starter, &EngineStarter::failed);
    starter.start(m_lab);
    QVERIFY(starter.isBusy());
    QCOMPARE(started.count() + failed.count(), 0); // never from inside start()
    QCOMPARE(outcome(started, failed), QString());
    QCOMPARE(started.first().first().toString(), socketPath());
    QVERIFY(calls(QStringLiteral("pkexec")).isEmpty());
    QVERIFY(calls(QStringLiteral("sudo")).isEmpty());
    QVERIFY(!starter.isBusy());
}

void TestEngineStarter::engineOfAnotherUserIsNamed()
{
    FakeEngine engine(true);
    QVERIFY(engine.listen(socketPath()));
    EngineStarter starter(m_cli);
    starter.setTools(tools(true, true, true));
    QSignalSpy started(&starter, &EngineStarter::started);
    QSignalSpy failed(&starter, &EngineStarter::failed);
    starter.start(m_lab);
    const QString reason = outcome(started, failed);
    QVERIFY2(reason.contains(QLatin1String("already running for another user"))
            && reason.contains(QLatin1String("belongs to uid 1000")),
        qPrintable(reason));
    QVERIFY(calls(QStringLiteral("pkexec")).isEmpty());
}

void TestEngineStarter::launchOutcome_data()
{
    QTest::addColumn<QByteArray>("pkexec"); // the fake pkexec's body
    QTest::addColumn<QStringList>("reasonNames");

    QTest::newRow("dialog dismissed (126)")
        << QByteArray("exit 126") << QStringList { QStringLiteral("the password dialog was dismissed") };
    QTest::newRow("not authorized (127)")
        << QByteArray("echo 'Error executing command as another user: Not authorized' >&2; exit 127")
        << QStringList { QStringLiteral("pkexec did not authorize it"), QStringLiteral("Not authorized") };
    QTest::newRow("no authentication agent (127)")
        << QByteArray("echo 'Error executing command as another user: No authentication agent found.' >&2; exit 127")
        << QStringList { QStringLiteral("No polkit authentication agent"), QStringLiteral("sudo mptcplab-cli up") };
    QTest::newRow("serve failed") << QByteArray(
        "echo 'mptcplab-cli serve: /x.json: cannot read the lab file as alice (uid 1000): Permission "
        "denied' >&2; exit 1")
                                  << QStringList { QStringLiteral(
                                         "did not start (pkexec exited with status 1): /x.json: cannot read the lab "
                                         "file as alice (uid 1000): Permission denied") };
}

void TestEngineStarter::launchOutcome()
{
    QFETCH(QByteArray, pkexec);
    QFETCH(QStringList, reasonNames);
    EngineStarter::Tools fakes = tools(true, true, false);
    fakes.pkexec = fake(QStringLiteral("pkexec"), pkexec);
    EngineStarter starter(m_cli);
    starter.setTools(fakes);
    QSignalSpy started(&starter, &EngineStarter::started);
    QSignalSpy failed(&starter, &EngineStarter::failed);
    starter.start(m_lab);
    const QString reason = outcome(started, failed);
    for (const QString &name : reasonNames)
        QVERIFY2(reason.contains(name), qPrintable(name + QStringLiteral(" missing from: ") + reason));
    QVERIFY2(reason.contains(m_lab.name), qPrintable(reason));
}

void TestEngineStarter::pkexecStartsTheEngine()
{
    EngineStarter starter(m_cli);
    starter.setTools(tools(true, true, true));
    FakeEngine engine;
    QStringList progress;
    // The fake engine listens once pkexec is on its way, as serve's would.
    connect(&starter, &EngineStarter::progress, this, [&](const QString &message) {
        progress << message;
        if (message.contains(QLatin1String("with pkexec")))
            engine.listen(socketPath());
    });
    QSignalSpy started(&starter, &EngineStarter::started);
    QSignalSpy failed(&starter, &EngineStarter::failed);
    starter.start(m_lab);
    QCOMPARE(outcome(started, failed), QString());
    QCOMPARE(calls(QStringLiteral("pkexec")),
        QStringList { m_cli + QStringLiteral(" serve --lab ") + m_lab.sourceFile + QStringLiteral(" --background") });
    QVERIFY(calls(QStringLiteral("sudo")).isEmpty()); // pkexec comes first
    QVERIFY2(progress.join(QLatin1Char('\n')).contains(QLatin1String("password may be asked for (waiting up to 3 s)")),
        qPrintable(progress.join(QLatin1Char('\n'))));
}

void TestEngineStarter::sudoIsAskedForTheVeryCommand()
{
    EngineStarter::Tools fakes = tools(false, false, true);
    fakes.sudo = fake(QStringLiteral("sudo"), "exit 0");
    EngineStarter starter(m_cli);
    starter.setTools(fakes);
    FakeEngine engine;
    connect(&starter, &EngineStarter::progress, this, [&](const QString &message) {
        if (message.contains(QLatin1String("with sudo -n")))
            engine.listen(socketPath());
    });
    QSignalSpy started(&starter, &EngineStarter::started);
    QSignalSpy failed(&starter, &EngineStarter::failed);
    starter.start(m_lab);
    QCOMPARE(outcome(started, failed), QString());
    const QString serve = m_cli + QStringLiteral(" serve --lab ") + m_lab.sourceFile + QStringLiteral(" --background");
    QCOMPARE(calls(QStringLiteral("sudo")),
        (QStringList { QStringLiteral("-n -l ") + serve, QStringLiteral("-n ") + serve }));
}

void TestEngineStarter::rootRunsServeItself()
{
    EngineStarter::Tools fakes = tools(true, true, true);
    fakes.root = true;
    EngineStarter starter(m_cli);
    starter.setTools(fakes);
    FakeEngine engine;
    connect(&starter, &EngineStarter::progress, this, [&](const QString &message) {
        if (message.startsWith(QLatin1String("starting the engine")))
            engine.listen(socketPath());
    });
    QSignalSpy started(&starter, &EngineStarter::started);
    QSignalSpy failed(&starter, &EngineStarter::failed);
    starter.start(m_lab);
    QCOMPARE(outcome(started, failed), QString());
    QCOMPARE(calls(QStringLiteral("mptcplab-cli")),
        QStringList { QStringLiteral("serve --lab ") + m_lab.sourceFile + QStringLiteral(" --background") });
    QVERIFY(calls(QStringLiteral("pkexec")).isEmpty());
}

void TestEngineStarter::engineThatNeverAnswersTimesOut()
{
    EngineStarter::Tools fakes = tools(true, true, false);
    fakes.startTimeoutMs = 500;
    EngineStarter starter(m_cli);
    starter.setTools(fakes);
    QSignalSpy started(&starter, &EngineStarter::started);
    QSignalSpy failed(&starter, &EngineStarter::failed);
    starter.start(m_lab);
    const QString reason = outcome(started, failed);
    QVERIFY2(reason.contains(QStringLiteral("did not answer on ") + socketPath() + QStringLiteral(" within 0.5 s")),
        qPrintable(reason));
    QVERIFY2(reason.contains(QLatin1String("engine.log")), qPrintable(reason));
}

void TestEngineStarter::pkexecWithoutAnswerTimesOut()
{
    EngineStarter::Tools fakes = tools(true, true, false);
    fakes.pkexec = fake(QStringLiteral("pkexec"), "exec sleep 30");
    fakes.authTimeoutMs = 300;
    QElapsedTimer clock;
    clock.start();
    {
        EngineStarter starter(m_cli);
        starter.setTools(fakes);
        QSignalSpy started(&starter, &EngineStarter::started);
        QSignalSpy failed(&starter, &EngineStarter::failed);
        starter.start(m_lab);
        const QString reason = outcome(started, failed);
        QVERIFY2(reason.contains(QLatin1String("pkexec had no answer")), qPrintable(reason));
    }
    QVERIFY2(clock.elapsed() < 5000, "giving up must never wait for the process");
}

void TestEngineStarter::missingProgramIsNamed()
{
    EngineStarter::Tools fakes = tools(true, true, false);
    fakes.pkexec = m_dir->filePath(QStringLiteral("no-such-pkexec"));
    EngineStarter starter(m_cli);
    starter.setTools(fakes);
    QSignalSpy started(&starter, &EngineStarter::started);
    QSignalSpy failed(&starter, &EngineStarter::failed);
    starter.start(m_lab);
    const QString reason = outcome(started, failed);
    QVERIFY2(reason.contains(QLatin1String("cannot run ")) && reason.contains(fakes.pkexec), qPrintable(reason));
}

QTEST_GUILESS_MAIN(TestEngineStarter)
#include "tst_enginestarter.moc"
