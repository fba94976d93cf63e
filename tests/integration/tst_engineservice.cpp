// The engine as a service for the window, for real: hostile lab names, processes started inside nodes,
// the engine's own scenario runner on the seed demo, and two labs side by side.
#include "labharness.h"

#include "engine/engineclient.h"
#include "engine/runtimedir.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace mlab;

class TestEngineService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hostileLabNamesChangeNothing_data();
    void hostileLabNamesChangeNothing();
    void execStreamsTimesOutAndCancels();
    void downKillsEverythingInsideTheNodes();
    void scenarioRunnerDrivesTheDemo_data();
    void scenarioRunnerDrivesTheDemo();
    void twoLabsSideBySide();

private:
    static bool upOrFail(const LabHarness &lab);
    // Inodes of the lab's network namespaces, to find their processes after the names are gone.
    static QList<ino_t> namespaceInodes(const QString &labName);
    static QStringList processesInNamespaces(const QList<ino_t> &inodes);
};

void TestEngineService::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("integration tests need root: they create network namespaces, taps and a switch");
}

bool TestEngineService::upOrFail(const LabHarness &lab)
{
    const CliResult up = lab.cli({ QStringLiteral("up"), QStringLiteral("--lab"), lab.labFile() }, 60000);
    if (up.exitCode != 0)
        qWarning("up failed: %s%s", qPrintable(up.out), qPrintable(up.err));
    return up.exitCode == 0;
}

QList<ino_t> TestEngineService::namespaceInodes(const QString &labName)
{
    QList<ino_t> inodes;
    for (const QString &entry : QDir(QStringLiteral("/run/netns")).entryList(QDir::Files | QDir::System)) {
        struct stat info
        {
        };
        if (entry.startsWith(QStringLiteral("mlab-%1-").arg(labName))
            && ::stat(QFile::encodeName(QStringLiteral("/run/netns/") + entry).constData(), &info) == 0)
            inodes << info.st_ino;
    }
    return inodes;
}

QStringList TestEngineService::processesInNamespaces(const QList<ino_t> &inodes)
{
    QStringList found;
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        struct stat info
        {
        };
        if (pid.toInt() > 0
            && ::stat(QFile::encodeName(QStringLiteral("/proc/%1/ns/net").arg(pid)).constData(), &info) == 0
            && inodes.contains(info.st_ino)) {
            QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
            comm.open(QIODevice::ReadOnly);
            found << pid + QLatin1Char(' ') + QString::fromUtf8(comm.readAll()).trimmed();
        }
    }
    return found;
}

void TestEngineService::hostileLabNamesChangeNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("down ../x") << QStringList { QStringLiteral("down"), QStringLiteral("--lab"),
        QStringLiteral("../mlab-sentinel") };
    QTest::newRow("down absolute") << QStringList { QStringLiteral("down"), QStringLiteral("--lab"),
        QStringLiteral("/") };
    QTest::newRow("down with newline") << QStringList { QStringLiteral("down"), QStringLiteral("--lab"),
        QStringLiteral("seed\nx") };
    QTest::newRow("status ..") << QStringList { QStringLiteral("status"), QStringLiteral("--lab"),
        QStringLiteral("..") };
    QTest::newRow("exec --lab ../x") << QStringList { QStringLiteral("exec"), QStringLiteral("--lab"),
        QStringLiteral("../x"), QStringLiteral("NodeA"), QStringLiteral("id") };
}

