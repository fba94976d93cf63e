#include "vde/vdemanagementclient.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>

namespace mlab {

namespace {

Q_LOGGING_CATEGORY(lcVdeMgmt, "mptcplab.vde.mgmt")

constexpr int kExists = 1017; // 1000 + EEXIST
constexpr int kInvalid = 1022; // 1000 + EINVAL
constexpr int kNoSuchDevice = 1006; // 1000 + ENXIO

int remainingMs(const QDeadlineTimer &deadline)
{
    return int(qMax<qint64>(0, deadline.remainingTime()));
}

} // namespace

VdeManagementClient::VdeManagementClient(QObject *parent)
    : QObject(parent)
    , m_socket(this) // a child, so it follows us to the lab thread
{
    connect(&m_socket, &QLocalSocket::disconnected, this, [this] {
        if (!m_closing)
            Q_EMIT connectionLost();
    });
}

VdeManagementClient::~VdeManagementClient()
{
    m_closing = true;
    m_socket.abort();
}

QString VdeManagementClient::where() const
{
    return m_path.isEmpty() ? QStringLiteral("(no socket)") : m_path;
}

Status VdeManagementClient::connectTo(const QString &socketPath, int timeoutMs)
{
    disconnectFromSwitch();
    m_path = socketPath;
    m_parser = VdeReplyParser {};
    m_staleReplies = 0;
    m_banner.clear();

    const QDeadlineTimer deadline(timeoutMs);
    m_socket.connectToServer(socketPath);
    if (!m_socket.waitForConnected(remainingMs(deadline))) {
        const QString reason = m_socket.errorString();
        disconnectFromSwitch();
        return fail(
            QStringLiteral("Cannot connect to the vde_switch management socket %1: %2").arg(socketPath, reason));
    }
    // The switch greets with a banner and the prompt; a command sent before that would race it.
    while (true) {
        if (m_socket.bytesAvailable() > 0)
            m_parser.feed(m_socket.readAll());
        if (m_parser.promptSeen())
            break;
        if (m_socket.state() != QLocalSocket::ConnectedState) {
            return fail(QStringLiteral("The vde_switch management socket %1 closed the connection before "
                                       "sending its prompt: is the switch exiting?")
                            .arg(socketPath));
        }
        if (deadline.hasExpired()) {
            disconnectFromSwitch();
            return fail(QStringLiteral("%1 accepted the connection but sent no \"vde$ \" prompt within %2 ms: "
                                       "is it a vde_switch management socket (-M)?")
                            .arg(socketPath, QString::number(timeoutMs)));
        }
        m_socket.waitForReadyRead(remainingMs(deadline));
    }
    m_banner = m_parser.banner().trimmed();
    return {};
}

void VdeManagementClient::disconnectFromSwitch()
{
    m_closing = true;
    if (m_socket.state() == QLocalSocket::ConnectedState)
        m_socket.disconnectFromServer();
    m_socket.abort();
    m_closing = false;
}

bool VdeManagementClient::isConnected() const
{
    return m_socket.state() == QLocalSocket::ConnectedState;
}

void VdeManagementClient::note(const QString &command, const QString &outcome) const
{
    if (m_transcript)
        m_transcript(command, outcome);
}

Result<VdeReply> VdeManagementClient::exchange(const QString &line, int timeoutMs)
{
    if (line.trimmed().isEmpty() || line.contains(QLatin1Char('\n')) || line.contains(QLatin1Char('\r'))) {
        // A newline would smuggle a second command past the status check of the first.
        return fail(QStringLiteral("Refusing to send %1 to vde_switch: a management command is exactly one "
                                   "non-empty line")
                        .arg(QLatin1Char('"') + line + QLatin1Char('"')));
    }
    if (!isConnected()) {
        const QString message = QStringLiteral("Cannot send \"%1\" to vde_switch: not connected to its management "
                                               "socket %2")
                                    .arg(line, where());
        note(line, message);
        return fail(message);
    }

    const QDeadlineTimer deadline(timeoutMs);
    m_socket.write(line.toUtf8() + '\n');
    m_socket.flush();
    while (m_socket.bytesToWrite() > 0 && !deadline.hasExpired() && isConnected())
        m_socket.waitForBytesWritten(remainingMs(deadline));

    while (true) {
        if (m_socket.bytesAvailable() > 0)
            m_parser.feed(m_socket.readAll());
        const QStringList junk = m_parser.takeUnexpectedLines();
        for (const QString &text : junk)
            qCWarning(lcVdeMgmt) << "unexpected text from vde_switch at" << m_path << ":" << text;
        // Replies owed to earlier commands that timed out arrive first; they answer nobody now.
        while (m_staleReplies > 0 && m_parser.hasReply()) {
            m_parser.takeReply();
            --m_staleReplies;
        }
        if (std::optional<VdeReply> reply = m_parser.takeReply()) {
            reply->command = line;
            note(line, reply->statusLine());
            return *reply;
        }
        if (!isConnected() && m_socket.bytesAvailable() == 0) {
            const QString message = QStringLiteral("vde_switch closed its management connection (%1) while "
                                                   "answering \"%2\": the switch has probably exited")
                                        .arg(where(), line);
            note(line, message);
            return fail(message);
        }
        if (deadline.hasExpired()) {
            ++m_staleReplies;
            const QString message = QStringLiteral("vde_switch did not answer \"%1\" within %2 ms (management "
                                                   "socket %3)")
                                        .arg(line, QString::number(timeoutMs), where());
            note(line, message);
            return fail(message);
        }
        m_socket.waitForReadyRead(remainingMs(deadline));
    }
}

Result<VdeReply> VdeManagementClient::command(const QString &line, int timeoutMs)
{
    Result<VdeReply> reply = exchange(line, timeoutMs);
    if (reply && !reply->ok())
        return fail(QStringLiteral("vde_switch refused \"%1\": %2").arg(line, reply->statusLine()));
    return reply;
}

Status VdeManagementClient::createVlan(int vlan)
{
    const QString line = QStringLiteral("vlan/create %1").arg(vlan);
    const Result<VdeReply> reply = exchange(line, 2000);
    if (!reply)
        return fail(reply.error());
    if (reply->ok() || reply->code == kExists)
        return {};
    return fail(QStringLiteral("vde_switch refused \"%1\": %2 (VLAN tags are 1..4095)").arg(line, reply->statusLine()));
}

Status VdeManagementClient::createPort(int port)
{
    const QString line = QStringLiteral("port/create %1").arg(port);
    const Result<VdeReply> reply = exchange(line, 2000);
    if (!reply)
        return fail(reply.error());
    if (reply->ok() || reply->code == kExists)
        return {};
    return fail(QStringLiteral("vde_switch refused \"%1\": %2 (is port %3 within the switch's -n port count?)")
                    .arg(line, reply->statusLine())
                    .arg(port));
}

Status VdeManagementClient::setPortVlan(int port, int vlan)
{
    const QString line = QStringLiteral("port/setvlan %1 %2").arg(port).arg(vlan);
    const Result<VdeReply> reply = exchange(line, 2000);
    if (!reply)
        return fail(reply.error());
    if (reply->ok())
        return {};
    QString hint;
    // Both are vde_switch quirks seen in the lab: the errno alone does not say which argument is wrong.
    if (reply->code == kInvalid)
        hint = QStringLiteral(" (port %1 does not exist: create it with \"port/create %1\" first)").arg(port);
    else if (reply->code == kNoSuchDevice)
        hint = QStringLiteral(" (VLAN %1 does not exist: create it with \"vlan/create %1\" first)").arg(vlan);
    return fail(QStringLiteral("vde_switch refused \"%1\": %2%3").arg(line, reply->statusLine(), hint));
}

Result<QList<VdePortInfo>> VdeManagementClient::portCounters()
{
    const Result<VdeReply> reply = command(QStringLiteral("port/allprint"));
    if (!reply)
        return fail(reply.error());
    return parsePortPrint(reply->dataLines);
}

Result<QList<VdeVlanInfo>> VdeManagementClient::vlans()
{
    const Result<VdeReply> reply = command(QStringLiteral("vlan/allprint"));
    if (!reply)
        return fail(reply.error());
    return parseVlanPrint(reply->dataLines);
}

} // namespace mlab
