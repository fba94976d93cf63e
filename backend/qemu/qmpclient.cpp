#include "qemu/qmpclient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>

namespace mlab {

Status QmpClient::connectTo(const QString &socketPath, int timeoutMs)
{
    m_path = socketPath;
    m_socket.connectToServer(socketPath);
    if (!m_socket.waitForConnected(timeoutMs))
        return fail(QStringLiteral("QMP socket %1: %2").arg(socketPath, m_socket.errorString()));
    Result<QJsonObject> greeting = readMessage(timeoutMs);
    if (!greeting)
        return fail(greeting.error());
    if (!greeting->contains(QStringLiteral("QMP")))
        return fail(QStringLiteral("QMP socket %1 did not greet with {\"QMP\": ...}").arg(socketPath));
    Result<QJsonValue> negotiated = execute(QStringLiteral("qmp_capabilities"), {}, timeoutMs);
    if (!negotiated)
        return fail(negotiated.error());
    return {};
}

// QMP messages are JSON objects, one per line.
Result<QJsonObject> QmpClient::readMessage(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (const qsizetype newline = m_buffer.indexOf('\n'); newline >= 0) {
            const QByteArray line = m_buffer.left(newline);
            m_buffer.remove(0, newline + 1);
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            if (!document.isObject())
                return fail(QStringLiteral("QMP socket %1 sent something that is not a JSON object: %2")
                                .arg(m_path, QString::fromUtf8(line.left(200))));
            return document.object();
        }
        if (deadline.hasExpired() || m_socket.state() != QLocalSocket::ConnectedState)
            return fail(
                QStringLiteral("QMP socket %1: no reply within %2 ms%3")
                    .arg(m_path)
                    .arg(timeoutMs)
                    .arg(m_socket.state() == QLocalSocket::ConnectedState ? QString() : QStringLiteral(" (closed)")));
        if (m_socket.bytesAvailable() == 0)
            m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        m_buffer += m_socket.readAll();
    }
}

Result<QJsonValue> QmpClient::execute(const QString &command, const QJsonObject &arguments, int timeoutMs)
{
    QJsonObject request { { QStringLiteral("execute"), command } };
    if (!arguments.isEmpty())
        request.insert(QStringLiteral("arguments"), arguments);
    m_socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    if (!m_socket.waitForBytesWritten(timeoutMs))
        return fail(QStringLiteral("QMP socket %1: cannot send %2: %3").arg(m_path, command, m_socket.errorString()));
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        Result<QJsonObject> reply = readMessage(int(qMax<qint64>(1, deadline.remainingTime())));
        if (!reply)
            return fail(QStringLiteral("%1 (waiting for the reply to %2)").arg(reply.error(), command));
        if (reply->contains(QStringLiteral("event")))
            continue; // SHUTDOWN, POWERDOWN, NIC_RX_FILTER_CHANGED ... arrive whenever they happen
        if (reply->contains(QStringLiteral("error"))) {
            const QJsonObject error = reply->value(QStringLiteral("error")).toObject();
            return fail(QStringLiteral("QMP %1 failed: %2 (%3)")
                            .arg(command, error.value(QStringLiteral("desc")).toString(),
                                error.value(QStringLiteral("class")).toString()));
        }
        return reply->value(QStringLiteral("return"));
    }
}

Result<QJsonValue> QmpClient::call(
    const QString &socketPath, const QString &command, const QJsonObject &arguments, int timeoutMs)
{
    QmpClient client;
    if (Status connected = client.connectTo(socketPath, timeoutMs); !connected)
        return fail(connected.error());
    return client.execute(command, arguments, timeoutMs);
}

} // namespace mlab
