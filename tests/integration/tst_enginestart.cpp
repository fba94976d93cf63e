// Starting a lab's engine for a user who is not root, for real (lab "itlaunch", a copy of the seed):
// - as uid 65534 (nobody) with neither pkexec nor sudo, `up` says what to do and changes nothing;
// - an engine started by root for uid 65534 (SUDO_UID under sudo, PKEXEC_UID under pkexec) serves that user
//   (status, up, break, down) and refuses another one;
// - that engine reads the lab file as uid 65534: a root-only file is refused;
// - EngineStarter as root starts `serve ... --background` and finds the engine again the second time.
// No sudoers rule or polkit policy is installed: granting uid 65534 root for a test is not worth it.
#include "labharness.h"

#include "engine/engineclient.h"
#include "engine/enginestarter.h"
#include "engine/runtimedir.h"
#include "lab/labfile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mlab;

namespace {

constexpr uint kNobody = 65534;
constexpr uint kStranger = 65533; // a uid with no account, not the owner

// Runs mptcplab-cli as uid (and the same gid, no supplementary groups), with environment changes.
CliResult cliAs(
    uint uid, const QStringList &arguments, const QHash<QString, QString> &environment = {}, int timeoutMs = 60000)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Whoever ran the tests under sudo is no part of this.
    env.remove(QStringLiteral("SUDO_UID"));
    env.remove(QStringLiteral("SUDO_GID"));
    env.remove(QStringLiteral("PKEXEC_UID"));
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(QStringLiteral("/"));
    if (uid != 0) {
        process.setChildProcessModifier([uid] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(gid_t(uid)) != 0 || ::setuid(uid_t(uid)) != 0)
                ::_exit(120);
        });
    }
    return LabHarness::runCli(process, arguments, timeoutMs);
}

} // namespace

class TestEngineStart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void upAsUserWithoutPkexecOrSudoChangesNothing();
    void engineServesItsOwner_data();
    void engineServesItsOwner();
    void engineRefusesALabFileItsOwnerCannotRead();
    void starterAsRootStartsAndFindsTheEngine();

private:
    std::unique_ptr<LabHarness> m_lab;
};

void TestEngineStart::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root: the engine creates namespaces, and the test runs commands as uid 65534");
    m_lab = std::make_unique<LabHarness>(QStringLiteral("itlaunch"));
    // uid 65534 must reach the lab file whatever the umask was.
    QVERIFY(::chmod(QFile::encodeName(QFileInfo(m_lab->labFile()).path()).constData(), 0755) == 0);
    QVERIFY(::chmod(QFile::encodeName(m_lab->labFile()).constData(), 0644) == 0);
    const CliResult version = cliAs(kNobody, { QStringLiteral("--version") });
    if (version.exitCode != 0)
        QSKIP(qPrintable(QStringLiteral("uid 65534 cannot run %1 (a directory on the way is not world-searchable?)")
                             .arg(LabHarness::cliPath())));
}

void TestEngineStart::cleanup()
{
    if (!m_lab)
        return;
    cliAs(0, { QStringLiteral("down"), QStringLiteral("--lab"), m_lab->labName() });
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(QLatin1Char('\n'))));
}

void TestEngineStart::upAsUserWithoutPkexecOrSudoChangesNothing()
{
    // PATH without pkexec and sudo, whatever this machine has installed.
    const CliResult up = cliAs(kNobody, { QStringLiteral("up"), QStringLiteral("--lab"), m_lab->labFile() },
        { { QStringLiteral("PATH"), QStringLiteral("/nonexistent") } });
    QCOMPARE(up.exitCode, 1);
    for (const char *name : { "cannot start the engine of lab itlaunch: it needs root", "pkexec is not installed",
             "apt-get install pkexec", "`sudo mptcplab-cli up`", "sudo without a password" })
        QVERIFY2(up.err.contains(QLatin1String(name)), qPrintable(QLatin1String(name) + QLatin1String(": ") + up.err));
    // The policy is named only when it is missing on this machine.
    const bool policyInstalled = QFile::exists(EngineStarter::installedPolicyFile());
    QCOMPARE(up.err.contains(QLatin1String("sudo cmake --install build")), !policyInstalled);
    QVERIFY2(!up.err.contains(QLatin1String("needs root (it creates")), qPrintable(up.err)); // not the old refusal
    QVERIFY(!RuntimeDir(m_lab->labName()).exists());
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(QLatin1Char('\n'))));
}

void TestEngineStart::engineServesItsOwner_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QStringList>("start"); // how root starts the engine
    // sudo mptcplab-cli up, as a person types it; pkexec ... serve --lab FILE --background, as EngineStarter runs it.
    QTest::newRow("SUDO_UID, up") << QStringLiteral("SUDO_UID") << QStringList { QStringLiteral("up") };
    QTest::newRow("PKEXEC_UID, serve background")
        << QStringLiteral("PKEXEC_UID") << QStringList { QStringLiteral("serve"), QStringLiteral("--background") };
}

