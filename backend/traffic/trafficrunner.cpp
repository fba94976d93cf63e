#include "traffic/trafficrunner.h"

#include "telemetry/telemetryclock.h" // header-only: the traffic area does not link telemetry
#include "traffic/noderunner.h"

#include <QPointer>


namespace mlab {

namespace {

constexpr double intervalSeconds = 0.5;
constexpr int maxDurationSeconds = 86400;
constexpr int probeTimeoutMs = 5000;
constexpr int clientOverrunMs = 30000; // iperf's -t plus connection set-up and the final report
constexpr int stopTimeoutMs = 10000;
constexpr int keptOutputLines = 3;

} // namespace

QString TrafficRunner::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Idle:
        return QStringLiteral("idle");
    case Phase::Probing:
    case Phase::StartingServer:
        return QStringLiteral("starting");
    case Phase::Running:
        return QStringLiteral("running");
    case Phase::Stopping:
        return QStringLiteral("stopping");
    case Phase::Finished:
        return QStringLiteral("finished");
    case Phase::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

TrafficRunner::TrafficRunner(const Lab &lab, NodeRunner *runner, QObject *parent)
    : QObject(parent)
    , m_plan(lab.traffic)
    , m_labName(lab.name)
    , m_labFile(lab.sourceFile)
    , m_runner(runner)
{
    m_listenTimer.setSingleShot(true);
    m_watchdog.setSingleShot(true);
    connect(&m_listenTimer, &QTimer::timeout, this, [this] {
        if (m_phase == Phase::StartingServer)
            startClient();
    });
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        if (m_phase == Phase::Probing) {
            // A node that does not answer `iperf3 --version` gets the wrapper, which works with any iperf3.
            for (Process &probe : m_probes) {
                if (probe.active) {
                    probe.active = false;
                    if (probe.handle != 0)
                        m_runner->stop(probe.handle);
                    m_nativeMptcp.insert(probe.node, false);
                }
            }
            startServer();
        } else if (m_phase == Phase::Running) {
            beginStop(Phase::Failed,
                tr("the traffic client on %1 (%2) did not end %3 s after its %4 s run")
                    .arg(m_client.node, m_client.command)
                    .arg(clientOverrunMs / 1000)
                    .arg(m_durationS));
        } else if (m_phase == Phase::Stopping) {
            forceFinish();
        }
    });
    m_commands.serverNode = m_plan.serverNode; // the command lines come with a run's duration
    m_commands.clientNode = m_plan.clientNode;
}

TrafficRunner::~TrafficRunner()
{
    ++m_generation;
    for (Process *process : activeProcesses()) {
        if (process->handle != 0)
            m_runner->stop(process->handle);
    }
}

void TrafficRunner::setListenWaitMs(int ms)
{
    m_listenWaitMs = ms;
}

bool TrafficRunner::isActive() const
{
    return m_phase != Phase::Idle && m_phase != Phase::Finished && m_phase != Phase::Failed;
}

Status TrafficRunner::start(int durationSeconds)
{
    if (isActive())
        return fail(tr("traffic already runs in lab %1 (it is %2; started %3 s ago): stop it first")
                        .arg(m_labName, phaseName(m_phase))
                        .arg((monotonicMs() - m_startedAtMs) / 1000));
    if (m_plan.clientNode.isEmpty() || m_plan.serverNode.isEmpty())
        return fail(tr("lab %1 has no traffic plan (\"traffic\" in %2)")
                        .arg(m_labName, m_labFile.isEmpty() ? tr("its lab file") : m_labFile));
    if (durationSeconds < 1 || durationSeconds > maxDurationSeconds)
        return fail(tr("durationS %1: expected 1 to %2 seconds").arg(durationSeconds).arg(maxDurationSeconds));
    ++m_generation;
    m_durationS = durationSeconds;
    m_startedAtMs = monotonicMs();
    m_reason.clear();
    m_clientFailed = false;
    m_server = Process {};
    m_client = Process {};
    m_probes.clear();
    updateCommands();
    if (usesIperf3(m_plan)) {
        QStringList nodes { m_plan.clientNode };
        if (m_plan.serverNode != m_plan.clientNode)
            nodes << m_plan.serverNode;
        for (const QString &node : nodes) {
            if (!m_nativeMptcp.contains(node))
                m_probes.append(Process { Kind::Probe, tr("iperf3 probe"), node, QStringLiteral("iperf3 --version") });
        }
    }
    if (!m_probes.isEmpty())
        startProbes();
    else
        startServer();
    return {};
}

