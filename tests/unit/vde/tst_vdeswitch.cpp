// Runs a real vde_switch (package vde2) in a temporary directory. Needs no root:
// traffic goes through vde_plug processes reading and writing raw frames on
// their stdin/stdout, never through a tap or the machine's network.

#include "vde/vdeswitch.h"
#include "vdetestsupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace mlab;
using namespace mlab::test;

class TestVdeSwitch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void layoutPutsEachPortOnItsVlan_data();
    void layoutPutsEachPortOnItsVlan();
    void vlanTableMatchesLayout();
    void applyLayoutTwiceIsHarmless();
    void cutToDeadVlanAndRestore();
    void refusedCommands_data();
    void refusedCommands();
    void transcriptSeesEveryCommand();
    void countersFromLivePlugs();
    void startRefusesUnsafeDirectory_data();
    void startRefusesUnsafeDirectory();
    void startRefusesBusyDirectory();
    void diedOnExternalSigkill();
    void stopLeavesNothingBehind();
    void restartFromDiedHandler();
    void worksOnALabThread();

private:
    QTemporaryDir m_tmp;
    VdeSwitch m_switch;
    Layout m_layout;
    QString m_dir;
};

void TestVdeSwitch::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("vde_switch")).isEmpty())
        QSKIP("vde_switch not installed (Debian package vde2)");
    QVERIFY(m_tmp.isValid());
    m_layout = seedLayout();
    QCOMPARE(m_layout.portVlan.size(), 7); // host tap, two management ports, four path ports
    m_dir = m_tmp.filePath(QStringLiteral("seed"));

    QElapsedTimer clock;
    clock.start();
    const Status started = m_switch.start(m_dir, 32);
    QVERIFY2(started, why(started));
    qInfo("vde_switch ready %lld ms after start()", clock.elapsed());
    QVERIFY(m_switch.pid() > 0);
    QVERIFY(m_switch.management()->isConnected());
    QVERIFY(m_switch.management()->banner().startsWith(QLatin1String("VDE switch")));

    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(m_dir).constData(), &st), 0);
    QVERIFY(S_ISDIR(st.st_mode));
    QCOMPARE(st.st_mode & 07777, 0700u);
    QVERIFY(QFileInfo::exists(m_dir + QStringLiteral("/switch.mgmt")));
    QVERIFY(QFileInfo::exists(m_dir + QStringLiteral("/switch/ctl")));
    QCOMPARE(m_switch.plugUrl(10), QStringLiteral("vde://%1/switch[10]").arg(m_dir));

    const Status applied = m_switch.applyLayout(m_layout.vlans, m_layout.portVlan);
    QVERIFY2(applied, why(applied));
}

void TestVdeSwitch::cleanupTestCase()
{
    m_switch.stop();
}

void TestVdeSwitch::layoutPutsEachPortOnItsVlan_data()
{
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("vlan");
    const Layout layout = seedLayout();
    for (auto it = layout.portVlan.cbegin(); it != layout.portVlan.cend(); ++it)
        QTest::addRow("port %d on VLAN %d", it.key(), it.value()) << it.key() << it.value();
}

void TestVdeSwitch::layoutPutsEachPortOnItsVlan()
{
    QFETCH(int, port);
    QFETCH(int, vlan);
    const Result<QList<VdePortInfo>> ports = m_switch.management()->portCounters();
    QVERIFY2(ports, why(ports));
    QCOMPARE(ports->size(), m_layout.portVlan.size()); // exactly the ports of the lab, nothing else
    const VdePortInfo *info = findPort(*ports, port);
    QVERIFY(info);
    QCOMPARE(info->untaggedVlan, vlan);
    QVERIFY(!info->active);
    QCOMPARE(info->inPackets + info->outPackets + info->inBytes + info->outBytes, 0);
}

