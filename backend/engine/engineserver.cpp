#include "engine/engineserver.h"

#include "core/transcript.h"
#include "engine/execservice.h"
#include "engine/labcontroller.h"
#include "engine/serverpeer.h"
#include "engine/telemetryhub.h"
#include "engine/trafficservice.h"
#include "telemetry/telemetryclock.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QLocalServer>
#include <QLocalSocket>
#include <QtConcurrent/QtConcurrentRun>

#include <sys/socket.h>

namespace mlab {

using api::ParamSpec;

namespace {

constexpr int MaxExecTimeoutMs = 3600 * 1000;
constexpr int DefaultExecTimeoutMs = 30000;

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

QJsonObject entryJson(const TranscriptEntry &entry)
{
    return { { QStringLiteral("seq"), entry.seq }, { QStringLiteral("atMs"), entry.atMs },
        { QStringLiteral("where"), entry.where }, { QStringLiteral("command"), entry.command },
        { QStringLiteral("exitCode"), entry.exitCode }, { QStringLiteral("output"), entry.output },
        { QStringLiteral("why"), entry.why } };
}

// "NodeA:eth0" for a port, or the port number when no node interface sits on it.
QString linkName(const Lab &lab, int port)
{
    for (const NodeSpec &node : lab.nodes) {
        for (const InterfaceSpec &iface : node.interfaces) {
            if (iface.switchPort == port)
                return node.name + QLatin1Char(':') + iface.name;
        }
    }
    return QString::number(port);
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
                    ParamSpec::string(QStringLiteral("mode"), false, 16, { QStringLiteral("cut") }) } } },
        { QStringLiteral("restore"),
            { &EngineServer::restoreLink, { ParamSpec::string(QStringLiteral("link"), true, 64) } } },
        { QStringLiteral("exec"),
            { &EngineServer::exec,
                { ParamSpec::string(QStringLiteral("node"), true, 64),
                    ParamSpec::string(QStringLiteral("command"), true, 64 * 1024),
                    ParamSpec::integer(QStringLiteral("timeoutMs"), false, 1, MaxExecTimeoutMs),
                    ParamSpec::boolean(QStringLiteral("stream")) } } },
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
                    ParamSpec::integer(QStringLiteral("maxPoints"), false, 1, 500000) } } },
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
                    ParamSpec::string(QStringLiteral("mode"), false, 16, { QStringLiteral("cut") }),
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
    connect(controller, &LabController::linkChanged, this, [this](int port, bool broken) {
        publish(QStringLiteral("link"),
            api::event(QStringLiteral("link"),
                { { QStringLiteral("port"), port }, { QStringLiteral("link"), linkName(m_lab, port) },
                    { QStringLiteral("broken"), broken }, { QStringLiteral("mode"), QStringLiteral("cut") },
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
            api::event(QStringLiteral("transcript"), { { QStringLiteral("entry"), entryJson(entry) } }));
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

void EngineServer::hello(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    const QJsonValue version = request.params.value(QStringLiteral("protocolVersion"));
    if (!version.isUndefined() && version.toInt() != api::ProtocolVersion) {
        finishError(pending,
            { api::code::unsupportedVersion,
                QStringLiteral("this engine speaks protocol version %1, the client %2: use the mptcplab-cli and "
                               "mptcplab of the same release as the engine")
                    .arg(api::ProtocolVersion)
                    .arg(version.toInt()) });
        return;
    }
    QStringList names = methods().keys();
    names.sort();
    finish(pending,
        QJsonObject { { QStringLiteral("protocolVersion"), api::ProtocolVersion },
            { QStringLiteral("engineVersion"), QCoreApplication::applicationVersion() },
            { QStringLiteral("lab"), m_lab.name }, { QStringLiteral("phase"), m_phase },
            { QStringLiteral("capabilities"),
                QJsonArray { QStringLiteral("exec-stream"), QStringLiteral("exec-cancel"), QStringLiteral("topics"),
                    QStringLiteral("transcript"), QStringLiteral("telemetry"), QStringLiteral("traffic"),
                    QStringLiteral("scenario") } },
            { QStringLiteral("methods"), QJsonArray::fromStringList(names) },
            { QStringLiteral("topics"), QJsonArray::fromStringList(topicNames()) } });
}

void EngineServer::status(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    LabController *lab = m_controller;
    TelemetryHub *telemetry = m_telemetry;
    QMetaObject::invokeMethod(
        lab,
        [this, lab, telemetry, pending] {
            QJsonObject status = lab->status();
            // The subflow table is safe to read from any thread.
            if (telemetry)
                status.insert(QStringLiteral("subflows"), telemetry->subflowTable());
            QMetaObject::invokeMethod(
                this,
                [this, pending, status]() mutable {
                    // Traffic and scenarios live on this thread.
                    status.insert(QStringLiteral("protocolVersion"), api::ProtocolVersion);
                    status.insert(QStringLiteral("traffic"), m_traffic->trafficState());
                    status.insert(QStringLiteral("scenario"), m_traffic->scenarioState());
                    finish(pending, status);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void EngineServer::up(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    const QString tag = peer->tag(request.id);
    m_labOperations.insert(tag, pending);
    LabController *lab = m_controller;
    QMetaObject::invokeMethod(lab, [this, lab, pending, tag] {
        const Status done = lab->up(tag);
        const QJsonValue payload = done ? QJsonValue(lab->status()) : QJsonValue(done.error());
        QMetaObject::invokeMethod(this, [this, pending, tag, ok = done.ok(), payload] {
            m_labOperations.remove(tag);
            if (ok) {
                finish(pending, payload);
                return;
            }
            finishError(pending, { api::code::failed, payload.toString() });
            // A failed up has already removed everything, runtime directory and socket included: an engine
            // with nothing to hold exits.
            Q_EMIT labDown();
        });
    });
}

void EngineServer::down(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    const QString tag = peer->tag(request.id);
    m_labOperations.insert(tag, pending);
    LabController *lab = m_controller;
    QMetaObject::invokeMethod(lab, [this, lab, pending, tag] {
        const TeardownReport report = lab->down(tag);
        QMetaObject::invokeMethod(this, [this, pending, tag, report] {
            m_labOperations.remove(tag);
            if (report.problems.isEmpty())
                finish(pending,
                    QJsonObject { { QStringLiteral("removed"), true },
                        { QStringLiteral("killed"), QJsonArray::fromStringList(report.killed) } });
            else
                finishError(pending, { api::code::failed, report.problems.join(QLatin1Char('\n')) });
            Q_EMIT labDown();
        });
    });
}

void EngineServer::breakLink(ServerPeer *peer, const api::Request &request)
{
    changeLink({ peer, request.id }, request.params.value(QStringLiteral("link")).toString(), true);
}

void EngineServer::restoreLink(ServerPeer *peer, const api::Request &request)
{
    changeLink({ peer, request.id }, request.params.value(QStringLiteral("link")).toString(), false);
}

void EngineServer::changeLink(const Pending &pending, const QString &link, bool breaking)
{
    if (Result<int> port = LabController::portForLink(m_lab, link); !port) {
        finishError(pending, { api::code::unknownLink, port.error() });
        return;
    }
    if (!labIsReady(pending))
        return;
    LabController *lab = m_controller;
    onLabThread(pending, [lab, link, breaking] {
        const Result<QString> done = breaking ? lab->breakLink(link) : lab->restoreLink(link);
        return std::pair { done.ok(), QJsonValue(done ? done.value() : done.error()) };
    });
}

void EngineServer::exec(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    const QString node = request.params.value(QStringLiteral("node")).toString();
    if (!m_lab.nodeNamed(node)) {
        QStringList names;
        for (const NodeSpec &spec : m_lab.nodes)
            names << spec.name;
        finishError(pending,
            { api::code::unknownNode,
                QStringLiteral("no node \"%1\" in lab %2 (nodes: %3)")
                    .arg(node, m_lab.name, names.join(QStringLiteral(", "))) });
        return;
    }
    if (!labIsReady(pending))
        return;
    if (!m_exec->hasNode(node)) {
        finishError(pending, { api::code::notReady, QStringLiteral("node %1 is not reachable yet").arg(node) });
        return;
    }
    const QString tag = peer->tag(request.id);
    if (m_execByTag.contains(tag)) {
        finishError(pending,
            { api::code::badRequest,
                QStringLiteral("request id %1 is already in use by a running exec").arg(api::idText(request.id)) });
        return;
    }
    ExecService::LineHandler onLine;
    if (request.params.value(QStringLiteral("stream")).toBool()) {
        onLine = [pending](const QByteArray &line, bool isStdErr) {
            if (pending.peer)
                pending.peer->sendEvent(QStringLiteral("exec-output"),
                    api::event(QStringLiteral("exec-output"),
                        { { QStringLiteral("requestId"), pending.id },
                            { QStringLiteral("stream"),
                                isStdErr ? QStringLiteral("stderr") : QStringLiteral("stdout") },
                            { QStringLiteral("data"), QString::fromUtf8(line + '\n') } }));
        };
    }
    const int timeoutMs = request.params.value(QStringLiteral("timeoutMs")).toInt(DefaultExecTimeoutMs);
    const quint64 handle = m_exec->start(node, request.params.value(QStringLiteral("command")).toString(), timeoutMs,
        onLine, [this, pending, tag](const ExecOutcome &outcome) {
            m_execByTag.remove(tag);
            switch (outcome.end) {
            case ExecOutcome::End::Exited:
                finish(pending,
                    QJsonObject { { QStringLiteral("exitStatus"), outcome.exitStatus },
                        { QStringLiteral("output"), QString::fromUtf8(outcome.output) },
                        { QStringLiteral("errors"), QString::fromUtf8(outcome.errors) } });
                return;
            case ExecOutcome::End::TimedOut:
                finishError(pending, { api::code::timeout, outcome.error });
                return;
            case ExecOutcome::End::Cancelled:
                finishError(pending, { api::code::cancelled, outcome.error });
                return;
            case ExecOutcome::End::Failed:
                finishError(pending, { api::code::failed, outcome.error });
                return;
            }
        });
    m_execByTag.insert(tag, handle);
}

void EngineServer::cancel(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    const QJsonValue target = request.params.value(QStringLiteral("requestId"));
    const QString tag = peer->tag(target);
    if (!m_execByTag.contains(tag) || !m_exec->cancel(m_execByTag.value(tag))) {
        finishError(pending,
            { api::code::notFound,
                QStringLiteral("no exec with request id %1 is running on this connection").arg(api::idText(target)) });
        return;
    }
    finish(pending, QJsonObject { { QStringLiteral("cancelled"), true } });
}

void EngineServer::subscribe(ServerPeer *peer, const api::Request &request)
{
    const QJsonValue topics = request.params.value(QStringLiteral("topics"));
    QStringList wanted = topics.isUndefined() ? topicNames() : QStringList();
    for (const QJsonValue &topic : topics.toArray())
        wanted << topic.toString();
    if (wanted.contains(QStringLiteral("telemetry")) && !m_telemetry) {
        finishError(
            { peer, request.id }, { api::code::noTelemetry, QStringLiteral("this engine runs without telemetry") });
        return;
    }
    peer->subscribe(wanted);
    finish(
        { peer, request.id }, QJsonObject { { QStringLiteral("topics"), QJsonArray::fromStringList(peer->topics()) } });
}

void EngineServer::unsubscribe(ServerPeer *peer, const api::Request &request)
{
    const QJsonValue topics = request.params.value(QStringLiteral("topics"));
    QStringList unwanted = topics.isUndefined() ? topicNames() : QStringList();
    for (const QJsonValue &topic : topics.toArray())
        unwanted << topic.toString();
    peer->unsubscribe(unwanted);
    finish(
        { peer, request.id }, QJsonObject { { QStringLiteral("topics"), QJsonArray::fromStringList(peer->topics()) } });
}

void EngineServer::transcript(ServerPeer *peer, const api::Request &request)
{
    const qint64 sinceSeq = request.params.value(QStringLiteral("sinceSeq")).toInteger(0);
    const int limit = request.params.value(QStringLiteral("limit")).toInt(1000);
    bool complete = true;
    const QList<TranscriptEntry> entries = m_controller->transcript()->entriesAfter(sinceSeq, limit, &complete);
    QJsonArray list;
    for (const TranscriptEntry &entry : entries)
        list.append(entryJson(entry));
    finish({ peer, request.id },
        QJsonObject { { QStringLiteral("entries"), list },
            { QStringLiteral("nextSeq"), entries.isEmpty() ? sinceSeq : entries.last().seq },
            { QStringLiteral("complete"), complete } });
}

void EngineServer::history(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    if (!m_telemetry) {
        finishError(pending, { api::code::noTelemetry, QStringLiteral("this engine runs without telemetry") });
        return;
    }
    const qint64 sinceMs = request.params.value(QStringLiteral("sinceMs")).toInteger(0);
    const int maxPoints
        = request.params.value(QStringLiteral("maxPoints")).toInt(TelemetryHub::DefaultHistoryMaxPoints);
    TelemetryHub *telemetry = m_telemetry;
    // Thousands of points become JSON off the main thread; the store is safe to read from any thread.
    QFuture<QJsonObject> work
        = QtConcurrent::run([telemetry, sinceMs, maxPoints] { return telemetry->history(sinceMs, maxPoints); });
    auto *watcher = new QFutureWatcher<QJsonObject>(this);
    connect(watcher, &QFutureWatcher<QJsonObject>::finished, this, [this, watcher, pending] {
        finish(pending, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(work);
    m_historyWork.addFuture(QFuture<void>(work));
}

void EngineServer::traffic(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    const QString action = request.params.value(QStringLiteral("action")).toString();
    if (action == QLatin1String("status")) {
        finish(pending, m_traffic->trafficState());
        return;
    }
    if (action == QLatin1String("stop")) {
        finish(pending, m_traffic->stopTraffic());
        return;
    }
    if (!labIsReady(pending))
        return;
    if (m_traffic->scenarioRunning()) {
        finishError(pending,
            { api::code::busy, QStringLiteral("a scenario is running and drives the traffic: stop it first") });
        return;
    }
    Result<QJsonObject> started
        = m_traffic->startTraffic(request.params.value(QStringLiteral("durationS")).toInt(3600));
    if (!started)
        finishError(pending, { api::code::busy, started.error() });
    else
        finish(pending, *started);
}

void EngineServer::scenario(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    const QString action = request.params.value(QStringLiteral("action")).toString();
    if (action == QLatin1String("status")) {
        finish(pending, m_traffic->scenarioState());
        return;
    }
    if (action == QLatin1String("stop")) {
        finish(pending, m_traffic->stopScenario());
        return;
    }
    const QString name = request.params.value(QStringLiteral("name")).toString(QStringLiteral("demo"));
    if (!request.params.contains(QStringLiteral("timeline")) && name != QLatin1String("demo")) {
        finishError(pending,
            { api::code::badParams,
                QStringLiteral("scenario: no scenario named \"%1\" (this engine has \"demo\"; or give a timeline)")
                    .arg(name) });
        return;
    }
    if (!labIsReady(pending))
        return;
    if (m_traffic->scenarioRunning()) {
        finishError(pending, { api::code::busy, QStringLiteral("a scenario is already running: stop it first") });
        return;
    }
    const QString trafficState = m_traffic->trafficState().value(QStringLiteral("state")).toString();
    if (trafficState == QLatin1String("starting") || trafficState == QLatin1String("running")
        || trafficState == QLatin1String("stopping")) {
        finishError(pending,
            { api::code::busy,
                QStringLiteral("the lab's traffic is %1: stop it first (traffic stop)").arg(trafficState) });
        return;
    }
    Result<QJsonObject> started = m_traffic->startScenario(request.params);
    if (!started)
        finishError(pending, { api::code::badParams, started.error() });
    else
        finish(pending, *started);
}

} // namespace mlab
