#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

class QLocalServer;
class QLocalSocket;

namespace mlab {

class LabController;
class TelemetryHub;

// The engine's local API: newline-delimited JSON over a Unix socket.
//   request  {"id": 1, "method": "status", "params": {...}}
//   reply    {"id": 1, "ok": true, "result": {...}}  or  {"id": 1, "ok": false, "error": "..."}
//   event    {"event": "progress" | "transcript" | "link" | "damaged" | "telemetry", ...}
// "telemetry" events (batches of new samples, events and the subflow table,
// every 200 ms) go only to clients that sent "subscribe".
// Only root and the user who started the lab may connect (SO_PEERCRED).
// Lives on the main thread; lab work runs on the controller's thread.
class EngineServer : public QObject
{
    Q_OBJECT
public:
    // telemetry may be null (no samplers): subscribe and history then answer with an error.
    EngineServer(LabController *controller, TelemetryHub *telemetry, uint ownerUid, QObject *parent = nullptr);
    bool listen(const QString &socketPath, QString *error);

Q_SIGNALS:
    // The lab was taken down through the API: the engine process should exit.
    void labDown();

private:
    void acceptConnections();
    void handleLine(QLocalSocket *client, const QByteArray &line);
    void dispatch(QLocalSocket *client, const QJsonValue &id, const QString &method, const QJsonObject &params);
    void reply(QPointer<QLocalSocket> client, const QJsonValue &id, bool ok, const QJsonValue &payload);
    void broadcast(const QJsonObject &event);
    static void send(QLocalSocket *client, const QJsonObject &message);

    LabController *m_controller;
    QLocalServer *m_server;
    uint m_ownerUid;
    QList<QPointer<QLocalSocket>> m_clients;
    QList<QPointer<QLocalSocket>> m_telemetrySubscribers;
    TelemetryHub *m_telemetry;
    QThreadPool m_execPool;
};

} // namespace mlab
