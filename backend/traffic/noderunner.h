#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <functional>

namespace mlab {

// Runs commands on lab nodes without blocking (the engine implements it over each node's SSH session).
// Handlers are called on the thread that called start(), possibly before start() or stop() returns: the
// traffic objects re-post them to their own event loop, so an implementation need not defer them.
class NodeRunner
{
public:
    virtual ~NodeRunner() = default;
    using LineHandler = std::function<void(const QByteArray &line, bool isStdErr)>;
    using EndHandler = std::function<void(int exitStatus, const QString &error)>; // error empty when it ran
    // Starts a command that runs until it ends or stop() is called; onLine for each output line, onEnd exactly
    // once (exitStatus -1 when stopped or killed). Returns a handle, 0 when it could not start (onEnd is still
    // called).
    virtual quint64 start(const QString &node, const QString &command, LineHandler onLine, EndHandler onEnd) = 0;
    // Stops the command and every process it started on the node; onEnd(-1, "") follows.
    virtual void stop(quint64 handle) = 0;
};

} // namespace mlab
