#pragma once

#include "engine/apiparams.h"
#include "engine/apiprotocol.h"
#include "lab/labmodel.h"
#include "ssh/sshconnection.h"

#include <QFutureSynchronizer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QLocalServer;

namespace mlab {

class ExecService;
class LabController;
class ServerPeer;
class TelemetryHub;
class TrafficService;
struct LabStep;

// The engine's local API, protocol version api::ProtocolVersion (docs/engine-api.md is the contract):
// newline-delimited JSON over a Unix socket that only root and the lab's owner may use (SO_PEERCRED).
// Lives on the engine's main thread and never blocks it: lab operations run on the controller's thread,
// commands on nodes through ExecService, history on a worker thread.
class EngineServer : public QObject
{
    Q_OBJECT
public:
    // telemetry may be null (no samplers): subscribe to telemetry and history then answer no-telemetry.
    EngineServer(LabController *controller, TelemetryHub *telemetry, uint ownerUid, QObject *parent = nullptr);
    ~EngineServer() override;

    Status listen(const QString &socketPath);
    // Refuses new requests, answers those in progress with shutting-down, stops every command on the
    // nodes, and waits for history work. Call before the controller and telemetry are destroyed.
    void shutDown();

    static QStringList topicNames();

Q_SIGNALS:
    // The lab was taken down through the API: the engine process should exit.
    void labDown();

private:
    using Handler = void (EngineServer::*)(ServerPeer *, const api::Request &);
    struct Method
    {
        Handler handler;
        QList<api::ParamSpec> params;
    };
    // An answer that may come later: replies once, to a peer that may be gone by then.
    struct Pending
    {
        QPointer<ServerPeer> peer;
        QJsonValue id;
    };

    void acceptConnections();
    void handleRequest(ServerPeer *peer, const api::Request &request);
    void finish(const Pending &pending, const QJsonValue &result);
    void finishError(const Pending &pending, const api::ApiError &error);
    void publish(const QString &topic, const QJsonObject &event);
    void onStep(const LabStep &step);
    // Runs work(controller) on the lab thread and answers with its result on this thread.
    void onLabThread(const Pending &pending, std::function<std::pair<bool, QJsonValue>()> work,
        const QString &failureCode = api::code::failed);
    bool labIsReady(const Pending &pending);
    // The lab's node of that name, or null after answering unknown-node.
    const NodeSpec *nodeOrError(const Pending &pending, const QString &node);
    // breakMode: the mode of a break; nullopt for a restore.
    void changeLink(const Pending &pending, const QString &link, const std::optional<QString> &breakMode);

    void hello(ServerPeer *peer, const api::Request &request);
    void status(ServerPeer *peer, const api::Request &request);
    void up(ServerPeer *peer, const api::Request &request);
    void down(ServerPeer *peer, const api::Request &request);
    void breakLink(ServerPeer *peer, const api::Request &request);
    void restoreLink(ServerPeer *peer, const api::Request &request);
    void exec(ServerPeer *peer, const api::Request &request);
    void cancel(ServerPeer *peer, const api::Request &request);
    void consoleLog(ServerPeer *peer, const api::Request &request);
    void subscribe(ServerPeer *peer, const api::Request &request);
    void unsubscribe(ServerPeer *peer, const api::Request &request);
    void transcript(ServerPeer *peer, const api::Request &request);
    void history(ServerPeer *peer, const api::Request &request);
    void traffic(ServerPeer *peer, const api::Request &request);
    void scenario(ServerPeer *peer, const api::Request &request);

    const QHash<QString, Method> &methods() const;

    LabController *m_controller;
    TelemetryHub *m_telemetry;
    const Lab m_lab; // a copy: the controller's lives on the lab thread
    QLocalServer *m_server;
    uint m_ownerUid;
    ExecService *m_exec;
    TrafficService *m_traffic;
    QList<QPointer<ServerPeer>> m_peers;
    quint64 m_nextPeerSerial = 1;
    QString m_phase = QStringLiteral("down"); // mirrored from the controller's phaseChanged
    QHash<QString, Pending> m_labOperations; // request tag -> who asked, for its step events
    QHash<QString, quint64> m_execByTag; // request tag -> exec handle, for cancel
    QFutureSynchronizer<void> m_historyWork;
    bool m_shuttingDown = false;
};

} // namespace mlab
