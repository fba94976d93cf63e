#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QLocalSocket>

#include <functional>

namespace mlab {

// A blocking client of the engine API, for the command line tool (never a GUI thread).
class EngineClient
{
public:
    using EventHandler = std::function<void(const QJsonObject &event)>;

    Status connectTo(const QString &socketPath, int timeoutMs = 1000);
    // Sends one request and waits for its reply, passing pushed events to onEvent meanwhile.
    Result<QJsonValue> call(
        const QString &method, const QJsonObject &params = {}, int timeoutMs = 30000, const EventHandler &onEvent = {});

    // Passes pushed events to onEvent for up to timeoutMs (returns early once
    // something was read). Fails when the engine closed the connection.
    Status waitForEvents(int timeoutMs, const EventHandler &onEvent);

private:
    QLocalSocket m_socket;
    QString m_path;
    int m_nextId = 1;
};

} // namespace mlab
