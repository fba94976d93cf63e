#include "sampling/nodesampler.h"

#include "mptcp/monitorparser.h"
#include "ssh/sshsession.h"
#include "telemetry/telemetryclock.h"

namespace mlab {

namespace {

// Silence longer than this means the node is gone: ~30 missed counter ticks,
// and never under 3 s so that a busy node is not declared dead.
int silenceLimitMs(const SamplerRates &rates)
{
    return qMax(3000, 30 * 1000 / qMax(1, rates.counterHz));
}

} // namespace

NodeSampler::NodeSampler(SshTarget target, QString nodeName, SamplerRates rates, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_node(std::move(nodeName))
    , m_rates(rates)
    , m_watchdog(this) // a child, so it follows the sampler to the telemetry thread
{
    if (m_target.label.isEmpty())
        m_target.label = m_node;
    m_watchdog.setInterval(500);
    connect(&m_watchdog, &QTimer::timeout, this, &NodeSampler::onSilence);
}

// SshSession's destructor closes every channel and starts the reapers without waiting.
NodeSampler::~NodeSampler() = default;

SamplerStats NodeSampler::stats() const
{
    SamplerStats stats = m_parser ? m_parser->stats() : SamplerStats();
    stats.events = m_events;
    stats.skippedLines += m_monitorSkipped;
    stats.stderrLines = m_stderrLines;
    if (stats.lastProblem.isEmpty() && !m_lastStderr.isEmpty())
        stats.lastProblem = m_lastStderr;
    return stats;
}

void NodeSampler::start()
{
    if (m_session)
        return;
    m_shuttingDown = false;
    m_reported = false;
    m_samplerStream = m_monitorStream = 0;
    m_events = m_monitorSkipped = m_stderrLines = 0;
    m_lastStderr.clear();
    m_parser = std::make_unique<SamplerBlockParser>(m_node);
    m_session = std::make_unique<SshSession>(m_target);
    connect(m_session.get(), &SshSession::opened, this, &NodeSampler::onOpened);
    connect(m_session.get(), &SshSession::streamLine, this, &NodeSampler::onLine);
    connect(m_session.get(), &SshSession::streamEnded, this, &NodeSampler::onStreamEnded);
    connect(m_session.get(), &SshSession::failed, this, [this](const QString &reason) {
        shutDown(QStringLiteral("%1: the sampler lost its SSH connection: %2").arg(m_node, reason));
    });
    connect(m_session.get(), &SshSession::closed, this, &NodeSampler::onClosed);
    if (Status valid = m_rates.validate(); !valid) {
        shutDown(QStringLiteral("%1: %2").arg(m_node, valid.error()));
        return;
    }
    m_session->open();
}

void NodeSampler::stop()
{
    shutDown({});
}

void NodeSampler::onOpened()
{
    if (m_shuttingDown)
        return;
    m_samplerStream = m_session->startStream(SamplerScript::command(m_rates));
    m_monitorStream = m_session->startStream(SamplerScript::monitorCommand());
    m_lastBlockMs = monotonicMs();
    m_watchdog.start();
    Q_EMIT started();
}

void NodeSampler::onLine(quint64 id, const QByteArray &line, bool isStdErr)
{
    const qint64 now = monotonicMs();
    if (isStdErr) {
        // ss without mptcp_diag, a missing nstat...: shown by stats(), never fatal.
        ++m_stderrLines;
        const QString command = id == m_monitorStream ? QStringLiteral("ip mptcp monitor") : QStringLiteral("sampler");
        m_lastStderr = QStringLiteral("%1: %2 said: %3").arg(m_node, command, QString::fromUtf8(line.left(200)));
        return;
    }
    if (id == m_samplerStream) {
        m_parser->feedLine(line, now);
        deliverParsed();
        return;
    }
    if (id != m_monitorStream || line.trimmed().isEmpty())
        return;
    // The kernel's "[UNKNOWN 15]" greeting and any garbled line parse as
    // nothing or as Unknown; only real events go out.
    std::optional<MptcpEvent> event = parseMonitorLine(line);
    if (!event) {
        ++m_monitorSkipped;
        return;
    }
    ++m_events;
    Q_EMIT mptcpEvent(MptcpEventSample { m_node, now, std::move(*event) });
}

void NodeSampler::deliverParsed()
{
    for (SamplerOutput &output : m_parser->takeOutputs()) {
        if (auto *sample = std::get_if<CounterSample>(&output)) {
            m_lastBlockMs = sample->atMs;
            Q_EMIT counters(*sample);
        } else if (auto *snapshot = std::get_if<SubflowSample>(&output)) {
            Q_EMIT subflows(*snapshot);
        } else if (auto *values = std::get_if<NstatSample>(&output)) {
            Q_EMIT nstat(*values);
        }
    }
}

void NodeSampler::onStreamEnded(quint64 id, int exitStatus, const QString &error)
{
    const bool isSampler = id == m_samplerStream;
    if (isSampler) {
        m_parser->finish();
        deliverParsed();
        m_samplerStream = 0;
    } else if (id == m_monitorStream) {
        m_monitorStream = 0;
    } else {
        return;
    }
    if (m_shuttingDown)
        return;
    QString why = error;
    if (why.isEmpty())
        why = exitStatus >= 0 ? QStringLiteral("it exited with status %1").arg(exitStatus)
                              : QStringLiteral("it was killed");
    if (!m_lastStderr.isEmpty())
        why += QStringLiteral("; last message: ") + m_lastStderr;
    shutDown(
        QStringLiteral("%1: %2 stopped unexpectedly (%3); the node is down or unreachable")
            .arg(m_node, isSampler ? QStringLiteral("the sampler script") : QStringLiteral("ip mptcp monitor"), why));
}

void NodeSampler::onSilence()
{
    const qint64 silentMs = monotonicMs() - m_lastBlockMs;
    if (silentMs < silenceLimitMs(m_rates))
        return;
    shutDown(QStringLiteral("%1: no counter sample from %2 for %3 s; the node is down or unreachable")
                 .arg(m_node, m_target.describe())
                 .arg(double(silentMs) / 1000.0, 0, 'f', 1));
}

void NodeSampler::shutDown(const QString &failure)
{
    if (!failure.isEmpty() && !m_reported) {
        m_reported = true;
        Q_EMIT failed(failure);
    }
    if (!m_session || m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_watchdog.stop();
    // Stopping the streams first kills their node-side processes (the
    // session's reaper), so `ip mptcp monitor` does not outlive us waiting for
    // an event to write into a closed channel.
    if (m_samplerStream)
        m_session->stopStream(m_samplerStream);
    if (m_monitorStream)
        m_session->stopStream(m_monitorStream);
    m_session->close();
}

void NodeSampler::onClosed()
{
    // The session is deleted later: this slot runs inside one of its signals.
    m_session.release()->deleteLater();
    m_samplerStream = m_monitorStream = 0;
    m_shuttingDown = false;
    Q_EMIT stopped();
}

} // namespace mlab
