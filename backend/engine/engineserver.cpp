#include "engine/engineserver.h"

#include "core/transcript.h"
#include "engine/execservice.h"
#include "engine/labcontroller.h"
#include "engine/serverpeer.h"
#include "engine/telemetryhub.h"
#include "engine/trafficservice.h"
#include "lab/breakmode.h"
#include "telemetry/telemetryclock.h"

#include <QJsonArray>
#include <QLocalServer>
#include <QLocalSocket>

#include <sys/socket.h>

namespace mlab {

using api::ParamSpec;

namespace {

constexpr int MaxExecTimeoutMs = 3600 * 1000;
// A reply well under the engine's event budget, so events queued behind it are not dropped.
constexpr int MaxConsoleLogBytes = 1024 * 1024;

QJsonObject stepJson(const LabStep &step)
{
    QJsonObject json { { QStringLiteral("id"), step.id }, { QStringLiteral("index"), step.index },
        { QStringLiteral("total"), step.total }, { QStringLiteral("state"), step.state },
        { QStringLiteral("durationMs"), step.durationMs }, { QStringLiteral("message"), step.message } };
    if (!step.command.isEmpty()) {
        json.insert(QStringLiteral("command"), step.command);
        json.insert(QStringLiteral("output"), step.output);
    }
    return json;
}

} // namespace

QStringList EngineServer::topicNames()
{
    return { QStringLiteral("phase"), QStringLiteral("link"), QStringLiteral("transcript"), QStringLiteral("telemetry"),
        QStringLiteral("traffic"), QStringLiteral("scenario") };
}

const QHash<QString, EngineServer::Method> &EngineServer::methods() const
{
    static const QHash<QString, Method> table {
        { QStringLiteral("hello"),
            { &EngineServer::hello,
                { ParamSpec::string(QStringLiteral("client"), false, 200),
                    ParamSpec::integer(QStringLiteral("protocolVersion"), false, 1, 1000000) } } },
        { QStringLiteral("status"), { &EngineServer::status, {} } },
        { QStringLiteral("up"), { &EngineServer::up, {} } },
        { QStringLiteral("down"), { &EngineServer::down, {} } },
        { QStringLiteral("break"),
            { &EngineServer::breakLink,
                { ParamSpec::string(QStringLiteral("link"), true, 64),
                    ParamSpec::string(QStringLiteral("mode"), false, 16, breakModeNames()) } } },
        { QStringLiteral("restore"),
            { &EngineServer::restoreLink, { ParamSpec::string(QStringLiteral("link"), true, 64) } } },
        { QStringLiteral("exec"),
            { &EngineServer::exec,
                { ParamSpec::string(QStringLiteral("node"), true, 64),
                    ParamSpec::string(QStringLiteral("command"), true, 64 * 1024),
                    ParamSpec::integer(QStringLiteral("timeoutMs"), false, 1, MaxExecTimeoutMs),
                    ParamSpec::boolean(QStringLiteral("stream")) } } },
        { QStringLiteral("consoleLog"),
            { &EngineServer::consoleLog,
                { ParamSpec::string(QStringLiteral("node"), true, 64),
                    ParamSpec::integer(QStringLiteral("maxBytes"), false, 1, MaxConsoleLogBytes) } } },
        { QStringLiteral("cancel"),
            { &EngineServer::cancel, { ParamSpec::requestId(QStringLiteral("requestId"), true) } } },
        { QStringLiteral("subscribe"),
            { &EngineServer::subscribe, { ParamSpec::stringList(QStringLiteral("topics"), topicNames()) } } },
        { QStringLiteral("unsubscribe"),
            { &EngineServer::unsubscribe, { ParamSpec::stringList(QStringLiteral("topics"), topicNames()) } } },
        { QStringLiteral("transcript"),
            { &EngineServer::transcript,
                { ParamSpec::integer(QStringLiteral("sinceSeq"), false, 0, 9e15),
                    ParamSpec::integer(QStringLiteral("limit"), false, 1, Transcript::DefaultKeep) } } },
        { QStringLiteral("history"),
            { &EngineServer::history,
                { ParamSpec::integer(QStringLiteral("sinceMs"), false, 0, 9e15),
                    ParamSpec::integer(QStringLiteral("maxPoints"), false, 1, 500000),
                    ParamSpec::boolean(QStringLiteral("subflowHistory")) } } },
        { QStringLiteral("traffic"),
            { &EngineServer::traffic,
                { ParamSpec::string(QStringLiteral("action"), true, 16,
                      { QStringLiteral("start"), QStringLiteral("stop"), QStringLiteral("status") }),
                    ParamSpec::integer(QStringLiteral("durationS"), false, 1, 86400) } } },
        { QStringLiteral("scenario"),
            { &EngineServer::scenario,
                { ParamSpec::string(QStringLiteral("action"), true, 16,
                      { QStringLiteral("start"), QStringLiteral("stop"), QStringLiteral("status") }),
                    ParamSpec::string(QStringLiteral("name"), false, 64),
                    ParamSpec::number(QStringLiteral("durationS"), false, 1, 86400),
                    ParamSpec::number(QStringLiteral("breakAtS"), false, 0, 86400),
                    ParamSpec::number(QStringLiteral("restoreAtS"), false, 0, 86400),
                    ParamSpec::string(QStringLiteral("link"), false, 64),
                    ParamSpec::string(QStringLiteral("mode"), false, 16, breakModeNames()),
                    ParamSpec::array(QStringLiteral("timeline"), 1000) } } },
    };
    return table;
}

EngineServer::EngineServer(LabController *controller, TelemetryHub *telemetry, uint ownerUid, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_telemetry(telemetry)
    , m_lab(controller->lab())
    , m_server(new QLocalServer(this))
    , m_ownerUid(ownerUid)
    , m_exec(new ExecService(controller->transcript(), this))
    , m_traffic(new TrafficService(m_lab, controller, m_exec, telemetry, this))
{
    qRegisterMetaType<api::Request>();
    connect(m_server, &QLocalServer::newConnection, this, &EngineServer::acceptConnections);
    if (telemetry) {
        connect(telemetry, &TelemetryHub::batchReady, this, [this](const QJsonObject &batch) {
            publish(QStringLiteral("telemetry"), api::event(QStringLiteral("telemetry"), batch));
        });
    }
    connect(controller, &LabController::stepChanged, this, &EngineServer::onStep);
    connect(controller, &LabController::phaseChanged, this, [this](const QString &phase, const QString &reason) {
        m_phase = phase;
        publish(QStringLiteral("phase"),
            api::event(
                QStringLiteral("phase"), { { QStringLiteral("phase"), phase }, { QStringLiteral("reason"), reason } }));
    });
    connect(controller, &LabController::linkChanged, this, [this](int port, bool broken, const QString &mode) {
        publish(QStringLiteral("link"),
            api::event(QStringLiteral("link"),
                { { QStringLiteral("port"), port }, { QStringLiteral("link"), m_lab.linkName(port) },
                    { QStringLiteral("broken"), broken }, { QStringLiteral("mode"), mode },
                    { QStringLiteral("atMs"), monotonicMs() } }));
    });
    connect(controller, &LabController::labReady, this,
        [this](const QMap<QString, SshTarget> &targets) { m_exec->setTargets(targets); });
    connect(controller, &LabController::labGoingDown, this, [this] {
        m_traffic->stopAll();
        m_exec->setTargets({});
    });
    connect(m_traffic, &TrafficService::trafficChanged, this, [this](const QJsonObject &state) {
        publish(QStringLiteral("traffic"), api::event(QStringLiteral("traffic"), state));
    });
    connect(m_traffic, &TrafficService::scenarioProgress, this, [this](const QJsonObject &progress) {
        publish(QStringLiteral("scenario"), api::event(QStringLiteral("scenario"), progress));
    });
    connect(m_traffic, &TrafficService::scenarioFinished, this, [this](const QJsonObject &result) {
        QJsonObject event = result;
        event.insert(QStringLiteral("finished"), true);
        publish(QStringLiteral("scenario"), api::event(QStringLiteral("scenario"), event));
    });
    connect(controller->transcript(), &Transcript::entryAdded, this, [this](const TranscriptEntry &entry) {
        publish(QStringLiteral("transcript"),
            api::event(QStringLiteral("transcript"), { { QStringLiteral("entry"), toJson(entry) } }));
    });
}

EngineServer::~EngineServer()
{
    shutDown();
}

Status EngineServer::listen(const QString &socketPath)
{
    QLocalServer::removeServer(socketPath);
    // Anyone may reach the socket file; acceptConnections() decides who may talk.
    m_server->setSocketOptions(QLocalServer::WorldAccessOption);
    if (!m_server->listen(socketPath))
        return fail(QStringLiteral("cannot listen on %1: %2").arg(socketPath, m_server->errorString()));
    return {};
}

void EngineServer::shutDown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_server->close();
    m_traffic->stopAll();
    m_traffic->waitForReports();
    m_exec->cancelAll(QStringLiteral("the engine is stopping"));
    for (const Pending &pending : std::as_const(m_labOperations))
        finishError(pending, { api::code::shuttingDown, QStringLiteral("the engine is stopping") });
    m_labOperations.clear();
    m_historyWork.waitForFinished();
}

void EngineServer::acceptConnections()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        struct ucred credentials
        {
        };
        socklen_t length = sizeof credentials;
        const bool known
            = ::getsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0;
        if (!known || (credentials.uid != 0 && credentials.uid != m_ownerUid)) {
            socket->write(api::encode(api::replyError(QJsonValue(),
                { api::code::permissionDenied,
                    QStringLiteral("permission denied: lab %1 belongs to uid %2; uid %3 may not control it")
                        .arg(m_lab.name)
                        .arg(m_ownerUid)
                        .arg(credentials.uid) })));
            socket->disconnectFromServer();
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        auto *peer = new ServerPeer(socket, m_nextPeerSerial++, this);
        m_peers << peer;
        connect(peer, &ServerPeer::requestReceived, this, &EngineServer::handleRequest);
        connect(peer, &ServerPeer::gone, this, [this](ServerPeer *gone) {
            m_peers.removeAll(gone);
            // Nobody is left to read its commands' output: they stop (and are killed on the nodes).
            const QString prefix = QString::number(gone->serial()) + QLatin1Char(':');
            for (auto it = m_execByTag.cbegin(); it != m_execByTag.cend(); ++it) {
                if (it.key().startsWith(prefix))
                    m_exec->cancel(it.value());
            }
            gone->deleteLater();
        });
    }
}

