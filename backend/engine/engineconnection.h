#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>

class QLocalSocket;

namespace mlab {

// A reply as the client sees it. code is the engine's error code (docs/engine-api.md), or one of the
// client's own: "disconnected" (the engine went away first) and "client-timeout" (no reply in time).
struct EngineReply
{
    bool ok = false;
    QJsonValue result;
    QString code;
    QString message;
};

// The asynchronous client of the engine API: connect, hello, requests matched to replies by id, pushed
// events as signals. Nothing here blocks, so a window can use it on its GUI thread; the command line waits
// for it in an event loop (SyncEngineClient).
class EngineConnection : public QObject
{
    Q_OBJECT
public:
    using ReplyHandler = std::function<void(const EngineReply &reply)>;

    explicit EngineConnection(QObject *parent = nullptr);
    ~EngineConnection() override; // pending handlers are dropped, never called

    // Connects and sends hello: -> ready(hello result) or failed(reason).
    void connectToEngine(const QString &socketPath, const QString &clientName = QStringLiteral("mptcplab"));
    void disconnectFromEngine();
    bool isReady() const { return m_ready; }
    const QJsonObject &helloResult() const { return m_hello; }
    QString socketPath() const { return m_path; }

    // Sends a request; handler gets exactly one reply, later (never from inside call). timeoutMs <= 0: wait
    // as long as the engine takes. Returns the request id (for cancel).
    qint64 call(const QString &method, const QJsonObject &params, ReplyHandler handler, int timeoutMs = 0);
    // Asks the engine to cancel a running exec of this connection; its own reply then says "cancelled".
    void cancel(qint64 requestId);
    int pendingCount() const { return int(m_pending.size()); }

Q_SIGNALS:
    void ready(const QJsonObject &hello);
    void failed(const QString &reason); // could not connect, or the engine speaks another protocol
    void disconnected(const QString &reason); // after ready: the engine closed the connection or died
    // Pushed events; also "error" (an error reply with no id, such as line-too-long) and "protocol-error"
    // ({message}: the engine sent a line that is not JSON).
    void eventReceived(const QString &name, const QJsonObject &event);

private:
    struct Pending
    {
        QString method;
        ReplyHandler handler;
        std::unique_ptr<QTimer> timer;
    };
    void readLines();
    void handleMessage(const QJsonObject &message);
    void resolve(qint64 id, const EngineReply &reply);
    void failAll(const QString &code, const QString &message);

    QLocalSocket *m_socket = nullptr;
    QString m_path;
    QString m_clientName;
    QByteArray m_buffer;
    std::map<qint64, Pending> m_pending;
    qint64 m_nextId = 1;
    bool m_ready = false;
    QJsonObject m_hello;
};

} // namespace mlab
