// bench_samplers: what live telemetry costs. Brings up a copy of the seed lab,
// samples both nodes (NodeSampler) and the switch (SwitchSampler) on a
// telemetry thread for N seconds, and prints the CPU used on the controller
// (this process) and in the node namespaces, and the delay from a counter
// change on NodeB (a UDP datagram from NodeA at a known time) to the sample
// that shows it. Always takes the lab down. Usage (root):
//   bench_samplers [--seconds 60] [--lab smpbench] [--cli PATH]
#include "labprobe.h"

#include "engine/runtimedir.h"
#include "sampling/nodesampler.h"
#include "sampling/switchsampler.h"
#include "telemetry/telemetryclock.h"
#include "vde/vdeswitch.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace mlab;
using bench::CpuTicks;

namespace {

std::atomic<bool> interrupted { false };

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// A lab copy that is taken down whatever happens (return, error, Ctrl-C).
class BenchLab
{
public:
    BenchLab(QString name, QString cli)
        : m_name(std::move(name))
        , m_cli(std::move(cli))
    { }
    ~BenchLab()
    {
        if (!m_file.isEmpty()) {
            cli({ QStringLiteral("down"), QStringLiteral("--lab"), m_name });
            QFile::remove(m_file);
        }
    }

    Status up()
    {
        QFile seed(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json"));
        if (!seed.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read %1").arg(seed.fileName()));
        QJsonObject lab = QJsonDocument::fromJson(seed.readAll()).object();
        lab.insert(QStringLiteral("name"), m_name);
        m_file = QDir::tempPath() + QStringLiteral("/%1.json").arg(m_name);
        QFile out(m_file);
        if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(lab).toJson()) < 0)
            return fail(QStringLiteral("cannot write %1").arg(m_file));
        out.close();
        const auto [code, output] = cli({ QStringLiteral("up"), QStringLiteral("--lab"), m_file });
        if (code != 0)
            return fail(QStringLiteral("`%1 up` failed:\n%2").arg(m_cli, output));
        return {};
    }

    SshTarget target(const QString &node, const QString &address) const
    {
        const RuntimeDir dir(m_name);
        QFile hostKey(dir.nodeDir(node) + QStringLiteral("/ssh_host_ed25519_key.pub"));
        SshTarget target;
        target.label = node;
        target.host = address;
        target.identityFile = dir.clientKey();
        target.pinnedHostKey
            = hostKey.open(QIODevice::ReadOnly) ? QString::fromUtf8(hostKey.readAll()).trimmed() : QString();
        target.netnsPath = RuntimeDir::netnsPath(dir.managementNetns());
        return target;
    }

    // A command in the background on a node; returns its pid (0 on failure).
    qint64 startOn(const QString &node, const QString &command) const
    {
        const auto [code, output] = cli({ QStringLiteral("--lab"), m_name, QStringLiteral("exec"), node,
            QStringLiteral("sh"), QStringLiteral("-c"), command + QStringLiteral(" >/dev/null 2>&1 & echo $!") });
        return code == 0 ? output.trimmed().toLongLong() : 0;
    }
    void stopOn(const QString &node, qint64 pid) const
    {
        if (pid > 0)
            cli({ QStringLiteral("--lab"), m_name, QStringLiteral("exec"), node, QStringLiteral("kill"),
                QString::number(pid) });
    }

private:
    std::pair<int, QString> cli(const QStringList &arguments) const
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(m_cli, arguments);
        if (!process.waitForFinished(60000))
            return { -1, QStringLiteral("timed out") };
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAll()) };
    }

    QString m_name;
    QString m_cli;
    QString m_file;
};

// Runs the event loop for ms milliseconds, or until Ctrl-C.
void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (interrupted)
            loop.quit();
    });
    poll.start(100);
    loop.exec();
}

double percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype at = qBound(qsizetype(0), qsizetype(std::ceil(p * double(values.size()))) - 1, values.size() - 1);
    return double(values[at]);
}

qint64 eth0RxPackets(const CounterSample &sample)
{
    for (const InterfaceCounters &counters : sample.interfaces)
        if (counters.name == u"eth0")
            return counters.rxPackets;
    return -1;
}

