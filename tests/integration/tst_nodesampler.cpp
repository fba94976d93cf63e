// NodeSampler and SwitchSampler on the real seed lab: the sampler script over
// SSH on NodeB while MPTCP iperf runs, the switch's port counters next to it,
// and nothing of the samplers left in the node afterwards.
#include "labharness.h"

#include "engine/runtimedir.h"
#include "sampling/nodesampler.h"
#include "sampling/switchsampler.h"
#include "telemetry/telemetryclock.h"
#include "vde/vdeswitch.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QtTest>

#include <memory>
#include <unistd.h>

using namespace mlab;

class TestNodeSampler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void samplesTrafficOnNodeB();
    void nodeGoingAwayIsReportedOnce();

private:
    SshTarget targetFor(const QString &node, const QString &address) const;
    QStringList samplerProcessesIn(const QString &node) const;
    std::unique_ptr<LabHarness> m_lab;
};

void TestNodeSampler::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("integration tests need root: they create network namespaces, taps and a switch");
    m_lab = std::make_unique<LabHarness>(QStringLiteral("smpit"));
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(QLatin1Char('\n'))));
    const CliResult up = m_lab->cli({ QStringLiteral("up"), QStringLiteral("--lab"), m_lab->labFile() });
    QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
}

SshTarget TestNodeSampler::targetFor(const QString &node, const QString &address) const
{
    const RuntimeDir dir(m_lab->labName());
    QFile hostKey(dir.nodeDir(node) + QStringLiteral("/ssh_host_ed25519_key.pub"));
    if (!hostKey.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(hostKey.fileName()));
    SshTarget target;
    target.label = node;
    target.host = address;
    target.identityFile = dir.clientKey();
    target.pinnedHostKey = QString::fromUtf8(hostKey.readAll()).trimmed();
    target.netnsPath = RuntimeDir::netnsPath(dir.managementNetns());
    return target;
}

// Processes in the node's namespace that belong to a sampler: the script
// (its command line holds the block markers) and the monitor.
QStringList TestNodeSampler::samplerProcessesIn(const QString &node) const
{
    QProcess ip;
    ip.start(QStringLiteral("ip"),
        { QStringLiteral("netns"), QStringLiteral("pids"), RuntimeDir(m_lab->labName()).netnsName(node) });
    ip.waitForFinished();
    QStringList found;
    for (const QString &pid :
        QString::fromUtf8(ip.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid.trimmed()));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = cmdline.readAll().replace('\0', ' ');
        if (text.contains("@@mlab") || text.contains("ip mptcp monitor"))
            found << pid.trimmed() + QStringLiteral(": ") + QString::fromUtf8(text.left(60));
    }
    return found;
}