void TrafficRunner::stop()
{
    if (m_phase == Phase::Probing || m_phase == Phase::StartingServer || m_phase == Phase::Running)
        beginStop(
            Phase::Finished, tr("stopped after %1 s").arg(double(monotonicMs() - m_startedAtMs) / 1000, 0, 'f', 1));
}

QJsonObject TrafficRunner::state() const
{
    return QJsonObject {
        { QStringLiteral("state"), phaseName(m_phase) },
        { QStringLiteral("serverNode"), m_commands.serverNode },
        { QStringLiteral("clientNode"), m_commands.clientNode },
        { QStringLiteral("server"), m_commands.server },
        { QStringLiteral("client"), m_commands.client },
        { QStringLiteral("startedAtMs"), m_startedAtMs },
        { QStringLiteral("durationS"), m_durationS },
        { QStringLiteral("reason"), m_reason },
    };
}

void TrafficRunner::updateCommands()
{
    const bool native = usesIperf3(m_plan) && m_nativeMptcp.value(m_plan.clientNode, false)
        && m_nativeMptcp.value(m_plan.serverNode, false);
    m_commands = trafficCommands(m_plan, m_durationS, intervalSeconds, native);
}

void TrafficRunner::setPhase(Phase phase)
{
    m_phase = phase;
    Q_EMIT stateChanged(state());
}

void TrafficRunner::launch(Process &process, int index)
{
    process.active = true;
    const Kind kind = process.kind;
    const quint64 generation = m_generation;
    // The runner may call back before start() returns; re-posting keeps this object out of its own calls.
    const QPointer<TrafficRunner> self(this);
    auto onLine = [self, generation, kind, index](const QByteArray &line, bool) {
        if (self)
            QMetaObject::invokeMethod(
                self,
                [self, generation, kind, index, line] {
                    if (self->m_generation == generation)
                        self->onLine(kind, index, line);
                },
                Qt::QueuedConnection);
    };
    auto onEnd = [self, generation, kind, index](int exitStatus, const QString &error) {
        if (self)
            QMetaObject::invokeMethod(
                self,
                [self, generation, kind, index, exitStatus, error] {
                    if (self->m_generation == generation)
                        self->onEnd(kind, index, exitStatus, error);
                },
                Qt::QueuedConnection);
    };
    process.handle = m_runner->start(process.node, process.command, onLine, onEnd);
}

TrafficRunner::Process *TrafficRunner::process(Kind kind, int index)
{
    switch (kind) {
    case Kind::Server:
        return &m_server;
    case Kind::Client:
        return &m_client;
    case Kind::Probe:
        return index < m_probes.size() ? &m_probes[index] : nullptr;
    }
    return nullptr;
}

QList<TrafficRunner::Process *> TrafficRunner::activeProcesses()
{
    QList<Process *> active;
    for (Process *process : { &m_server, &m_client }) {
        if (process->active)
            active << process;
    }
    for (Process &probe : m_probes) {
        if (probe.active)
            active << &probe;
    }
    return active;
}

void TrafficRunner::startProbes()
{
    setPhase(Phase::Probing);
    m_watchdog.start(probeTimeoutMs);
    for (int i = 0; i < m_probes.size(); ++i)
        launch(m_probes[i], i);
}

void TrafficRunner::startServer()
{
    m_watchdog.stop();
    updateCommands();
    m_server = Process { Kind::Server, tr("traffic server"), m_commands.serverNode, m_commands.server };
    setPhase(Phase::StartingServer);
    launch(m_server, 0);
    m_listenTimer.start(m_listenWaitMs);
}