void EngineServer::handleRequest(ServerPeer *peer, const api::Request &request)
{
    if (!request.error.code.isEmpty()) {
        peer->sendReply(api::replyError(request.id, request.error));
        return;
    }
    const auto found = methods().constFind(request.method);
    if (found == methods().cend()) {
        QStringList names = methods().keys();
        names.sort();
        peer->sendReply(api::replyError(request.id,
            { api::code::unknownMethod,
                QStringLiteral("unknown method \"%1\" (expected one of %2)")
                    .arg(request.method, names.join(QStringLiteral(", "))) }));
        return;
    }
    if (m_shuttingDown) {
        peer->sendReply(
            api::replyError(request.id, { api::code::shuttingDown, QStringLiteral("the engine is stopping") }));
        return;
    }
    if (std::optional<api::ApiError> wrong = api::checkParams(request.method, request.params, found->params)) {
        peer->sendReply(api::replyError(request.id, *wrong));
        return;
    }
    if (!peer->beginRequest()) {
        peer->sendReply(api::replyError(request.id,
            { api::code::overloaded,
                QStringLiteral("%1 requests are already in progress on this connection; wait for their replies")
                    .arg(peer->requestsInProgress()) }));
        return;
    }
    (this->*(found->handler))(peer, request);
}

void EngineServer::finish(const Pending &pending, const QJsonValue &result)
{
    if (!pending.peer)
        return;
    pending.peer->endRequest();
    pending.peer->sendReply(api::replyOk(pending.id, result));
}