void TestVdeSwitch::vlanTableMatchesLayout()
{
    const Result<QList<VdeVlanInfo>> vlans = m_switch.management()->vlans();
    QVERIFY2(vlans, why(vlans));
    QMap<int, QList<int>> expected;
    expected.insert(0, {}); // VLAN 0 always exists
    for (int vlan : m_layout.vlans)
        expected.insert(vlan, {});
    for (auto it = m_layout.portVlan.cbegin(); it != m_layout.portVlan.cend(); ++it)
        expected[it.value()] << it.key();
    QMap<int, QList<int>> actual;
    for (const VdeVlanInfo &info : *vlans) {
        QList<int> &ports = actual[info.vlan];
        for (const VdeVlanMember &member : info.members)
            ports << member.port;
        std::sort(ports.begin(), ports.end());
    }
    QCOMPARE(actual, expected);
    QVERIFY(actual.value(m_layout.deadVlan).isEmpty());
}

void TestVdeSwitch::applyLayoutTwiceIsHarmless()
{
    // Existing VLANs and ports answer 1017; re-applying must still succeed and change nothing.
    const Status again = m_switch.applyLayout(m_layout.vlans, m_layout.portVlan);
    QVERIFY2(again, why(again));
    const Result<QList<VdePortInfo>> ports = m_switch.management()->portCounters();
    QVERIFY2(ports, why(ports));
    QCOMPARE(ports->size(), m_layout.portVlan.size());
}

void TestVdeSwitch::cutToDeadVlanAndRestore()
{
    VdeManagementClient *mgmt = m_switch.management();
    const auto vlanOf = [mgmt](int port) {
        const Result<QList<VdePortInfo>> ports = mgmt->portCounters();
        const VdePortInfo *info = ports ? findPort(*ports, port) : nullptr;
        return info ? info->untaggedVlan : -1;
    };
    QCOMPARE(vlanOf(10), 1);
    const Status cut = mgmt->setPortVlan(10, m_layout.deadVlan);
    QVERIFY2(cut, why(cut));
    QCOMPARE(vlanOf(10), m_layout.deadVlan);
    QCOMPARE(vlanOf(20), 1); // the other end stays where it was
    const Status restored = mgmt->setPortVlan(10, 1);
    QVERIFY2(restored, why(restored));
    QCOMPARE(vlanOf(10), 1);
}

void TestVdeSwitch::refusedCommands_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("error");

    QTest::newRow("setvlan on an undefined port") << QStringLiteral(
        "port/setvlan 99 1") << QStringLiteral("vde_switch refused \"port/setvlan 99 1\": 1022 Invalid argument");
    QTest::newRow("setvlan to an undefined VLAN")
        << QStringLiteral("port/setvlan 10 7")
        << QStringLiteral("vde_switch refused \"port/setvlan 10 7\": 1006 No such device or address");
    QTest::newRow("unknown command") << QStringLiteral("bogus")
                                     << QStringLiteral("vde_switch refused \"bogus\": 1038 Function not implemented");
    QTest::newRow("vlan/create of an existing VLAN")
        << QStringLiteral("vlan/create 1") << QStringLiteral("vde_switch refused \"vlan/create 1\": 1017 File exists");
    QTest::newRow("port beyond -n") << QStringLiteral("port/create 40")
                                    << QStringLiteral("vde_switch refused \"port/create 40\": 1022 Invalid argument");
    QTest::newRow("two commands in one line") << QStringLiteral("port/print 10\nshutdown")
                                              << QStringLiteral("a management command is exactly one non-empty line");
}

void TestVdeSwitch::refusedCommands()
{
    QFETCH(QString, command);
    QFETCH(QString, error);
    const Result<VdeReply> reply = m_switch.management()->command(command);
    QVERIFY(!reply);
    QVERIFY2(reply.error().contains(error), why(reply));
    // The connection stays usable after a refusal.
    QVERIFY(m_switch.management()->command(QStringLiteral("showinfo")));
}