void TestEngineStart::engineServesItsOwner()
{
    QFETCH(QString, variable);
    QFETCH(QStringList, start);
    QStringList arguments { start.first(), QStringLiteral("--lab"), m_lab->labFile() };
    arguments += start.mid(1);
    const CliResult started = cliAs(0, arguments, { { variable, QString::number(kNobody) } });
    QVERIFY2(started.exitCode == 0, qPrintable(started.out + started.err));

    const CliResult status = cliAs(kNobody, { QStringLiteral("status"), QStringLiteral("--lab"), m_lab->labName() });
    QVERIFY2(status.exitCode == 0, qPrintable(status.out + status.err));
    QVERIFY2(status.out.startsWith(QLatin1String("lab itlaunch: ")), qPrintable(status.out));

    const CliResult stranger
        = cliAs(kStranger, { QStringLiteral("status"), QStringLiteral("--lab"), m_lab->labName() });
    QCOMPARE(stranger.exitCode, 1);

    // The owner's own `up` finds the engine and brings the lab up through it: no root needed any more.
    const CliResult up = cliAs(kNobody, { QStringLiteral("up"), QStringLiteral("--lab"), m_lab->labFile() },
        { { QStringLiteral("PATH"), QStringLiteral("/nonexistent") } }, 120000);
    QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
    QVERIFY2(up.out.contains(QLatin1String("lab itlaunch is ready")), qPrintable(up.out));
    const CliResult broken = cliAs(
        kNobody, { QStringLiteral("break"), QStringLiteral("NodeA:eth0"), QStringLiteral("--lab"), m_lab->labName() });
    QVERIFY2(broken.exitCode == 0, qPrintable(broken.out + broken.err));

    // Only the owner (or root) takes it down.
    const CliResult strangerDown
        = cliAs(kStranger, { QStringLiteral("down"), QStringLiteral("--lab"), m_lab->labName() });
    QCOMPARE(strangerDown.exitCode, 1);
    QVERIFY2(strangerDown.err.contains(QLatin1String("does not answer you")), qPrintable(strangerDown.err));
    QVERIFY(!m_lab->leftovers().isEmpty());
    const CliResult down = cliAs(kNobody, { QStringLiteral("down"), QStringLiteral("--lab"), m_lab->labName() });
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(QLatin1Char('\n'))));
}

void TestEngineStart::engineRefusesALabFileItsOwnerCannotRead()
{
    const QString secret = QFileInfo(m_lab->labFile()).path() + QStringLiteral("/root-only.json");
    QFile::remove(secret);
    QVERIFY(QFile::copy(m_lab->labFile(), secret));
    QVERIFY(::chmod(QFile::encodeName(secret).constData(), 0600) == 0);
    const CliResult serve
        = cliAs(0, { QStringLiteral("serve"), QStringLiteral("--lab"), secret, QStringLiteral("--background") },
            { { QStringLiteral("PKEXEC_UID"), QString::number(kNobody) } });
    QCOMPARE(serve.exitCode, 1);
    QVERIFY2(serve.err.contains(secret
                 + QStringLiteral(": cannot read the lab file as nobody (uid 65534): "
                                  "Permission denied")),
        qPrintable(serve.err));
    QVERIFY(!RuntimeDir(m_lab->labName()).exists());
    // The same file, readable by its owner, is served.
    QVERIFY(::chown(QFile::encodeName(secret).constData(), kNobody, kNobody) == 0);
    const CliResult owned
        = cliAs(0, { QStringLiteral("serve"), QStringLiteral("--lab"), secret, QStringLiteral("--background") },
            { { QStringLiteral("PKEXEC_UID"), QString::number(kNobody) } });
    QVERIFY2(owned.exitCode == 0, qPrintable(owned.out + owned.err));
    QFile::remove(secret);
}

void TestEngineStart::starterAsRootStartsAndFindsTheEngine()
{
    const Result<Lab> lab = loadLabFile(m_lab->labFile());
    QVERIFY2(lab.ok(), qPrintable(lab.error()));
    for (const bool running : { false, true }) {
        EngineStarter starter(LabHarness::cliPath());
        QCOMPARE(starter.tools().root, true);
        QStringList progress;
        connect(&starter, &EngineStarter::progress, this, [&](const QString &message) { progress << message; });
        QSignalSpy started(&starter, &EngineStarter::started);
        QSignalSpy failed(&starter, &EngineStarter::failed);
        starter.start(*lab);
        QTRY_COMPARE_WITH_TIMEOUT(started.count() + failed.count(), 1, 20000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QCOMPARE(started.first().first().toString(), RuntimeDir(lab->name).apiSocket());
        const QString said = progress.join(QLatin1Char('\n'));
        QVERIFY2(said.contains(QLatin1String("already has an engine")) == running, qPrintable(said));
        EngineClient client;
        QVERIFY(client.connectTo(RuntimeDir(lab->name).apiSocket()));
        QVERIFY(client.call(QStringLiteral("status")).ok());
    }
}

QTEST_GUILESS_MAIN(TestEngineStart)
#include "tst_enginestart.moc"
