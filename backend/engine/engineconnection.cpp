#include "engine/engineconnection.h"

#include "engine/apiprotocol.h"

#include <QJsonDocument>
#include <QLocalSocket>

namespace mlab {

EngineConnection::EngineConnection(QObject *parent)
    : QObject(parent)
    , m_socket(new QLocalSocket(this))
{
    connect(m_socket, &QLocalSocket::connected, this, [this] {
        call(
            QStringLiteral("hello"),
            { { QStringLiteral("client"), m_clientName }, { QStringLiteral("protocolVersion"), api::ProtocolVersion } },
            [this](const EngineReply &reply) {
                if (!reply.ok) {
                    Q_EMIT failed(QStringLiteral("the lab engine at %1 refused hello: %2").arg(m_path, reply.message));
                    m_socket->abort();
                    return;
                }
                m_hello = reply.result.toObject();
                m_ready = true;
                Q_EMIT ready(m_hello);
            },
            10000);
    });
    connect(m_socket, &QLocalSocket::readyRead, this, &EngineConnection::readLines);
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError error) {
        if (error == QLocalSocket::PeerClosedError)
            return; // disconnected() follows
        if (!m_ready)
            Q_EMIT failed(QStringLiteral("cannot reach the lab engine at %1: %2").arg(m_path, m_socket->errorString()));
    });
    connect(m_socket, &QLocalSocket::disconnected, this, [this] {
        if (m_socket->isOpen())
            readLines(); // a last reply may still be in the buffer
        const QString reason
            = QStringLiteral("the lab engine closed the connection (its log is next to %1)").arg(m_path);
        failAll(QStringLiteral("disconnected"), reason);
        if (std::exchange(m_ready, false))
            Q_EMIT disconnected(reason);
    });
}

EngineConnection::~EngineConnection()
{
    m_pending.clear();
    m_socket->disconnect(this);
}

void EngineConnection::connectToEngine(const QString &socketPath, const QString &clientName)
{
    m_path = socketPath;
    m_clientName = clientName;
    m_ready = false;
    m_buffer.clear();
    m_socket->connectToServer(socketPath);
}

void EngineConnection::disconnectFromEngine()
{
    m_socket->disconnectFromServer();
}

qint64 EngineConnection::call(const QString &method, const QJsonObject &params, ReplyHandler handler, int timeoutMs)
{
    const qint64 id = m_nextId++;
    Pending &pending = m_pending[id];
    pending.method = method;
    pending.handler = std::move(handler);
    if (m_socket->state() != QLocalSocket::ConnectedState) {
        const QString reason = QStringLiteral("not connected to the lab engine (%1)").arg(m_path);
        QTimer::singleShot(0, this, [this, id, reason] {
            resolve(id, { false, {}, QStringLiteral("disconnected"), reason });
        });
        return id;
    }
    if (timeoutMs > 0) {
        pending.timer = std::make_unique<QTimer>();
        pending.timer->setSingleShot(true);
        connect(pending.timer.get(), &QTimer::timeout, this, [this, id, method, timeoutMs] {
            resolve(id,
                { false, {}, QStringLiteral("client-timeout"),
                    QStringLiteral("the lab engine did not answer \"%1\" within %2 s")
                        .arg(method)
                        .arg(timeoutMs / 1000.0) });
        });
        pending.timer->start(timeoutMs);
    }
    m_socket->write(api::encode(
        { { QStringLiteral("id"), id }, { QStringLiteral("method"), method }, { QStringLiteral("params"), params } }));
    return id;
}

void EngineConnection::cancel(qint64 requestId)
{
    call(QStringLiteral("cancel"), { { QStringLiteral("requestId"), requestId } }, [](const EngineReply &) {});
}

void EngineConnection::readLines()
{
    if (!m_socket->isOpen())
        return;
    m_buffer += m_socket->readAll();
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        QJsonParseError error {};
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (!document.isObject()) {
            // The engine and this client ship together: a garbled line is a bug worth naming, not skipping.
            const QString reason = QStringLiteral("the lab engine sent a line that is not a JSON object (%1): %2")
                                       .arg(error.errorString(), QString::fromUtf8(line.left(200)));
            Q_EMIT eventReceived(QStringLiteral("protocol-error"), { { QStringLiteral("message"), reason } });
            continue;
        }
        handleMessage(document.object());
    }
}

void EngineConnection::handleMessage(const QJsonObject &message)
{
    if (message.contains(QStringLiteral("event"))) {
        Q_EMIT eventReceived(message.value(QStringLiteral("event")).toString(), message);
        return;
    }
    const QJsonValue id = message.value(QStringLiteral("id"));
    EngineReply reply;
    reply.ok = message.value(QStringLiteral("ok")).toBool();
    reply.result = message.value(QStringLiteral("result"));
    const QJsonValue error = message.value(QStringLiteral("error"));
    reply.code = error.toObject().value(QStringLiteral("code")).toString();
    reply.message = error.toObject().value(QStringLiteral("message")).toString();
    if (!reply.ok && reply.message.isEmpty())
        reply.message = QStringLiteral("the lab engine refused the request without saying why (reply: %1)")
                            .arg(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    if (id.isNull() || id.isUndefined()) {
        // An error about a line the engine could not take apart (too long, not JSON): nobody's reply.
        Q_EMIT eventReceived(QStringLiteral("error"), message);
        if (reply.code == api::code::permissionDenied && !m_ready)
            Q_EMIT failed(reply.message);
        return;
    }
    resolve(id.toInteger(), reply);
}

void EngineConnection::resolve(qint64 id, const EngineReply &reply)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    ReplyHandler handler = std::move(it->second.handler);
    m_pending.erase(it);
    if (handler)
        handler(reply);
}

void EngineConnection::failAll(const QString &code, const QString &message)
{
    std::map<qint64, Pending> pending = std::exchange(m_pending, {});
    for (auto &[id, entry] : pending) {
        if (entry.handler)
            entry.handler({ false, {}, code, message });
    }
}

} // namespace mlab