struct Probe
{
    qint64 sentMs = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser options;
    options.setApplicationDescription(QStringLiteral("CPU cost and delivery delay of the lab samplers"));
    options.addHelpOption();
    options.addOption({ QStringLiteral("seconds"), QStringLiteral("Sampling time (default 60)."), QStringLiteral("s"),
        QStringLiteral("60") });
    options.addOption({ QStringLiteral("lab"), QStringLiteral("Name of the lab copy (default smpbench)."),
        QStringLiteral("name"), QStringLiteral("smpbench") });
    options.addOption({ QStringLiteral("cli"), QStringLiteral("mptcplab-cli to use."), QStringLiteral("path"),
        QStringLiteral(MPTCPLAB_BINARY_DIR "/app/mptcplab-cli/mptcplab-cli") });
    options.addOption({ QStringLiteral("traffic"),
        QStringLiteral(
            "Run MPTCP iperf NodeA -> NodeB meanwhile, so ss has subflows to list (no delay figures then).") });
    options.addOption({ QStringLiteral("ss-hz"), QStringLiteral("ss snapshots per second (default 4)."),
        QStringLiteral("hz"), QStringLiteral("4") });
    options.process(app);
    const bool traffic = options.isSet(QStringLiteral("traffic"));
    const int seconds = options.value(QStringLiteral("seconds")).toInt();
    if (seconds < 2) {
        print(QStringLiteral("--seconds must be at least 2"));
        return 2;
    }
    if (::geteuid() != 0) {
        print(QStringLiteral("bench_samplers needs root: it brings up a lab (namespaces, taps, a switch)"));
        return 2;
    }
    std::signal(SIGINT, [](int) { interrupted = true; });
    std::signal(SIGTERM, [](int) { interrupted = true; });

    const QString labName = options.value(QStringLiteral("lab"));
    BenchLab lab(labName, options.value(QStringLiteral("cli")));
    if (Status up = lab.up(); !up) {
        print(up.error());
        return 1;
    }
    const RuntimeDir dir(labName);
    const QStringList namespaces { dir.netnsName(QStringLiteral("NodeA")), dir.netnsName(QStringLiteral("NodeB")) };

    // Started through the engine's own SSH sessions: not counted as ours below.
    qint64 iperfServer = 0;
    qint64 iperfClient = 0;
    if (traffic) {
        iperfServer = lab.startOn(QStringLiteral("NodeB"), QStringLiteral("mptcpize run iperf -s"));
        QThread::msleep(300);
        iperfClient = lab.startOn(
            QStringLiteral("NodeA"), QStringLiteral("mptcpize run iperf -c 10.168.1.2 -t %1").arg(seconds + 30));
        if (!iperfServer || !iperfClient) {
            print(QStringLiteral("cannot start iperf on the nodes"));
            return 1;
        }
    }

    // The engine samples the lab on its own: what the namespaces cost before
    // our samplers start (engine samplers, sshd, plugs) is the reference, and
    // our samplers' share is told apart by process ancestry below.
    runFor(1500);
    CpuTicks before[2];
    for (int i = 0; i < 2; ++i) {
        Result<CpuTicks> cpu = bench::namespaceCpu(namespaces[i]);
        if (!cpu) {
            print(cpu.error());
            return 1;
        }
        before[i] = *cpu;
    }
    const qint64 restStart = monotonicMs();
    runFor(3000);
    const double restSeconds = double(monotonicMs() - restStart) / 1000.0;
    double restCpu = 0;
    for (int i = 0; i < 2; ++i)
        restCpu += bench::cpuSecondsBetween(before[i], *bench::namespaceCpu(namespaces[i]));

