#include "ssh/sshconnection.h"

#include "ssh/libsshutil.h"
#include "ssh/netsocket.h"
#include "ssh/sshchannel.h"

#include <libssh/libssh.h>

#include <QElapsedTimer>
#include <QFile>

#include <cerrno>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mlab {

QString SshTarget::describe() const
{
    const QString address = port == 22 ? host : QStringLiteral("%1:%2").arg(host).arg(port);
    return QStringLiteral("%1 (%2)").arg(label, address);
}

SshConnection::SshConnection(SshTarget target)
    : m_target(std::move(target))
{ }

SshConnection::~SshConnection()
{
    disconnect();
}

bool SshConnection::isConnected() const
{
    return m_session && ssh_is_connected(m_session) && !(ssh_get_status(m_session) & (SSH_CLOSED | SSH_CLOSED_ERROR));
}

int SshConnection::socketDescriptor() const
{
    return m_session ? ssh_get_fd(m_session) : -1;
}

void SshConnection::disconnect()
{
    m_reapers.clear();
    if (m_event) {
        if (m_session)
            ssh_event_remove_session(m_event, m_session);
        ssh_event_free(m_event);
        m_event = nullptr;
    }
    if (m_session) {
        // Not ssh_disconnect(): in libssh 0.10 it leaves a socket given with
        // SSH_OPTIONS_FD open, yet closes it after a write error, so nobody could
        // tell whether to close it. ssh_free() alone always closes it exactly once
        // (or knows libssh already has). sshd sees a plain TCP close.
        ssh_free(m_session);
        m_session = nullptr;
    }
}

