#include "sampling/switchsampler.h"

#include "telemetry/telemetryclock.h"

namespace mlab {

namespace {

constexpr int ConnectTimeoutMs = 1000;
// A poll that takes longer than this would stall the telemetry thread; a
// switch that slow is starved of CPU, and the next poll tries again.
constexpr int PollTimeoutMs = 300;
constexpr int FailuresBeforeGivingUp = 3;

} // namespace

SwitchSampler::SwitchSampler(QString managementSocket, int hz, QObject *parent)
    : QObject(parent)
    , m_socketPath(std::move(managementSocket))
    , m_hz(hz)
    , m_timer(this) // a child, so it follows the sampler to the telemetry thread
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SwitchSampler::poll);
}

void SwitchSampler::start()
{
    if (m_timer.isActive())
        return;
    if (m_hz < 1 || m_hz > 50) {
        Q_EMIT failed(QStringLiteral("switch sampler: %1 Hz asked, expected 1 to 50").arg(m_hz));
        return;
    }
    m_client = std::make_unique<VdeManagementClient>();
    connect(m_client.get(), &VdeManagementClient::connectionLost, this, [this] {
        if (m_timer.isActive())
            giveUp(QStringLiteral("the switch closed its management connection %1 (did it exit?)").arg(m_socketPath));
    });
    if (Status connected = m_client->connectTo(m_socketPath, ConnectTimeoutMs); !connected) {
        m_client.reset();
        Q_EMIT failed(QStringLiteral("switch sampler: %1").arg(connected.error()));
        return;
    }
    m_failuresInARow = 0;
    m_timer.start(1000 / m_hz);
    poll();
}

void SwitchSampler::stop()
{
    m_timer.stop();
    if (m_client) {
        m_client->disconnectFromSwitch();
        // Not now: stop() may run inside the client's own connectionLost.
        m_client.release()->deleteLater();
    }
}

void SwitchSampler::poll()
{
    Result<VdeReply> reply = m_client->command(QStringLiteral("port/allprint"), PollTimeoutMs);
    if (!m_timer.isActive())
        return; // the connection was lost while we waited, and that was reported
    if (!reply) {
        ++m_failedPolls;
        if (++m_failuresInARow >= FailuresBeforeGivingUp)
            giveUp(QStringLiteral("%1 polls in a row failed, the last: %2").arg(m_failuresInARow).arg(reply.error()));
        return;
    }
    m_failuresInARow = 0;
    SwitchSample taken;
    taken.atMs = monotonicMs();
    for (const VdePortInfo &info : parsePortPrint(reply->dataLines))
        taken.ports.append(
            SwitchPortCounters { info.port, info.untaggedVlan, info.active, info.inBytes, info.outBytes });
    ++m_samples;
    Q_EMIT sample(taken);
}

void SwitchSampler::giveUp(const QString &reason)
{
    stop();
    Q_EMIT failed(QStringLiteral("switch sampler stopped: %1").arg(reason));
}

} // namespace mlab
