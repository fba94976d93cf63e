#include "engine/serverpeer.h"

#include <QLocalSocket>

namespace mlab {

ServerPeer::ServerPeer(QLocalSocket *socket, quint64 serial, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_serial(serial)
{
    socket->setParent(this);
    connect(socket, &QLocalSocket::readyRead, this, &ServerPeer::readLines);
    connect(socket, &QLocalSocket::bytesWritten, this, &ServerPeer::reportDrops);
    connect(socket, &QLocalSocket::disconnected, this, [this] { Q_EMIT gone(this); });
}

ServerPeer::~ServerPeer() = default;

QString ServerPeer::tag(const QJsonValue &id) const
{
    return QString::number(m_serial) + QLatin1Char(':') + api::idText(id);
}

void ServerPeer::readLines()
{
    m_buffer += m_socket->readAll();
    while (m_socket) {
        const qsizetype newline = m_buffer.indexOf('\n');
        if (newline < 0) {
            // No end in sight: drop what came so far, keep dropping up to the newline, then say so.
            if (m_buffer.size() > api::MaxLineBytes) {
                m_discardingLongLine = true;
                m_buffer.clear();
            }
            return;
        }
        const QByteArray line = m_buffer.left(newline).trimmed();
        m_buffer.remove(0, newline + 1);
        if (std::exchange(m_discardingLongLine, false)) {
            sendReply(api::replyError(QJsonValue(),
                { api::code::lineTooLong,
                    QStringLiteral("a request line was longer than %1 bytes and was ignored")
                        .arg(api::MaxLineBytes) }));
            continue;
        }
        if (line.size() > api::MaxLineBytes) {
            sendReply(api::replyError(QJsonValue(),
                { api::code::lineTooLong,
                    QStringLiteral("a request line was longer than %1 bytes and was ignored")
                        .arg(api::MaxLineBytes) }));
            continue;
        }
        if (!line.isEmpty())
            Q_EMIT requestReceived(this, api::parseRequest(line));
    }
}

void ServerPeer::write(const QByteArray &bytes)
{
    if (!m_socket || m_socket->state() != QLocalSocket::ConnectedState)
        return;
    m_socket->write(bytes);
    if (m_socket->bytesToWrite() > api::DisconnectBytes) {
        qWarning("engine API: client %llu stopped reading (%lld bytes unwritten): disconnected", m_serial,
            m_socket->bytesToWrite());
        disconnectFromClient();
    }
}

void ServerPeer::sendReply(const QJsonObject &reply)
{
    write(api::encode(reply));
}

void ServerPeer::sendEvent(const QString &topic, const QJsonObject &event)
{
    if (!m_socket)
        return;
    if (m_socket->bytesToWrite() > api::EventBudgetBytes) {
        ++m_dropped[topic];
        ++m_droppedTotal;
        return;
    }
    write(api::encode(event));
}

void ServerPeer::reportDrops()
{
    if (m_dropped.isEmpty() || !m_socket || m_socket->bytesToWrite() > api::EventBudgetBytes / 2)
        return;
    const QMap<QString, qint64> dropped = std::exchange(m_dropped, {});
    for (auto it = dropped.cbegin(); it != dropped.cend(); ++it)
        write(api::encode(api::event(QStringLiteral("dropped"),
            { { QStringLiteral("topic"), it.key() }, { QStringLiteral("count"), it.value() } })));
}

void ServerPeer::subscribe(const QStringList &topics)
{
    for (const QString &topic : topics)
        m_topics.insert(topic);
}

void ServerPeer::unsubscribe(const QStringList &topics)
{
    for (const QString &topic : topics)
        m_topics.remove(topic);
}

QStringList ServerPeer::topics() const
{
    QStringList list(m_topics.cbegin(), m_topics.cend());
    list.sort();
    return list;
}

bool ServerPeer::beginRequest()
{
    if (m_inProgress >= api::MaxRequestsInProgress)
        return false;
    ++m_inProgress;
    return true;
}

void ServerPeer::endRequest()
{
    m_inProgress = std::max(0, m_inProgress - 1);
}

void ServerPeer::disconnectFromClient()
{
    if (m_socket)
        m_socket->abort();
}

} // namespace mlab