void TestNodeSampler::samplesTrafficOnNodeB()
{
    const int serverPid = m_lab->startIperfServer(QStringLiteral("NodeB"));
    QVERIFY(serverPid > 0);
    const auto stopServer = qScopeGuard([&] { m_lab->stopProcess(QStringLiteral("NodeB"), serverPid); });

    // The engine samples the lab itself, starting a moment after `up` returns: once its script and monitor run,
    // only what this sampler starts must go away.
    auto engineSamplerRuns = [&] {
        const QStringList running = samplerProcessesIn(QStringLiteral("NodeB"));
        return running.filter(QStringLiteral("ip mptcp monitor")).size() == 1 && running.size() >= 2;
    };
    QTRY_VERIFY_WITH_TIMEOUT(engineSamplerRuns(), 10000);
    const QStringList engineOwn = samplerProcessesIn(QStringLiteral("NodeB"));
    auto oursLeft = [&] {
        QStringList left = samplerProcessesIn(QStringLiteral("NodeB"));
        for (const QString &process : engineOwn)
            left.removeAll(process);
        return left;
    };

    NodeSampler node(targetFor(QStringLiteral("NodeB"), QStringLiteral("10.168.255.2")), QStringLiteral("NodeB"));
    SwitchSampler switchSampler(VdeSwitch::managementSocketPathIn(RuntimeDir(m_lab->labName()).switchDir()), 10);
    QList<CounterSample> counters;
    QList<SubflowSample> snapshots;
    QList<NstatSample> nstats;
    QList<MptcpEventSample> events;
    QList<SwitchSample> switchSamples;
    connect(&node, &NodeSampler::counters, this, [&](const CounterSample &s) { counters << s; });
    connect(&node, &NodeSampler::subflows, this, [&](const SubflowSample &s) { snapshots << s; });
    connect(&node, &NodeSampler::nstat, this, [&](const NstatSample &s) { nstats << s; });
    connect(&node, &NodeSampler::mptcpEvent, this, [&](const MptcpEventSample &s) { events << s; });
    connect(&switchSampler, &SwitchSampler::sample, this, [&](const SwitchSample &s) { switchSamples << s; });
    QSignalSpy started(&node, &NodeSampler::started);
    QSignalSpy failed(&node, &NodeSampler::failed);
    QSignalSpy stopped(&node, &NodeSampler::stopped);
    QSignalSpy switchFailed(&switchSampler, &SwitchSampler::failed);

    node.start();
    switchSampler.start();
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!counters.isEmpty(), 3000); // the script is running

    QProcess client;
    client.start(LabHarness::cliPath(),
        { QStringLiteral("--lab"), m_lab->labName(), QStringLiteral("exec"), QStringLiteral("NodeA"),
            QStringLiteral("mptcpize"), QStringLiteral("run"), QStringLiteral("iperf"), QStringLiteral("-c"),
            QStringLiteral("10.168.1.2"), QStringLiteral("-t"), QStringLiteral("3") });
    QVERIFY(client.waitForStarted());
    const qint64 from = monotonicMs();
    QTest::qWait(3000);
    const qint64 to = monotonicMs();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QProcess::NotRunning, 10000);
    QVERIFY2(client.exitCode() == 0, qPrintable(QString::fromUtf8(client.readAllStandardError())));
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QVERIFY2(switchFailed.isEmpty(), qPrintable(switchFailed.value(0).value(0).toString()));

    // ~10 Hz while the traffic ran, and NodeB received on both paths.
    QList<CounterSample> window;
    for (const CounterSample &s : counters)
        if (s.atMs >= from && s.atMs <= to)
            window << s;
    QVERIFY2(window.size() >= 25, qPrintable(QStringLiteral("%1 counter samples in 3 s").arg(window.size())));
    auto rx = [](const CounterSample &s, const QString &name) {
        for (const InterfaceCounters &i : s.interfaces)
            if (i.name == name)
                return i.rxBytes;
        return qint64(-1);
    };
    for (const QString &name : { QStringLiteral("eth0"), QStringLiteral("eth1") }) {
        QVERIFY2(rx(window.first(), name) >= 0, qPrintable(name + QStringLiteral(" missing from the counters")));
        for (qsizetype i = 1; i < window.size(); ++i)
            QVERIFY(rx(window[i], name) >= rx(window[i - 1], name));
        const qint64 received = rx(window.last(), name) - rx(window.first(), name);
        QVERIFY2(received > 1'000'000, qPrintable(QStringLiteral("%1 received only %2 bytes").arg(name).arg(received)));
    }
    for (qsizetype i = 1; i < counters.size(); ++i)
        QVERIFY(counters[i].sequence > counters[i - 1].sequence);
    QVERIFY(window.last().nodeClockMs > window.first().nodeClockMs);

    // The server's subflows, one per path (v4-mapped addresses read as plain v4).
    bool path1 = false;
    bool path2 = false;
    for (const SubflowSample &s : snapshots) {
        for (const SsTcpSocket &tcp : s.snapshot.tcp) {
            if (!tcp.isSubflow() || tcp.local.port != 5001)
                continue;
            path1 = path1 || (tcp.local.address == u"10.168.1.2" && tcp.peer.address == u"10.168.1.1");
            path2 = path2 || (tcp.local.address == u"10.168.2.2" && tcp.peer.address == u"10.168.2.1");
        }
    }
    QVERIFY2(path1 && path2,
        qPrintable(QStringLiteral("%1 ss snapshots, subflow on path 1: %2, on path 2: %3")
                       .arg(snapshots.size())
                       .arg(path1)
                       .arg(path2)));
    QVERIFY(nstats.size() >= 3);
    QVERIFY(nstats.last().counters.value(QStringLiteral("MPTcpExtMPCapableSYNRX")) > 0);
    const bool connectionEvent = std::any_of(events.begin(), events.end(), [](const MptcpEventSample &e) {
        return e.event.type == MptcpEventType::Created || e.event.type == MptcpEventType::Established;
    });
    QVERIFY2(
        connectionEvent, qPrintable(QStringLiteral("%1 monitor events, none CREATED/ESTABLISHED").arg(events.size())));

    // The switch saw the same traffic leave towards NodeB on ports 20 and 21.
    QVERIFY(switchSamples.size() >= 25);
    auto outBytes = [](const SwitchSample &s, int port) {
        for (const SwitchPortCounters &p : s.ports)
            if (p.port == port)
                return p.outBytes;
        return qint64(-1);
    };
    for (int port : { 20, 21 }) {
        const qint64 sent = outBytes(switchSamples.last(), port) - outBytes(switchSamples.first(), port);
        QVERIFY2(sent > 1'000'000, qPrintable(QStringLiteral("port %1 sent only %2 bytes").arg(port).arg(sent)));
    }

    const SamplerStats stats = node.stats();
    QCOMPARE(stats.droppedBlocks, 0u);
    QCOMPARE(stats.failedCommands, 0u);
    QVERIFY2(stats.skippedLines == 0, qPrintable(stats.lastProblem));

    node.stop();
    switchSampler.stop();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
    QVERIFY(!node.isRunning());
    QVERIFY(failed.isEmpty());
    QTRY_VERIFY2_WITH_TIMEOUT(oursLeft().isEmpty(), qPrintable(oursLeft().join(QLatin1Char('\n'))), 3000);
}

void TestNodeSampler::nodeGoingAwayIsReportedOnce()
{
    NodeSampler node(targetFor(QStringLiteral("NodeA"), QStringLiteral("10.168.255.1")), QStringLiteral("NodeA"));
    QSignalSpy started(&node, &NodeSampler::started);
    QSignalSpy failed(&node, &NodeSampler::failed);
    QSignalSpy stopped(&node, &NodeSampler::stopped);
    QList<CounterSample> counters;
    connect(&node, &NodeSampler::counters, this, [&](const CounterSample &s) { counters << s; });
    node.start();
    QTRY_VERIFY_WITH_TIMEOUT(!counters.isEmpty(), 5000);

    const CliResult down = m_lab->cli({ QStringLiteral("down"), QStringLiteral("--lab"), m_lab->labName() });
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 8000);
    QCOMPARE(failed.count(), 1);
    const QString reason = failed.first().first().toString();
    QVERIFY2(reason.startsWith(QStringLiteral("NodeA: ")), qPrintable(reason));
    QVERIFY2(reason.contains(QStringLiteral("down or unreachable")), qPrintable(reason));
    QTest::qWait(300);
    QCOMPARE(failed.count(), 1);
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestNodeSampler)
#include "tst_nodesampler.moc"