void TestVdeSwitch::transcriptSeesEveryCommand()
{
    QList<QPair<QString, QString>> seen;
    VdeManagementClient *mgmt = m_switch.management();
    mgmt->setTranscript([&seen](const QString &command, const QString &outcome) { seen.append({ command, outcome }); });
    const Status moved = mgmt->setPortVlan(99, 1);
    QVERIFY(!moved);
    QVERIFY2(moved.error().contains(QLatin1String("port/create 99")), why(moved)); // the hint
    QVERIFY(mgmt->setPortVlan(11, 2));
    QVERIFY(mgmt->portCounters());
    mgmt->setTranscript({});

    const QList<QPair<QString, QString>> expected {
        { QStringLiteral("port/setvlan 99 1"), QStringLiteral("1022 Invalid argument") },
        { QStringLiteral("port/setvlan 11 2"), QStringLiteral("1000 Success") },
        { QStringLiteral("port/allprint"), QStringLiteral("1000 Success") },
    };
    QCOMPARE(seen, expected);
}

void TestVdeSwitch::countersFromLivePlugs()
{
    if (QStandardPaths::findExecutable(QStringLiteral("vde_plug")).isEmpty())
        QSKIP("vde_plug not installed (Debian package vdeplug)");
    VdeManagementClient *mgmt = m_switch.management();
    Plug a, b, other; // ports 10 and 20 share path 1's VLAN; port 11 is on path 2's
    QVERIFY(a.start(m_switch.plugUrl(10)));
    QVERIFY(b.start(m_switch.plugUrl(20)));
    QVERIFY(other.start(m_switch.plugUrl(11)));

    QList<VdePortInfo> ports;
    const auto refresh = [&] {
        const Result<QList<VdePortInfo>> now = mgmt->portCounters();
        ports = now ? *now : QList<VdePortInfo> {};
        return !ports.isEmpty();
    };
    const auto active = [&](int port) { return refresh() && findPort(ports, port) && findPort(ports, port)->active; };
    QTRY_VERIFY_WITH_TIMEOUT(active(10) && active(20) && active(11), 5000);
    QCOMPARE(findPort(ports, 10)->untaggedVlan, 1); // a plug on a created port keeps the port's VLAN
    QCOMPARE(findPort(ports, 10)->endpoints.size(), 1);
    QCOMPARE(findPort(ports, 10)->endpoints.first().pid, a.process->processId());
    const VdePortInfo before10 = *findPort(ports, 10), before20 = *findPort(ports, 20), before11 = *findPort(ports, 11);

    const QByteArray frame = broadcastFrame();
    a.send(frame);
    QByteArray atB;
    QTRY_VERIFY_WITH_TIMEOUT((atB += b.received()).size() >= frame.size() + 2, 3000);
    QCOMPARE(atB.mid(2), frame);
    QVERIFY(refresh());
    QCOMPARE(findPort(ports, 10)->inPackets - before10.inPackets, 1);
    QCOMPARE(findPort(ports, 10)->inBytes - before10.inBytes, frame.size());
    QCOMPARE(findPort(ports, 20)->outPackets - before20.outPackets, 1);
    QCOMPARE(findPort(ports, 20)->outBytes - before20.outBytes, frame.size());
    QCOMPARE(findPort(ports, 11)->outPackets, before11.outPackets); // VLANs isolate the paths
    QVERIFY(other.received().isEmpty());

    // The lab's "cut": port 10 on the dead VLAN still counts what it receives, but nothing reaches port 20.
    QVERIFY(mgmt->setPortVlan(10, m_layout.deadVlan));
    a.send(frame);
    QTRY_VERIFY_WITH_TIMEOUT(refresh() && findPort(ports, 10)->inPackets - before10.inPackets == 2, 3000);
    QTest::qWait(200);
    QVERIFY(b.received().isEmpty());
    QVERIFY(refresh());
    QCOMPARE(findPort(ports, 20)->outPackets - before20.outPackets, 1);

    QVERIFY(mgmt->setPortVlan(10, 1));
    a.send(frame);
    atB.clear();
    QTRY_VERIFY_WITH_TIMEOUT((atB += b.received()).size() >= frame.size() + 2, 3000);
    QVERIFY(refresh());
    QCOMPARE(findPort(ports, 20)->outPackets - before20.outPackets, 2);
}