void TestEngineService::hostileLabNamesChangeNothing()
{
    QFETCH(QStringList, arguments);
    // What "../mlab-sentinel" points at from the runtime base: it must survive.
    const QString sentinel = QDir::cleanPath(RuntimeDir::baseDir() + QStringLiteral("/../mlab-sentinel"));
    QVERIFY(QDir().mkpath(sentinel + QStringLiteral("/private")));
    const auto removeSentinel = qScopeGuard([&] { QDir(sentinel).removeRecursively(); });
    const bool baseExisted = QFileInfo::exists(RuntimeDir::baseDir());
    const QStringList labsBefore = RuntimeDir::existingLabs();
    LabHarness harness(QStringLiteral("ithostile")); // only for its cli(); no lab is brought up
    const CliResult result = harness.cli(arguments);
    QVERIFY2(result.exitCode != 0, qPrintable(result.out));
    QVERIFY2(result.err.contains(QStringLiteral("not a lab name")), qPrintable(result.err));
    QVERIFY(QFileInfo::exists(sentinel + QStringLiteral("/private")));
    // Nothing else moved either: the base and every lab in it are as they were.
    QCOMPARE(QFileInfo::exists(RuntimeDir::baseDir()), baseExisted);
    QCOMPARE(RuntimeDir::existingLabs(), labsBefore);
}

void TestEngineService::execStreamsTimesOutAndCancels()
{
    LabHarness lab(QStringLiteral("itexec"));
    QVERIFY(upOrFail(lab));
    EngineClient client;
    QVERIFY(client.connectTo(RuntimeDir(lab.labName()).apiSocket()));
    // Output arrives as it is printed, before the command ends.
    QStringList chunks;
    const EngineReply streamed = client.request(QStringLiteral("exec"),
        { { QStringLiteral("node"), QStringLiteral("NodeA") },
            { QStringLiteral("command"), QStringLiteral("echo one; sleep 0.3; echo two >&2; exit 4") },
            { QStringLiteral("stream"), true } },
        10000, [&](const QJsonObject &event) {
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("exec-output"))
                chunks << event.value(QStringLiteral("stream")).toString() + QLatin1Char(':')
                        + event.value(QStringLiteral("data")).toString().trimmed();
        });
    QVERIFY2(streamed.ok, qPrintable(streamed.message));
    QCOMPARE(streamed.result.toObject().value(QStringLiteral("exitStatus")).toInt(), 4);
    QCOMPARE(chunks, (QStringList { QStringLiteral("stdout:one"), QStringLiteral("stderr:two") }));

    // A timeout kills the command on the node.
    const EngineReply late = client.request(QStringLiteral("exec"),
        { { QStringLiteral("node"), QStringLiteral("NodeA") },
            { QStringLiteral("command"), QStringLiteral("sleep 1004") }, { QStringLiteral("timeoutMs"), 500 } },
        10000);
    QCOMPARE(late.code, QStringLiteral("timeout"));
    QTRY_VERIFY_WITH_TIMEOUT(
        lab.exec(QStringLiteral("NodeA"), QStringLiteral("pgrep -f 'sleep 100[4]' || true")).trimmed().isEmpty(), 3000);

    // So does cancel, from the same connection.
    EngineConnection &engine = client.connection();
    EngineReply cancelled;
    bool answered = false;
    const qint64 id = engine.call(QStringLiteral("exec"),
        { { QStringLiteral("node"), QStringLiteral("NodeB") },
            { QStringLiteral("command"), QStringLiteral("sleep 1005") } },
        [&](const EngineReply &reply) {
            cancelled = reply;
            answered = true;
        });
    QTRY_VERIFY_WITH_TIMEOUT(
        !lab.exec(QStringLiteral("NodeB"), QStringLiteral("pgrep -f 'sleep 100[5]' || true")).trimmed().isEmpty(),
        3000);
    engine.cancel(id);
    QTRY_VERIFY_WITH_TIMEOUT(answered, 5000);
    QCOMPARE(cancelled.code, QStringLiteral("cancelled"));
    QTRY_VERIFY_WITH_TIMEOUT(
        lab.exec(QStringLiteral("NodeB"), QStringLiteral("pgrep -f 'sleep 100[5]' || true")).trimmed().isEmpty(), 3000);
}

