#pragma once

#include "core/result.h"
#include "engine/engineconnection.h"

#include <QJsonObject>
#include <QJsonValue>

#include <functional>

namespace mlab {

// A blocking client of the engine API for the command line and tests, built on EngineConnection: each
// call waits in a local event loop. Never for a GUI thread: a window uses EngineConnection itself.
class EngineClient
{
public:
    using EventHandler = std::function<void(const QJsonObject &event)>;

    EngineClient();
    ~EngineClient();

    // Connects and exchanges hello (protocol version checked).
    Status connectTo(const QString &socketPath, int timeoutMs = 1000);
    // Sends one request and waits for its reply, passing pushed events to onEvent meanwhile.
    Result<QJsonValue> call(
        const QString &method, const QJsonObject &params = {}, int timeoutMs = 30000, const EventHandler &onEvent = {});
    // The same, with the engine's error code.
    EngineReply request(
        const QString &method, const QJsonObject &params = {}, int timeoutMs = 30000, const EventHandler &onEvent = {});
    // Passes pushed events to onEvent for up to timeoutMs (returns early once something arrived).
    // Fails when the engine closed the connection.
    Status waitForEvents(int timeoutMs, const EventHandler &onEvent);
    EngineConnection &connection() { return m_connection; }
    // The engine answered connectTo() with permission-denied: it runs, but not for this user.
    bool wasRefused() const { return m_refused; }

private:
    EngineConnection m_connection;
    QList<QJsonObject> m_events; // arrived while nobody was waiting for events
    bool m_closed = false;
    bool m_refused = false;
};

} // namespace mlab