void TestVdeSwitch::startRefusesUnsafeDirectory_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("error");
    QTest::newRow("mode 0755") << QStringLiteral("0755") << QStringLiteral("has mode 0755; expected 0700");
    QTest::newRow("a regular file") << QStringLiteral("file") << QStringLiteral("exists and is not a directory");
    QTest::newRow("a symlink") << QStringLiteral("symlink") << QStringLiteral("is a symbolic link");
    QTest::newRow("someone else's") << QStringLiteral("foreign") << QStringLiteral("belongs to uid 65534");
    QTest::newRow("relative path") << QStringLiteral("relative") << QStringLiteral("must be an absolute path");
    QTest::newRow("too long for a socket path")
        << QStringLiteral("long") << QStringLiteral("unix socket paths allow at most 91");
}

void TestVdeSwitch::startRefusesUnsafeDirectory()
{
    QFETCH(QString, kind);
    QFETCH(QString, error);
    const QString path = m_tmp.filePath(QStringLiteral("unsafe-") + kind);
    const QByteArray native = QFile::encodeName(path);
    QString target = path;
    if (kind == QLatin1String("0755")) {
        QVERIFY(::mkdir(native.constData(), 0755) == 0 && ::chmod(native.constData(), 0755) == 0);
    } else if (kind == QLatin1String("file")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
    } else if (kind == QLatin1String("symlink")) {
        const QByteArray real = native + "-real";
        QVERIFY(::mkdir(real.constData(), 0700) == 0);
        QVERIFY(::symlink(real.constData(), native.constData()) == 0);
    } else if (kind == QLatin1String("foreign")) {
        if (::geteuid() != 0)
            QSKIP("giving a directory to another uid needs root");
        QVERIFY(::mkdir(native.constData(), 0700) == 0 && ::chown(native.constData(), 65534, 65534) == 0);
    } else if (kind == QLatin1String("long")) {
        target = path + QLatin1Char('/') + QString(100, QLatin1Char('x'));
    } else {
        target = QStringLiteral("relative/switch");
    }
    VdeSwitch sw;
    const Status started = sw.start(target, 8);
    QVERIFY(!started);
    QVERIFY2(started.error().contains(error), why(started));
    QCOMPARE(sw.pid(), 0);
}

void TestVdeSwitch::startRefusesBusyDirectory()
{
    VdeSwitch second;
    const Status started = second.start(m_dir, 8);
    QVERIFY(!started);
    QVERIFY2(started.error().contains(QLatin1String("already answers")), why(started));
    // The refusal must not have touched the running switch's sockets.
    QVERIFY(m_switch.management()->command(QStringLiteral("showinfo")));
    VdeManagementClient fresh;
    QVERIFY(fresh.connectTo(m_switch.managementSocketPath(), 1000));
}

void TestVdeSwitch::diedOnExternalSigkill()
{
    const QString dir = m_tmp.filePath(QStringLiteral("victim"));
    VdeSwitch sw;
    QVERIFY(sw.start(dir, 8));
    QSignalSpy died(&sw, &VdeSwitch::died);
    QSignalSpy lost(sw.management(), &VdeManagementClient::connectionLost);
    const qint64 pid = sw.pid();
    QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);

    // A command in flight learns it at once; died() follows from the event loop.
    const Result<VdeReply> reply = sw.management()->command(QStringLiteral("showinfo"));
    QVERIFY(!reply);
    QVERIFY2(reply.error().contains(QLatin1String("closed its management connection"))
            || reply.error().contains(QLatin1String("not connected")),
        why(reply));
    QTRY_COMPARE_WITH_TIMEOUT(died.count(), 1, 5000);
    const QString reason = died.first().first().toString();
    QVERIFY2(reason.contains(QStringLiteral("pid %1").arg(pid)), qPrintable(reason));
    QVERIFY2(reason.contains(QLatin1String("signal 9 (SIGKILL)")), qPrintable(reason));
    QCOMPARE(lost.count(), 1);
    QVERIFY(!sw.isRunning());
    QVERIFY(!QFileInfo::exists(sw.managementSocketPath())); // SIGKILL leaves them; we clean up
    QVERIFY(!QFileInfo::exists(sw.dataSocketPath()));
    sw.stop(); // harmless after a death
    QCOMPARE(died.count(), 1);
}