void TestEngineService::downKillsEverythingInsideTheNodes()
{
    LabHarness lab(QStringLiteral("itsvc"));
    QVERIFY(upOrFail(lab));
    // A user's background server started through exec, and a shell entered with ip netns exec.
    int exitCode = -1;
    lab.exec(QStringLiteral("NodeB"), QStringLiteral("sleep 1001 >/dev/null 2>&1 &"), &exitCode);
    QCOMPARE(exitCode, 0);
    QProcess::startDetached(QStringLiteral("ip"),
        { QStringLiteral("netns"), QStringLiteral("exec"), RuntimeDir(lab.labName()).netnsName(QStringLiteral("NodeA")),
            QStringLiteral("sleep"), QStringLiteral("1002") });
    const QList<ino_t> inodes = namespaceInodes(lab.labName());
    QCOMPARE(inodes.size(), 3); // NodeA, NodeB, management
    QTRY_VERIFY_WITH_TIMEOUT(
        processesInNamespaces(inodes).join(QLatin1Char(' ')).contains(QStringLiteral("sleep")), 3000);

    const CliResult down = lab.cli({ QStringLiteral("down"), QStringLiteral("--lab"), lab.labName() });
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    // The moment down returns, nothing runs in the lab's namespaces: they are really gone.
    QCOMPARE(processesInNamespaces(inodes), QStringList());
    QVERIFY2(down.out.contains(QStringLiteral("were killed")), qPrintable(down.out));
    QVERIFY2(down.out.contains(QStringLiteral("sleep")), qPrintable(down.out));
    QVERIFY2(lab.leftovers().isEmpty(), qPrintable(lab.leftovers().join(QLatin1Char('\n'))));
}

void TestEngineService::scenarioRunnerDrivesTheDemo_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("cut") << QStringLiteral("cut");
    QTest::newRow("unplug") << QStringLiteral("unplug");
}