    // The samplers on a telemetry thread of their own, as in the engine.
    QThread telemetry;
    telemetry.setObjectName(QStringLiteral("telemetry"));
    SamplerRates rates;
    rates.ssHz = options.value(QStringLiteral("ss-hz")).toInt();
    if (Status valid = rates.validate(); !valid) {
        print(valid.error());
        return 2;
    }
    auto *nodeA = new NodeSampler(
        lab.target(QStringLiteral("NodeA"), QStringLiteral("10.168.255.1")), QStringLiteral("NodeA"), rates);
    auto *nodeB = new NodeSampler(
        lab.target(QStringLiteral("NodeB"), QStringLiteral("10.168.255.2")), QStringLiteral("NodeB"), rates);
    auto *switchSampler = new SwitchSampler(VdeSwitch::managementSocketPathIn(dir.switchDir()), rates.switchHz);
    QList<CounterSample> countersB;
    QMap<QString, int> subflowSamples;
    QMap<QString, int> nstatSamples;
    int switchSamples = 0;
    int stoppedCount = 0;
    QStringList failures;
    for (NodeSampler *node : { nodeA, nodeB }) {
        node->moveToThread(&telemetry);
        QObject::connect(node, &NodeSampler::counters, &app, [&](const CounterSample &s) {
            if (s.node == u"NodeB")
                countersB << s;
        });
        QObject::connect(node, &NodeSampler::subflows, &app, [&](const SubflowSample &s) { ++subflowSamples[s.node]; });
        QObject::connect(node, &NodeSampler::nstat, &app, [&](const NstatSample &s) { ++nstatSamples[s.node]; });
        QObject::connect(node, &NodeSampler::failed, &app, [&](const QString &why) { failures << why; });
        QObject::connect(node, &NodeSampler::stopped, &app, [&] { ++stoppedCount; });
    }
    switchSampler->moveToThread(&telemetry);
    QObject::connect(switchSampler, &SwitchSampler::sample, &app, [&](const SwitchSample &) { ++switchSamples; });
    QObject::connect(switchSampler, &SwitchSampler::failed, &app, [&](const QString &why) { failures << why; });
    telemetry.start();
    for (NodeSampler *node : { nodeA, nodeB })
        QMetaObject::invokeMethod(node, &NodeSampler::start, Qt::QueuedConnection);
    QMetaObject::invokeMethod(switchSampler, &SwitchSampler::start, Qt::QueuedConnection);

    int exitCode = 0;
    bench::NetnsUdpSender udp;
    if (Status opened = udp.open(RuntimeDir::netnsPath(namespaces[0]), QStringLiteral("10.168.1.2"), 9); !opened) {
        print(opened.error());
        exitCode = 1;
    }
    runFor(2000); // connected, first blocks in, ss and nstat warmed up
    // Ours: the sshd sessions (and everything under them) that appeared since.
    QSet<qint64> ours[2];
    CpuTicks oursBefore[2];
    CpuTicks allBefore[2];
    for (int i = 0; i < 2; ++i) {
        allBefore[i] = *bench::namespaceCpu(namespaces[i]);
        for (auto it = allBefore[i].begin(); it != allBefore[i].end(); ++it)
            if (!before[i].contains(it.key()))
                ours[i].insert(it.key());
        oursBefore[i] = bench::descendantsOf(allBefore[i], ours[i]);
    }
    const double ownBefore = bench::ownCpuSeconds();
    const qint64 start = monotonicMs();
    const qsizetype firstSample = countersB.size();

    // Every 200-300 ms at random: a fixed 250 ms would lock onto the 100 ms
    // ticks and always land at the same two phases between them.
    QList<Probe> probes;
    QTimer probeTimer;
    probeTimer.setTimerType(Qt::PreciseTimer);
    probeTimer.setSingleShot(true);
    QObject::connect(&probeTimer, &QTimer::timeout, &app, [&] {
        const qint64 now = monotonicMs();
        if (udp.send())
            probes << Probe { now };
        probeTimer.start(200 + int(QRandomGenerator::global()->bounded(100)));
    });
    if (exitCode == 0) {
        if (!traffic)
            probeTimer.start(250);
        print(QStringLiteral("sampling NodeA, NodeB and the switch for %1 s ...").arg(seconds));
        runFor(seconds * 1000);
    }
    probeTimer.stop();
    const double elapsed = double(monotonicMs() - start) / 1000.0;
    const double ownCpu = bench::ownCpuSeconds() - ownBefore;
    double cpuOurs[2];
    double cpuAll = 0;
    QMap<QString, double> byName;
    for (int i = 0; i < 2; ++i) {
        const CpuTicks all = *bench::namespaceCpu(namespaces[i]);
        cpuOurs[i] = bench::cpuSecondsBetween(oursBefore[i], bench::descendantsOf(all, ours[i]));
        const QMap<QString, double> named = bench::cpuSecondsByName(oursBefore[i], bench::descendantsOf(all, ours[i]));
        for (auto it = named.begin(); it != named.end(); ++it)
            byName[it.key()] += it.value();
        cpuAll += bench::cpuSecondsBetween(allBefore[i], all);
    }
    const SamplerStats statsA = nodeA->stats();
    const SamplerStats statsB = nodeB->stats();

    for (NodeSampler *node : { nodeA, nodeB })
        QMetaObject::invokeMethod(node, &NodeSampler::stop, Qt::QueuedConnection);
    QMetaObject::invokeMethod(switchSampler, &SwitchSampler::stop, Qt::QueuedConnection);
    for (int waited = 0; stoppedCount < 2 && waited < 50; ++waited)
        runFor(100);
    for (QObject *sampler : std::initializer_list<QObject *> { nodeA, nodeB, switchSampler })
        sampler->deleteLater(); // on the telemetry thread, before it ends
    telemetry.quit();
    telemetry.wait();

