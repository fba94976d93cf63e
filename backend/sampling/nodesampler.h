#pragma once

#include "sampling/samplerblockparser.h"
#include "sampling/samplerscript.h"
#include "ssh/sshconnection.h"
#include "telemetry/samples.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace mlab {

class SshSession;

// Samples one node over its own SSH connection: the sampler script on one
// stream (counters, ss snapshots, nstat) and `ip mptcp monitor` on a second.
// Lives on an event-loop thread (the telemetry thread); nothing here blocks,
// the SSH session has a thread of its own.
//
// After start(), stopped() always comes once everything is closed: after
// stop(), or after failed() when the node went away (reported once).
class NodeSampler : public QObject
{
    Q_OBJECT
public:
    NodeSampler(SshTarget target, QString nodeName, SamplerRates rates = {}, QObject *parent = nullptr);
    ~NodeSampler() override;

    QString nodeName() const { return m_node; }
    bool isRunning() const { return m_session != nullptr; }
    SamplerStats stats() const;

    void start(); // -> started(), or failed() then stopped()
    void stop(); // ends both streams, kills the node-side processes, closes the connection -> stopped()

Q_SIGNALS:
    void started(); // both streams are running
    void counters(const mlab::CounterSample &sample);
    void subflows(const mlab::SubflowSample &sample);
    void nstat(const mlab::NstatSample &sample);
    void mptcpEvent(const mlab::MptcpEventSample &sample);
    void failed(const QString &reason);
    void stopped();

private:
    void onOpened();
    void onLine(quint64 id, const QByteArray &line, bool isStdErr);
    void onStreamEnded(quint64 id, int exitStatus, const QString &error);
    void onSilence();
    void deliverParsed();
    void shutDown(const QString &failure);
    void onClosed();

    SshTarget m_target;
    QString m_node;
    SamplerRates m_rates;
    std::unique_ptr<SshSession> m_session;
    std::unique_ptr<SamplerBlockParser> m_parser;
    quint64 m_samplerStream = 0;
    quint64 m_monitorStream = 0;
    bool m_shuttingDown = false;
    bool m_reported = false;
    QTimer m_watchdog; // the node going silent (namespace gone, cable cut) raises no SSH error for a long time
    qint64 m_lastBlockMs = 0;
    quint64 m_events = 0;
    quint64 m_monitorSkipped = 0;
    quint64 m_stderrLines = 0;
    QString m_lastStderr;
};

} // namespace mlab
