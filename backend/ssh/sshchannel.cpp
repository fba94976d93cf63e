#include "ssh/sshchannel.h"

namespace mlab {

SshChannel::SshChannel(ssh_channel channel)
    : m_channel(channel)
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
    // Callbacks go in before the exec so that no early output is missed.
    std::unique_ptr<SshChannel> channel(new SshChannel(raw));
    if (ssh_channel_open_session(raw) != SSH_OK) {
        channel->m_remoteClosed = true; // nothing to terminate
        return fail(QStringLiteral("cannot open a channel: %1").arg(QString::fromUtf8(ssh_get_error(session))));
    }
    if (ssh_channel_request_exec(raw, command.toUtf8().constData()) != SSH_OK)
        return fail(
            QStringLiteral("the server refused to run the command: %1").arg(QString::fromUtf8(ssh_get_error(session))));
    return channel;
}

void SshChannel::terminate()
{
    if (m_terminated || m_remoteClosed)
        return;
    m_terminated = true;
    if (ssh_channel_is_open(m_channel)) {
        // OpenSSH signals only the command's top process: the login shell execs a
        // simple command, so "sleep 10" itself gets it; a pipeline's later
        // members die of SIGPIPE when the channel's pipes close.
        ssh_channel_request_send_signal(m_channel, "TERM");
        ssh_channel_close(m_channel);
    }
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