void TrafficRunner::startClient()
{
    m_listenTimer.stop();
    m_client = Process { Kind::Client, tr("traffic client"), m_commands.clientNode, m_commands.client };
    setPhase(Phase::Running);
    launch(m_client, 0);
    m_watchdog.start(m_durationS * 1000 + clientOverrunMs);
}

void TrafficRunner::onLine(Kind kind, int index, const QByteArray &line)
{
    Process *from = process(kind, index);
    if (!from || !from->active)
        return;
    if (kind == Kind::Client)
        Q_EMIT clientLine(line);
    const QString text = QString::fromUtf8(line).trimmed();
    if (text.isEmpty())
        return;
    from->output << text.left(200);
    if (kind == Kind::Probe)
        return; // a probe keeps all of its (short) answer
    while (from->output.size() > keptOutputLines)
        from->output.removeFirst();
    if (kind == Kind::Server && m_phase == Phase::StartingServer
        && text.contains(QLatin1String("listening"), Qt::CaseInsensitive))
        startClient();
    // iperf 2 exits 0 when it cannot reach the server ("tcp connect failed: Connection refused").
    if (kind == Kind::Client && text.contains(QLatin1String("connect failed"), Qt::CaseInsensitive))
        m_clientFailed = true;
}

void TrafficRunner::onEnd(Kind kind, int index, int exitStatus, const QString &error)
{
    Process *ended = process(kind, index);
    if (!ended || !ended->active)
        return;
    ended->active = false;
    if (m_phase == Phase::Stopping) {
        finishIfStopped();
        return;
    }
    if (m_phase == Phase::Probing) {
        m_nativeMptcp.insert(
            ended->node, exitStatus == 0 && iperf3HasMptcpOption(ended->output.join(QLatin1Char('\n'))));
        if (activeProcesses().isEmpty())
            startServer();
        return;
    }
    if (kind == Kind::Client && exitStatus == 0 && error.isEmpty() && !m_clientFailed) {
        beginStop(Phase::Finished, tr("the client ran for its %1 s").arg(m_durationS));
        return;
    }
    // The server never ends by itself, and a client that did not exit 0 failed.
    beginStop(Phase::Failed, describeEnd(*ended, exitStatus, error));
}

QString TrafficRunner::describeEnd(const Process &process, int exitStatus, const QString &error)
{
    QString what;
    if (!error.isEmpty())
        what = tr("failed: %1").arg(error);
    else if (exitStatus == -1)
        what = tr("was killed");
    else
        what = tr("exited with status %1").arg(exitStatus);
    const QString output = process.output.isEmpty()
        ? tr("no output")
        : tr("last output: %1").arg(process.output.join(QStringLiteral(" | ")));
    return tr("the %1 on %2 (%3) %4; %5").arg(process.role, process.node, process.command, what, output);
}

void TrafficRunner::beginStop(Phase outcome, const QString &reason)
{
    m_listenTimer.stop();
    m_outcome = outcome;
    m_reason = reason;
    setPhase(Phase::Stopping);
    m_watchdog.start(stopTimeoutMs);
    for (Process *process : activeProcesses()) {
        if (!process->stopSent && process->handle != 0) {
            process->stopSent = true;
            m_runner->stop(process->handle);
        }
    }
    finishIfStopped();
}

void TrafficRunner::finishIfStopped()
{
    if (m_phase != Phase::Stopping || !activeProcesses().isEmpty())
        return;
    m_watchdog.stop();
    setPhase(m_outcome);
}

void TrafficRunner::forceFinish()
{
    QStringList stuck;
    for (Process *process : activeProcesses()) {
        stuck << tr("the %1 on %2 (%3)").arg(process->role, process->node, process->command);
        process->active = false;
    }
    ++m_generation; // their ends, should they come, belong to no run
    m_outcome = Phase::Failed;
    m_reason += tr("; %1 did not end within %2 s of being stopped")
                    .arg(stuck.join(QStringLiteral(", ")))
                    .arg(stopTimeoutMs / 1000);
    finishIfStopped();
}

} // namespace mlab