void TestVdeSwitch::stopLeavesNothingBehind()
{
    const QString dir = m_tmp.filePath(QStringLiteral("stopme"));
    VdeSwitch sw;
    QSignalSpy died(&sw, &VdeSwitch::died);
    for (int round = 0; round < 3; ++round) { // restarting in the same directory works too
        QElapsedTimer clock;
        clock.start();
        const Status started = sw.start(dir, 32);
        QVERIFY2(started, why(started));
        const qint64 readyMs = clock.elapsed();
        const qint64 pid = sw.pid();
        QVERIFY(processExists(pid));
        QVERIFY(sw.applyLayout(m_layout.vlans, m_layout.portVlan));

        clock.restart();
        sw.stop();
        qInfo("round %d: ready in %lld ms, stop() took %lld ms", round, readyMs, clock.elapsed());
        QVERIFY(!processExists(pid));
        QCOMPARE(sw.pid(), 0);
        QVERIFY(!QFileInfo::exists(sw.managementSocketPath()));
        QVERIFY(!QFileInfo::exists(sw.dataSocketPath()));
        QVERIFY(QFileInfo(dir).isDir()); // the directory itself is the caller's
        sw.stop(); // twice is fine
    }
    QTest::qWait(50);
    QCOMPARE(died.count(), 0); // asked-for exits are not deaths
}

void TestVdeSwitch::restartFromDiedHandler()
{
    // An engine may restart the switch from died(), i.e. inside the dead QProcess's finished signal.
    const QString dir = m_tmp.filePath(QStringLiteral("phoenix"));
    VdeSwitch sw;
    QVERIFY(sw.start(dir, 8));
    const qint64 firstPid = sw.pid();
    Status restarted = fail(QStringLiteral("died() was never emitted"));
    connect(&sw, &VdeSwitch::died, &sw, [&] { restarted = sw.start(dir, 8); });
    QVERIFY(::kill(pid_t(firstPid), SIGKILL) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(restarted.ok(), 5000);
    QVERIFY(sw.pid() > 0 && sw.pid() != firstPid);
    QVERIFY(sw.management()->command(QStringLiteral("showinfo")));
    sw.stop();
    QVERIFY(!processExists(firstPid));
}

void TestVdeSwitch::worksOnALabThread()
{
    // The engine creates the switch anywhere and moves it to its lab thread; every part must follow.
    QThread lab;
    lab.start();
    auto *sw = new VdeSwitch;
    sw->moveToThread(&lab);
    QCOMPARE(sw->management()->thread(), &lab);
    QString error = QStringLiteral("never ran");
    qint64 pid = 0;
    QMetaObject::invokeMethod(
        sw,
        [&] {
            Status step = sw->start(m_tmp.filePath(QStringLiteral("threaded")), 32);
            if (step)
                step = sw->applyLayout(m_layout.vlans, m_layout.portVlan);
            const Result<QList<VdePortInfo>> ports
                = step ? sw->management()->portCounters() : Result<QList<VdePortInfo>>(fail(step.error()));
            error = !ports                                  ? ports.error()
                : ports->size() != m_layout.portVlan.size() ? QStringLiteral("wrong port count")
                                                            : QString();
            pid = sw->pid();
            sw->stop();
        },
        Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        sw, [sw] { delete sw; }, Qt::BlockingQueuedConnection);
    lab.quit();
    QVERIFY(lab.wait(5000));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(pid > 0 && !processExists(pid));
}

QTEST_GUILESS_MAIN(TestVdeSwitch)
#include "tst_vdeswitch.moc"
