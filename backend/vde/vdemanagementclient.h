#pragma once

#include "core/result.h"
#include "vde/vdeprotocol.h"

#include <QLocalSocket>
#include <QObject>

#include <functional>

namespace mlab {

// Speaks vde_switch's management protocol over its -M unix socket (never via
// unixcmd) and checks every status code. Blocking with timeouts: meant for the
// engine's lab thread, never a GUI thread.
class VdeManagementClient : public QObject
{
    Q_OBJECT
public:
    // Called once per command sent: the command line and "1000 Success", the
    // refusal ("1022 Invalid argument") or why no reply came.
    using TranscriptFn = std::function<void(const QString &command, const QString &outcome)>;

    explicit VdeManagementClient(QObject *parent = nullptr);
    ~VdeManagementClient() override;

    // Connects and waits for the banner and first prompt.
    Status connectTo(const QString &socketPath, int timeoutMs);
    void disconnectFromSwitch();
    bool isConnected() const;
    QString socketPath() const { return m_path; }
    QString banner() const { return m_banner; }

    // One command line; a status other than 1000 is an error naming the command and the reply.
    Result<VdeReply> command(const QString &line, int timeoutMs = 2000);

    // Creating a VLAN that already exists (1017) counts as success: the layout is what we want either way.
    Status createVlan(int vlan);
    // Creating a port that already exists (1017) counts as success, for the same reason.
    Status createPort(int port);
    Status setPortVlan(int port, int vlan);
    Result<QList<VdePortInfo>> portCounters();
    Result<QList<VdeVlanInfo>> vlans();

    void setTranscript(TranscriptFn transcript) { m_transcript = std::move(transcript); }

Q_SIGNALS:
    // The switch closed the connection (it exited, or was killed).
    void connectionLost();

private:
    Result<VdeReply> exchange(const QString &line, int timeoutMs);
    void note(const QString &command, const QString &outcome) const;
    QString where() const;

    QLocalSocket m_socket;
    VdeReplyParser m_parser;
    QString m_path;
    QString m_banner;
    int m_staleReplies = 0; // replies still owed to commands that timed out; dropped when they arrive
    bool m_closing = false;
    TranscriptFn m_transcript;
};

} // namespace mlab