void EngineServer::finishError(const Pending &pending, const api::ApiError &error)
{
    if (!pending.peer)
        return;
    pending.peer->endRequest();
    pending.peer->sendReply(api::replyError(pending.id, error));
}

void EngineServer::publish(const QString &topic, const QJsonObject &event)
{
    m_peers.removeAll(nullptr);
    // A copy: a peer that has stopped reading may be disconnected by sendEvent, which edits m_peers.
    const QList<QPointer<ServerPeer>> peers = m_peers;
    for (const QPointer<ServerPeer> &peer : peers) {
        if (peer && peer->isSubscribed(topic))
            peer->sendEvent(topic, event);
    }
}

void EngineServer::onStep(const LabStep &step)
{
    const Pending requester = m_labOperations.value(step.requestTag);
    QJsonObject event = api::event(QStringLiteral("step"),
        { { QStringLiteral("operation"), step.operation }, { QStringLiteral("step"), stepJson(step) },
            { QStringLiteral("requestId"), requester.peer ? requester.id : QJsonValue() } });
    // The requester gets its own steps whatever it subscribed to; phase subscribers see everyone's.
    if (requester.peer && !requester.peer->isSubscribed(QStringLiteral("phase")))
        requester.peer->sendEvent(QStringLiteral("step"), event);
    publish(QStringLiteral("phase"), event);
}

void EngineServer::onLabThread(
    const Pending &pending, std::function<std::pair<bool, QJsonValue>()> work, const QString &failureCode)
{
    // Queued both ways even when the controller shares this thread (tests): a request is always answered
    // after the line that carried it has been handled.
    QMetaObject::invokeMethod(
        m_controller,
        [this, pending, work, failureCode] {
            const auto [ok, payload] = work();
            QMetaObject::invokeMethod(
                this,
                [this, pending, ok = ok, payload = payload, failureCode] {
                    if (ok)
                        finish(pending, payload);
                    else
                        finishError(pending, { failureCode, payload.toString() });
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

bool EngineServer::labIsReady(const Pending &pending)
{
    if (m_phase == QLatin1String("ready") || m_phase == QLatin1String("damaged"))
        return true;
    finishError(pending,
        { api::code::notReady,
            QStringLiteral("lab %1 is not running (it is %2): start it with up").arg(m_lab.name, m_phase) });
    return false;
}

} // namespace mlab
