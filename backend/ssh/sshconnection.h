#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

struct ssh_session_struct;
struct ssh_event_struct;

namespace mlab {

class SshChannel;

// Where and how to reach one lab node.
struct SshTarget
{
    QString label; // e.g. "NodeA", starts every message
    QString host; // numeric address, e.g. "10.168.255.1"
    quint16 port = 22;
    QString user = QStringLiteral("root");
    QString identityFile; // private key (OpenSSH format); empty = log in with the password
    QString password; // tried when there is no key or the key is refused; never put in a message
    QString pinnedHostKey; // "ssh-ed25519 AAAA...": the only host key accepted
    QString netnsPath; // namespace the connection originates in; empty = our own
    int connectTimeoutMs = 3000;

    // "NodeA (10.168.255.1)", with ":port" when it is not 22.
    QString describe() const;
};

struct CommandOutput
{
    int exitStatus = -1; // -1 when the command was killed by a signal
    QByteArray stdOut;
    QByteArray stdErr;
    QString exitSignal; // e.g. "TERM" when killed by a signal, else empty
};

// A blocking SSH connection to one node (libssh). One thread at a time; for
// callers on an event loop, SshSession wraps it in a worker thread.
class SshConnection
{
public:
    explicit SshConnection(SshTarget target);
    ~SshConnection();

    SshConnection(const SshConnection &) = delete;
    SshConnection &operator=(const SshConnection &) = delete;

    // TCP from the target's namespace, key exchange, host key pinning, public key login.
    Status connect();
    void disconnect();
    bool isConnected() const;
    const SshTarget &target() const { return m_target; }

    // Runs one command to completion. A command still running after timeoutMs
    // is terminated and reported as a failure. Several may run one after another.
    Result<CommandOutput> run(const QString &command, int timeoutMs);

    // For SshSession's worker, which multiplexes channels itself. Channels
    // must be destroyed before the connection is.
    Result<std::unique_ptr<SshChannel>> startChannel(const QString &command);
    // Stops commands before they end: closes their channels and, since OpenSSH
    // refuses "signal" requests in root sessions, starts a reaper command that
    // SIGTERMs every process carrying their markers. Does not wait for it.
    void terminate(const QList<SshChannel *> &channels);
    // The same for one channel, but hands the reaper to the caller, whose
    // isFinished() says every process of the command is gone (null when no
    // reaper was needed or it could not start).
    std::unique_ptr<SshChannel> terminateWatched(SshChannel *channel);
    // Handles the packets that arrived (waiting up to timeoutMs for some),
    // feeding every open channel; fails when the connection is lost.
    Status processPackets(int timeoutMs);
    int socketDescriptor() const;

private:
    Status authenticate();
    Status authenticateWithKey();
    Status authenticateWithPassword();
    void settleAfterLogin();
    QString lostMessage() const;
    std::unique_ptr<SshChannel> startReaper(const QList<SshChannel *> &channels);

    SshTarget m_target;
    std::vector<std::unique_ptr<SshChannel>> m_reapers; // kill commands still running
    ssh_session_struct *m_session = nullptr;
    ssh_event_struct *m_event = nullptr;
};

} // namespace mlab

Q_DECLARE_METATYPE(mlab::CommandOutput)

Q_DECLARE_METATYPE(mlab::SshTarget)
