#pragma once

#include "telemetry/samples.h"
#include "vde/vdemanagementclient.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace mlab {

// Polls a vde_switch's per-port counters (`port/allprint`) over a management
// connection of its own (the switch accepts several, so the engine's stays
// free for commands). SSH-free: it sees every link even when a node is gone.
// Each poll is one round trip to a local process, answered in about a
// millisecond, and bounded by a short timeout: fine on the telemetry thread.
class SwitchSampler : public QObject
{
    Q_OBJECT
public:
    explicit SwitchSampler(QString managementSocket, int hz = 10, QObject *parent = nullptr);

    bool isRunning() const { return m_timer.isActive(); }
    quint64 samplesTaken() const { return m_samples; }
    quint64 failedPolls() const { return m_failedPolls; }

    void start(); // connects and takes the first sample at once; failed() if the switch cannot be reached
    void stop();

Q_SIGNALS:
    void sample(const mlab::SwitchSample &sample);
    void failed(const QString &reason); // sampling has stopped

private:
    void poll();
    void giveUp(const QString &reason);

    QString m_socketPath;
    int m_hz;
    // Made in start(), on the thread that samples: its socket must live there.
    std::unique_ptr<VdeManagementClient> m_client;
    QTimer m_timer;
    quint64 m_samples = 0;
    quint64 m_failedPolls = 0;
    int m_failuresInARow = 0;
};

} // namespace mlab
