#include "engine/engineclient.h"

#include <QEventLoop>
#include <QTimer>

namespace mlab {

EngineClient::EngineClient()
{
    QObject::connect(&m_connection, &EngineConnection::eventReceived, &m_connection,
        [this](const QString &, const QJsonObject &event) {
            // Kept for the next waitForEvents; a caller that never waits must not grow them without end.
            m_events << event;
            if (m_events.size() > 10000)
                m_events.removeFirst();
        });
    QObject::connect(&m_connection, &EngineConnection::disconnected, &m_connection, [this] { m_closed = true; });
}

EngineClient::~EngineClient() = default;

Status EngineClient::connectTo(const QString &socketPath, int timeoutMs)
{
    QEventLoop loop;
    QString error;
    bool ready = false;
    QObject::connect(&m_connection, &EngineConnection::ready, &loop, [&] {
        ready = true;
        loop.quit();
    });
    QObject::connect(&m_connection, &EngineConnection::failed, &loop, [&](const QString &reason) {
        // The first reason is the real one (say, permission denied); the closed connection follows from it.
        if (error.isEmpty())
            error = reason;
        loop.quit();
    });
    QObject::connect(
        &m_connection, &EngineConnection::eventReceived, &loop, [this](const QString &name, const QJsonObject &event) {
            m_refused |= name == QLatin1String("error")
                && event.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString()
                    == QLatin1String("permission-denied");
        });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        error = QStringLiteral("the lab engine at %1 did not answer within %2 ms").arg(socketPath).arg(timeoutMs);
        loop.quit();
    });
    m_connection.connectToEngine(socketPath, QStringLiteral("mptcplab-cli"));
    loop.exec();
    if (!ready)
        return fail(error);
    m_closed = false;
    return {};
}

EngineReply EngineClient::request(
    const QString &method, const QJsonObject &params, int timeoutMs, const EventHandler &onEvent)
{
    QEventLoop loop;
    EngineReply answer;
    bool answered = false;
    QMetaObject::Connection events;
    if (onEvent) {
        for (const QJsonObject &event : std::exchange(m_events, {}))
            onEvent(event);
        events = QObject::connect(
            &m_connection, &EngineConnection::eventReceived, &loop, [&](const QString &, const QJsonObject &event) {
                m_events.clear();
                onEvent(event);
            });
    }
    m_connection.call(
        method, params,
        [&](const EngineReply &reply) {
            answer = reply;
            answered = true;
            loop.quit();
        },
        timeoutMs);
    if (!answered)
        loop.exec();
    QObject::disconnect(events);
    return answer;
}

Result<QJsonValue> EngineClient::call(
    const QString &method, const QJsonObject &params, int timeoutMs, const EventHandler &onEvent)
{
    const EngineReply reply = request(method, params, timeoutMs, onEvent);
    if (!reply.ok)
        return fail(reply.message);
    return reply.result;
}

Status EngineClient::waitForEvents(int timeoutMs, const EventHandler &onEvent)
{
    if (m_events.isEmpty() && !m_closed) {
        QEventLoop loop;
        QObject::connect(&m_connection, &EngineConnection::eventReceived, &loop, [&] { loop.quit(); });
        QObject::connect(&m_connection, &EngineConnection::disconnected, &loop, [&] { loop.quit(); });
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    for (const QJsonObject &event : std::exchange(m_events, {})) {
        if (onEvent)
            onEvent(event);
    }
    if (m_closed)
        return fail(QStringLiteral("the lab engine closed the connection (its log is next to %1)")
                        .arg(m_connection.socketPath()));
    return {};
}

} // namespace mlab