void TestEngineService::scenarioRunnerDrivesTheDemo()
{
    QFETCH(QString, mode);
    LabHarness lab(QStringLiteral("itscen"));
    QVERIFY(upOrFail(lab));
    EngineClient events;
    QVERIFY(events.connectTo(RuntimeDir(lab.labName()).apiSocket()));
    QVERIFY(events.call(QStringLiteral("subscribe"),
        { { QStringLiteral("topics"), QJsonArray { QStringLiteral("scenario"), QStringLiteral("link") } } }));
    EngineClient control;
    QVERIFY(control.connectTo(RuntimeDir(lab.labName()).apiSocket()));
    const Result<QJsonValue> started = control.call(QStringLiteral("scenario"),
        { { QStringLiteral("action"), QStringLiteral("start") }, { QStringLiteral("durationS"), 9 },
            { QStringLiteral("breakAtS"), 2 }, { QStringLiteral("restoreAtS"), 6 }, { QStringLiteral("mode"), mode } });
    QVERIFY2(started, qPrintable(started.error()));
    // A second one is refused while it runs.
    const EngineReply second
        = control.request(QStringLiteral("scenario"), { { QStringLiteral("action"), QStringLiteral("start") } });
    QCOMPARE(second.code, QStringLiteral("busy"));

    QJsonObject finished;
    QStringList actions;
    QList<bool> linkStates;
    QStringList linkModes;
    QElapsedTimer clock;
    clock.start();
    while (finished.isEmpty() && clock.elapsed() < 60000) {
        QVERIFY(events.waitForEvents(200, [&](const QJsonObject &event) {
            const QString name = event.value(QStringLiteral("event")).toString();
            if (name == QLatin1String("link")) {
                linkStates << event.value(QStringLiteral("broken")).toBool();
                linkModes << event.value(QStringLiteral("mode")).toString();
            } else if (event.value(QStringLiteral("finished")).toBool()) {
                finished = event;
            } else if (name == QLatin1String("scenario")) {
                actions << event.value(QStringLiteral("action")).toString();
            }
        }));
    }
    QCOMPARE(finished.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    QVERIFY2(actions.contains(QStringLiteral("break")) && actions.contains(QStringLiteral("restore")),
        qPrintable(actions.join(u',')));
    QCOMPARE(linkStates, (QList<bool> { true, false }));
    QCOMPARE(linkModes, (QStringList { mode, mode }));
    const qint64 broke = finished.value(QStringLiteral("brokeAtMs")).toInteger();
    const qint64 restored = finished.value(QStringLiteral("restoredAtMs")).toInteger();
    QVERIFY(broke > 0);
    QVERIFY(restored - broke >= 3500 && restored - broke < 6000);
    // The engine's report, the same the window will show.
    const QJsonObject report = finished.value(QStringLiteral("report")).toObject();
    QVERIFY(!report.isEmpty());
    QVERIFY(report.contains(QStringLiteral("phases")));
    QVERIFY(finished.value(QStringLiteral("summary")).toString().contains(QStringLiteral("path2")));
    // Traffic stopped, link restored, and status says so.
    const QJsonObject status = lab.status();
    QVERIFY(status.value(QStringLiteral("traffic")).toObject().value(QStringLiteral("state")).toString()
        != QLatin1String("running"));
    for (const QJsonValue &path : status.value(QStringLiteral("paths")).toArray())
        QVERIFY(!path.toObject().value(QStringLiteral("broken")).toBool());
}

void TestEngineService::twoLabsSideBySide()
{
    LabHarness first(QStringLiteral("itpairA"));
    LabHarness second(QStringLiteral("itpairB"));
    QVERIFY(upOrFail(first));
    QVERIFY(upOrFail(second));
    QCOMPARE(first.exec(QStringLiteral("NodeA"), QStringLiteral("hostname")).trimmed(), QStringLiteral("NodeA"));
    QCOMPARE(second.exec(QStringLiteral("NodeA"), QStringLiteral("hostname")).trimmed(), QStringLiteral("NodeA"));
    // Breaking a link of one lab leaves the other's switch alone.
    const CliResult broken = first.cli(
        { QStringLiteral("break"), QStringLiteral("--lab"), first.labName(), QStringLiteral("NodeA:eth0") });
    QVERIFY2(broken.exitCode == 0, qPrintable(broken.err));
    auto vlanOfPort10 = [](const QJsonObject &status) {
        for (const QJsonValue &port : status.value(QStringLiteral("ports")).toArray()) {
            if (port.toObject().value(QStringLiteral("port")).toInt() == 10)
                return port.toObject().value(QStringLiteral("vlan")).toInt();
        }
        return -1;
    };
    QCOMPARE(vlanOfPort10(first.status()), 4);
    QCOMPARE(vlanOfPort10(second.status()), 1);
    // A pkill in one lab's node cannot reach the other lab's processes.
    int exitCode = -1;
    second.exec(QStringLiteral("NodeA"), QStringLiteral("sleep 1003 >/dev/null 2>&1 &"), &exitCode);
    // "100[3]" matches the sleep but not the shell that runs pkill or pgrep.
    first.exec(QStringLiteral("NodeA"), QStringLiteral("pkill -f 'sleep 100[3]'"), &exitCode);
    QVERIFY(second.exec(QStringLiteral("NodeA"), QStringLiteral("pgrep -f 'sleep 100[3]'")).trimmed().toInt() > 0);
    // Taking one down leaves the other running and reachable.
    const CliResult down = first.cli({ QStringLiteral("down"), QStringLiteral("--lab"), first.labName() });
    QVERIFY2(down.exitCode == 0, qPrintable(down.err));
    QVERIFY(first.leftovers().isEmpty());
    QCOMPARE(second.status().value(QStringLiteral("phase")).toString(), QStringLiteral("ready"));
    QCOMPARE(second.exec(QStringLiteral("NodeB"), QStringLiteral("hostname")).trimmed(), QStringLiteral("NodeB"));
}

QTEST_GUILESS_MAIN(TestEngineService)
#include "tst_engineservice.moc"
