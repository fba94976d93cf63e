#include "ssh/sshchannel.h"

#include <QRandomGenerator>

#include <atomic>

namespace mlab {

SshChannel::SshChannel(ssh_channel channel, QByteArray token)
    : m_channel(channel)
    , m_token(std::move(token))
{
    m_callbacks.userdata = this;
    m_callbacks.channel_data_function = &SshChannel::onData;
    m_callbacks.channel_close_function = &SshChannel::onClose;
    m_callbacks.channel_exit_status_function = &SshChannel::onExitStatus;
    m_callbacks.channel_exit_signal_function = &SshChannel::onExitSignal;
    ssh_callbacks_init(&m_callbacks);
    ssh_set_channel_callbacks(m_channel, &m_callbacks);
}

SshChannel::~SshChannel()
{
    terminate();
    // libssh may keep the channel until the server's close arrives; it must
    // not call back into this object after it is gone.
    ssh_remove_channel_callbacks(m_channel, &m_callbacks);
    ssh_channel_free(m_channel);
}

Result<std::unique_ptr<SshChannel>> SshChannel::start(ssh_session session, const QString &command)
{
    ssh_channel raw = ssh_channel_new(session);
    if (!raw)
        return fail(QStringLiteral("cannot create a channel: %1").arg(QString::fromUtf8(ssh_get_error(session))));
    static std::atomic<quint64> counter { 0 };
    const QByteArray token
        = QByteArray::number(QRandomGenerator::system()->generate64(), 16) + '-' + QByteArray::number(++counter);
    // Callbacks go in before the exec so that no early output is missed.
    std::unique_ptr<SshChannel> channel(new SshChannel(raw, token));
    if (ssh_channel_open_session(raw) != SSH_OK) {
        channel->m_remoteClosed = true; // nothing to terminate
        return fail(QStringLiteral("cannot open a channel: %1").arg(QString::fromUtf8(ssh_get_error(session))));
    }
    const QByteArray marked = "export MLAB_JOB=" + token + "; " + command.toUtf8();
    if (ssh_channel_request_exec(raw, marked.constData()) != SSH_OK)
        return fail(
            QStringLiteral("the server refused to run the command: %1").arg(QString::fromUtf8(ssh_get_error(session))));
    return channel;
}

void SshChannel::terminate()
{
    if (m_terminated || m_remoteClosed)
        return;
    m_terminated = true;
    if (ssh_channel_is_open(m_channel))
        ssh_channel_close(m_channel);
}

QString SshChannel::killCommand(const QList<QByteArray> &tokens)
{
    // Children inherit the marker in their environment; the command's own shell
    // only has it in its command line ("export" changes no /proc/PID/environ).
    // The reaper's own processes carry a different marker, so they never match.
    QByteArray patterns;
    for (const QByteArray &token : tokens)
        patterns += " -e '^MLAB_JOB=" + token + "$' -e '^export MLAB_JOB=" + token + "; '";
    // TERM each one as it is found, then KILL whatever is still there 0.5 s later: some programs ignore the
    // first TERM (iperf 2's server while it waits for a connection), and one left listening makes the next run's
    // bind fail. HUP is ignored so that the connection closing right after cannot stop the reaper half way.
    return QString::fromLatin1("trap '' HUP; pids=; for f in $(grep -lz" + patterns
        + " /proc/[0-9]*/environ /proc/[0-9]*/cmdline 2>/dev/null); do p=${f#/proc/}; p=${p%%/*}; "
          "kill -TERM \"$p\" 2>/dev/null; pids=\"$pids $p\"; done; [ -n \"$pids\" ] || exit 0; "
          "for i in 1 2 3 4 5; do alive=; for p in $pids; do [ -e /proc/$p ] && alive=\"$alive $p\"; done; "
          "[ -n \"$alive\" ] || exit 0; sleep 0.1; done; kill -KILL $alive 2>/dev/null; true");
}

int SshChannel::onData(ssh_session, ssh_channel, void *data, uint32_t len, int isStderr, void *self)
{
    auto *channel = static_cast<SshChannel *>(self);
    (isStderr ? channel->m_stdErr : channel->m_stdOut).append(static_cast<const char *>(data), qsizetype(len));
    return int(len);
}

void SshChannel::onClose(ssh_session, ssh_channel, void *self)
{
    static_cast<SshChannel *>(self)->m_remoteClosed = true;
}

void SshChannel::onExitStatus(ssh_session, ssh_channel, int status, void *self)
{
    static_cast<SshChannel *>(self)->m_exitStatus = status;
}

void SshChannel::onExitSignal(ssh_session, ssh_channel, const char *signal, int, const char *, const char *, void *self)
{
    static_cast<SshChannel *>(self)->m_exitSignal = QString::fromLatin1(signal);
}

} // namespace mlab