    lab.stopOn(QStringLiteral("NodeA"), iperfClient);
    lab.stopOn(QStringLiteral("NodeB"), iperfServer);

    // Delay: the first NodeB sample after a send whose eth0 rx_packets grew.
    const qint64 bootOffset = bench::boottimeOffsetMs();
    QList<qint64> delays;
    QList<qint64> transports;
    for (const Probe &probe : probes) {
        qint64 before = -1;
        for (qsizetype i = firstSample; i < countersB.size(); ++i) {
            const CounterSample &s = countersB[i];
            if (s.atMs <= probe.sentMs) {
                before = eth0RxPackets(s);
                continue;
            }
            if (before >= 0 && eth0RxPackets(s) > before) {
                delays << s.atMs - probe.sentMs;
                if (s.nodeClockMs >= 0)
                    transports << s.atMs - (s.nodeClockMs - bootOffset);
                break;
            }
        }
    }

    const double perMinute = 60.0 / elapsed;
    auto cpuLine = [&](const QString &what, double cpu) {
        return QStringLiteral("%1 %2 CPU s per minute = %3 % of one core")
            .arg(what, -34)
            .arg(cpu * perMinute, 6, 'f', 2)
            .arg(cpu / elapsed * 100.0, 5, 'f', 2);
    };
    print(QStringLiteral("\nsampled %1 s at counters %2 Hz, ss %3 Hz, nstat %4 Hz, switch %5 Hz, %6")
              .arg(elapsed, 0, 'f', 1)
              .arg(rates.counterHz)
              .arg(rates.ssHz)
              .arg(rates.nstatHz)
              .arg(rates.switchHz)
              .arg(traffic ? QStringLiteral("MPTCP iperf running (ss lists its subflows)")
                           : QStringLiteral("no MPTCP socket on the nodes (ss not needed)")));
    for (const auto &[name, stats] :
        { std::pair { QStringLiteral("NodeA"), statsA }, std::pair { QStringLiteral("NodeB"), statsB } })
        print(QStringLiteral("  %1: %2 counter samples (%3 ticks missing), %4 ss, %5 nstat, %6 events, %7 dropped "
                             "blocks, %8 skipped lines")
                  .arg(name)
                  .arg(stats.counterSamples)
                  .arg(stats.missingTicks)
                  .arg(stats.subflowSamples)
                  .arg(stats.nstatSamples)
                  .arg(stats.events)
                  .arg(stats.droppedBlocks)
                  .arg(stats.skippedLines));
    print(QStringLiteral("  switch: %1 samples").arg(switchSamples));
    print(cpuLine(QStringLiteral("controller (this process):"), ownCpu));
    print(cpuLine(QStringLiteral("nodes, our samplers on both:"), cpuOurs[0] + cpuOurs[1]));
    print(cpuLine(QStringLiteral("  on NodeA:"), cpuOurs[0]));
    print(cpuLine(QStringLiteral("  on NodeB:"), cpuOurs[1]));
    for (auto it = byName.begin(); it != byName.end(); ++it)
        print(cpuLine(QStringLiteral("    %1 (with its children):").arg(it.key()), it.value()));
    print(cpuLine(QStringLiteral("  whole node namespaces meanwhile:"), cpuAll));
    print(QStringLiteral("  (node namespaces before our samplers, with the engine's own: %1 % of one core)")
              .arg(restCpu / restSeconds * 100.0, 0, 'f', 2));
    print(QStringLiteral("change on NodeB -> sample here:     median %1 ms, p95 %2 ms (%3 of %4 datagrams found)")
              .arg(percentile(delays, 0.5))
              .arg(percentile(delays, 0.95))
              .arg(delays.size())
              .arg(probes.size()));
    print(QStringLiteral("  of which node tick -> sample here: median %1 ms, p95 %2 ms (node clock in 10 ms steps, "
                         "read up to 10 ms early)")
              .arg(percentile(transports, 0.5))
              .arg(percentile(transports, 0.95)));
    for (const QString &failure : failures)
        print(QStringLiteral("sampler failure: ") + failure);
    if (interrupted)
        print(QStringLiteral("interrupted: figures cover the time sampled"));
    return exitCode != 0 ? exitCode : failures.isEmpty() ? 0 : 1;
}
