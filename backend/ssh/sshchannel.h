#pragma once

// Internal to backend/ssh: one remote command on an exec channel.

#include "core/result.h"

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <utility>

namespace mlab {

// Output arrives through libssh's channel callbacks while anyone processes the
// session's packets (a blocking run(), another channel's open, the session
// worker's poll), so no channel's output waits for whoever happens to read it.
class SshChannel
{
public:
    // Opens a session channel and execs `command`: one blocking round trip.
    // The command runs with MLAB_JOB=<token> exported, a marker that its
    // whole process tree inherits so that killCommand() can find it.
    static Result<std::unique_ptr<SshChannel>> start(ssh_session session, const QString &command);
    // A shell command that SIGTERMs every process carrying one of these markers.
    static QString killCommand(const QList<QByteArray> &tokens);
    ~SshChannel();

    SshChannel(const SshChannel &) = delete;
    SshChannel &operator=(const SshChannel &) = delete;

    // The server closed the channel: all output and the exit status are in.
    bool isFinished() const { return m_remoteClosed; }
    QByteArray takeStdOut() { return std::exchange(m_stdOut, {}); }
    QByteArray takeStdErr() { return std::exchange(m_stdErr, {}); }
    int exitStatus() const { return m_exitStatus; } // -1 if none was sent (killed by a signal)
    QString exitSignal() const { return m_exitSignal; } // "TERM" ..., empty unless killed by a signal

    const QByteArray &token() const { return m_token; }
    // Closes our side: sshd drops the command's pipes, but does not kill it
    // (see SshConnection::terminate). Idempotent.
    void terminate();

private:
    SshChannel(ssh_channel channel, QByteArray token);

    static int onData(ssh_session, ssh_channel, void *data, uint32_t len, int isStderr, void *self);
    static void onClose(ssh_session, ssh_channel, void *self);
    static void onExitStatus(ssh_session, ssh_channel, int status, void *self);
    static void onExitSignal(
        ssh_session, ssh_channel, const char *signal, int core, const char *errmsg, const char *lang, void *self);

    ssh_channel m_channel;
    QByteArray m_token;
    ssh_channel_callbacks_struct m_callbacks {};
    QByteArray m_stdOut;
    QByteArray m_stdErr;
    int m_exitStatus = -1;
    QString m_exitSignal;
    bool m_remoteClosed = false;
    bool m_terminated = false;
};

} // namespace mlab