Status SshConnection::connect()
{
    disconnect();
    const QString where = m_target.describe();
    if (m_target.pinnedHostKey.trimmed().isEmpty())
        return fail(
            QStringLiteral("%1: no pinned host key; refusing to connect to a host whose key is unknown").arg(where));
    Result<libssh::Key> pinned = libssh::parsePublicKeyLine(m_target.pinnedHostKey);
    if (!pinned)
        return fail(QStringLiteral("%1: pinned host key: %2").arg(where, pinned.error()));

    Result<int> socket = connectTcpInNetns(m_target.netnsPath, m_target.host, m_target.port, m_target.connectTimeoutMs);
    if (!socket)
        return fail(QStringLiteral("%1: %2").arg(where, socket.error()));
    int fd = socket.value();
    // Small writes (one command, one telemetry line) must not wait for Nagle.
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);

    m_session = ssh_new();
    if (!m_session) {
        ::close(fd);
        return fail(QStringLiteral("%1: libssh could not create a session").arg(where));
    }
    const QByteArray host = m_target.host.toUtf8();
    const QByteArray user = m_target.user.toUtf8();
    const unsigned int port = m_target.port;
    const long timeoutUsec = long(m_target.connectTimeoutMs) * 1000;
    const int no = 0;
    // Offer only the pinned key's type so that the server shows that key.
    const QByteArray hostKeyType = ssh_key_type_to_char(ssh_key_type(pinned.value().get()));
    ssh_options_set(m_session, SSH_OPTIONS_FD, &fd);
    ssh_options_set(m_session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(m_session, SSH_OPTIONS_PORT, &port);
    ssh_options_set(m_session, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(m_session, SSH_OPTIONS_TIMEOUT_USEC, &timeoutUsec);
    // Nothing from ~/.ssh may change how the lab connects or which key it trusts.
    ssh_options_set(m_session, SSH_OPTIONS_PROCESS_CONFIG, &no);
    ssh_options_set(m_session, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
    ssh_options_set(m_session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
    ssh_options_set(m_session, SSH_OPTIONS_HOSTKEYS, hostKeyType.constData());

    if (ssh_connect(m_session) != SSH_OK) {
        const QString error = QString::fromUtf8(ssh_get_error(m_session));
        disconnect();
        return fail(QStringLiteral("%1: SSH handshake on port %2 failed: %3").arg(where).arg(port).arg(error));
    }

    ssh_key serverKey = nullptr;
    if (ssh_get_server_publickey(m_session, &serverKey) != SSH_OK) {
        disconnect();
        return fail(QStringLiteral("%1: the server sent no host key; refusing to connect").arg(where));
    }
    const libssh::Key offered(serverKey);
    if (ssh_key_cmp(offered.get(), pinned.value().get(), SSH_KEY_CMP_PUBLIC) != 0) {
        const QString message
            = QStringLiteral("%1: host key changed — expected %2, got %3; refusing to connect")
                  .arg(where, libssh::fingerprint(pinned.value().get()), libssh::fingerprint(offered.get()));
        disconnect();
        return fail(message);
    }

    if (Status authenticated = authenticate(); !authenticated) {
        disconnect();
        return authenticated;
    }
    m_event = ssh_event_new();
    if (!m_event || ssh_event_add_session(m_event, m_session) != SSH_OK) {
        disconnect();
        return fail(QStringLiteral("%1: libssh could not set up polling for the session").arg(where));
    }
    settleAfterLogin();
    return {};
}

// sshd (no TCP_NODELAY outside PTY sessions) holds its host key announcement
// (hostkeys-00@openssh.com) with Nagle until the login reply is ACKed, and then
// the first channel's confirmation until that announcement is ACKed; our delayed
// ACKs made every connection's first command 40 ms slower (measured). Forcing
// the ACKs out and taking the announcement now avoids both waits.
void SshConnection::settleAfterLogin()
{
    const int fd = ssh_get_fd(m_session);
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
    pollfd pfd { fd, POLLIN, 0 };
    if (::poll(&pfd, 1, 10) > 0)
        ssh_event_dopoll(m_event, 0);
    ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
}

Status SshConnection::authenticate()
{
    if (m_target.identityFile.isEmpty())
        return authenticateWithPassword();
    Status withKey = authenticateWithKey();
    if (withKey || m_target.password.isEmpty())
        return withKey;
    Status withPassword = authenticateWithPassword();
    if (!withPassword)
        return fail(withKey.error() + QStringLiteral("; ") + withPassword.error());
    return withPassword;
}

Status SshConnection::authenticateWithPassword()
{
    const QString where = m_target.describe();
    if (m_target.password.isEmpty())
        return fail(QStringLiteral("%1: no key and no password to log in as %2 with").arg(where, m_target.user));
    const QByteArray password = m_target.password.toUtf8();
    switch (ssh_userauth_password(m_session, nullptr, password.constData())) {
    case SSH_AUTH_SUCCESS:
        return {};
    case SSH_AUTH_DENIED:
    case SSH_AUTH_PARTIAL:
        return fail(QStringLiteral("%1: sshd on port %2 refused the password of %3 (the lab file's "
                                   "login.password; does the node allow password logins for %3?)")
                        .arg(where)
                        .arg(m_target.port)
                        .arg(m_target.user));
    default:
        return fail(QStringLiteral("%1: password authentication as %2 failed: %3")
                        .arg(where, m_target.user, QString::fromUtf8(ssh_get_error(m_session))));
    }
}

Status SshConnection::authenticateWithKey()
{
    const QString where = m_target.describe();
    ssh_key raw = nullptr;
    const int imported = ssh_pki_import_privkey_file(
        QFile::encodeName(m_target.identityFile).constData(), nullptr, nullptr, nullptr, &raw);
    if (imported != SSH_OK)
        return fail(QStringLiteral("%1: cannot read the identity file %2 (%3)")
                        .arg(where, m_target.identityFile,
                            imported == SSH_EOF ? QStringLiteral("missing or unreadable")
                                                : QStringLiteral("not a private key libssh can read")));
    const libssh::Key identity(raw);

    switch (ssh_userauth_publickey(m_session, nullptr, identity.get())) {
    case SSH_AUTH_SUCCESS:
        return {};
    case SSH_AUTH_DENIED:
    case SSH_AUTH_PARTIAL:
        return fail(QStringLiteral("%1: sshd on port %2 refused %3's key %4 (%5); is its public key in the node's "
                                   "authorized keys?")
                        .arg(where)
                        .arg(m_target.port)
                        .arg(m_target.user, m_target.identityFile, libssh::fingerprint(identity.get())));
    default:
        return fail(QStringLiteral("%1: authentication as %2 failed: %3")
                        .arg(where, m_target.user, QString::fromUtf8(ssh_get_error(m_session))));
    }
}

QString SshConnection::lostMessage() const
{
    const QString detail = m_session ? QString::fromUtf8(ssh_get_error(m_session)) : QString();
    return QStringLiteral("%1: connection lost%2")
        .arg(m_target.describe(), detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(detail));
}

Result<std::unique_ptr<SshChannel>> SshConnection::startChannel(const QString &command)
{
    if (!isConnected())
        return fail(QStringLiteral("%1: not connected, cannot run \"%2\"").arg(m_target.describe(), command));
    Result<std::unique_ptr<SshChannel>> channel = SshChannel::start(m_session, command);
    if (!channel)
        return fail(QStringLiteral("%1: \"%2\": %3").arg(m_target.label, command, channel.error()));
    return channel;
}

void SshConnection::terminate(const QList<SshChannel *> &channels)
{
    if (std::unique_ptr<SshChannel> reaper = startReaper(channels))
        m_reapers.push_back(std::move(reaper));
}

std::unique_ptr<SshChannel> SshConnection::terminateWatched(SshChannel *channel)
{
    return startReaper({ channel });
}

std::unique_ptr<SshChannel> SshConnection::startReaper(const QList<SshChannel *> &channels)
{
    QList<QByteArray> tokens;
    for (SshChannel *channel : channels) {
        if (channel->isFinished())
            continue;
        tokens << channel->token();
        channel->terminate();
    }
    if (tokens.isEmpty() || !isConnected())
        return {};
    // The exec is acknowledged once sshd has forked the reaper: it runs to its end
    // even if this connection goes away right after.
    Result<std::unique_ptr<SshChannel>> reaper = SshChannel::start(m_session, SshChannel::killCommand(tokens));
    if (!reaper)
        return {};
    return std::move(reaper).value();
}

Status SshConnection::processPackets(int timeoutMs)
{
    if (!m_event || !isConnected())
        return fail(lostMessage());
    errno = 0;
    const int rc = ssh_event_dopoll(m_event, timeoutMs);
    if (rc == SSH_ERROR && errno == EINTR && isConnected())
        return {};
    if (rc == SSH_ERROR || !isConnected())
        return fail(lostMessage());
    // Keeps sshd's Nagle from holding a stream's next line until our delayed ACK
    // (up to 40 ms) when a sampler prints several lines at once.
    const int on = 1;
    ::setsockopt(ssh_get_fd(m_session), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
    std::erase_if(m_reapers, [](const std::unique_ptr<SshChannel> &reaper) { return reaper->isFinished(); });
    return {};
}

Result<CommandOutput> SshConnection::run(const QString &command, int timeoutMs)
{
    Result<std::unique_ptr<SshChannel>> started = startChannel(command);
    if (!started)
        return fail(started.error());
    SshChannel &channel = *started.value();

    QElapsedTimer clock;
    clock.start();
    while (!channel.isFinished()) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0) {
            terminate({ &channel });
            return fail(QStringLiteral("%1: \"%2\" timed out after %3 ms").arg(m_target.label, command).arg(timeoutMs));
        }
        if (Status alive = processPackets(int(left)); !alive)
            return fail(QStringLiteral("%1 while running \"%2\"").arg(alive.error(), command));
    }
    CommandOutput output;
    output.exitStatus = channel.exitStatus();
    output.exitSignal = channel.exitSignal();
    output.stdOut = channel.takeStdOut();
    output.stdErr = channel.takeStdErr();
    return output;
}

} // namespace mlab
