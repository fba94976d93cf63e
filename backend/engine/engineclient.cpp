#include "engine/engineclient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>

namespace mlab {

Status EngineClient::connectTo(const QString &socketPath, int timeoutMs)
{
    m_path = socketPath;
    m_socket.connectToServer(socketPath);
    if (!m_socket.waitForConnected(timeoutMs))
        return fail(QStringLiteral("cannot reach the lab engine at %1: %2").arg(socketPath, m_socket.errorString()));
    return {};
}

Result<QJsonValue> EngineClient::call(
    const QString &method, const QJsonObject &params, int timeoutMs, const EventHandler &onEvent)
{
    const int id = m_nextId++;
    const QJsonObject request { { QStringLiteral("id"), id }, { QStringLiteral("method"), method },
        { QStringLiteral("params"), params } };
    m_socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    if (!m_socket.waitForBytesWritten(2000))
        return fail(QStringLiteral("cannot send \"%1\" to the lab engine: %2").arg(method, m_socket.errorString()));
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        while (m_socket.canReadLine()) {
            const QJsonObject message = QJsonDocument::fromJson(m_socket.readLine()).object();
            if (message.contains(QStringLiteral("event"))) {
                if (onEvent)
                    onEvent(message);
                continue;
            }
            const QJsonValue replyId = message.value(QStringLiteral("id"));
            if (!replyId.isNull() && !replyId.isUndefined() && replyId.toInt() != id)
                continue;
            if (message.value(QStringLiteral("ok")).toBool())
                return message.value(QStringLiteral("result"));
            return fail(message.value(QStringLiteral("error")).toString());
        }
        if (deadline.hasExpired())
            return fail(
                QStringLiteral("the lab engine did not answer \"%1\" within %2 s").arg(method).arg(timeoutMs / 1000));
        if (m_socket.state() != QLocalSocket::ConnectedState && m_socket.bytesAvailable() == 0)
            return fail(QStringLiteral("the lab engine closed the connection during \"%1\" (see its log next to %2)")
                            .arg(method, m_path));
        m_socket.waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 200)));
    }
}

Status EngineClient::waitForEvents(int timeoutMs, const EventHandler &onEvent)
{
    if (!m_socket.canReadLine())
        m_socket.waitForReadyRead(timeoutMs);
    while (m_socket.canReadLine()) {
        const QJsonObject message = QJsonDocument::fromJson(m_socket.readLine()).object();
        if (message.contains(QStringLiteral("event")) && onEvent)
            onEvent(message);
    }
    if (m_socket.state() != QLocalSocket::ConnectedState)
        return fail(QStringLiteral("the lab engine closed the connection (see its log next to %1)").arg(m_path));
    return {};
}

} // namespace mlab
