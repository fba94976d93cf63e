// EngineServer's methods, one per API method (docs/engine-api.md); the server's plumbing is in
// engineserver.cpp, the table that maps names and parameters to these in EngineServer::methods().
#include "engine/engineserver.h"

#include "core/transcript.h"
#include "engine/consolelog.h"
#include "engine/execservice.h"
#include "engine/labcontroller.h"
#include "engine/runtimedir.h"
#include "engine/serverpeer.h"
#include "engine/telemetryhub.h"
#include "engine/trafficservice.h"
#include "lab/breakmode.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>

namespace mlab {

namespace {
constexpr int DefaultExecTimeoutMs = 30000;
constexpr int DefaultConsoleLogBytes = 64 * 1024;
} // namespace

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
                    QStringLiteral("scenario"), QStringLiteral("break-modes") } },
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
    // checkParams has refused any mode but the known ones; left out, it is a cut.
    const QString mode = request.params.value(QStringLiteral("mode")).toString(breakModeName(BreakMode::Cut));
    changeLink({ peer, request.id }, request.params.value(QStringLiteral("link")).toString(), mode);
}

void EngineServer::restoreLink(ServerPeer *peer, const api::Request &request)
{
    changeLink({ peer, request.id }, request.params.value(QStringLiteral("link")).toString(), std::nullopt);
}

void EngineServer::changeLink(const Pending &pending, const QString &link, const std::optional<QString> &breakMode)
{
    const BreakMode mode = breakMode ? parseBreakMode(*breakMode).value_or(BreakMode::Cut) : BreakMode::Cut;
    if (Result<int> port = LabController::portForLink(m_lab, link, mode); !port) {
        finishError(pending, { api::code::unknownLink, port.error() });
        return;
    }
    if (!labIsReady(pending))
        return;
    LabController *lab = m_controller;
    onLabThread(pending, [lab, link, breakMode] {
        const Result<QString> done = breakMode ? lab->breakLink(link, *breakMode) : lab->restoreLink(link);
        return std::pair { done.ok(), QJsonValue(done ? done.value() : done.error()) };
    });
}

const NodeSpec *EngineServer::nodeOrError(const Pending &pending, const QString &node)
{
    if (const NodeSpec *spec = m_lab.nodeNamed(node))
        return spec;
    QStringList names;
    for (const NodeSpec &spec : m_lab.nodes)
        names << spec.name;
    finishError(pending,
        { api::code::unknownNode,
            QStringLiteral("no node \"%1\" in lab %2 (nodes: %3)")
                .arg(node, m_lab.name, names.join(QStringLiteral(", "))) });
    return nullptr;
}

void EngineServer::exec(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    const QString node = request.params.value(QStringLiteral("node")).toString();
    if (!nodeOrError(pending, node))
        return;
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

void EngineServer::consoleLog(ServerPeer *peer, const api::Request &request)
{
    const Pending pending { peer, request.id };
    const QString node = request.params.value(QStringLiteral("node")).toString();
    const NodeSpec *spec = nodeOrError(pending, node);
    if (!spec)
        return;
    if (spec->kind != QLatin1String("qemu")) {
        finishError(pending,
            { api::code::badParams,
                QStringLiteral("%1 is a %2 node: only a QEMU node has a serial console log").arg(node, spec->kind) });
        return;
    }
    if (!labIsReady(pending))
        return;
    const qint64 maxBytes = request.params.value(QStringLiteral("maxBytes")).toInteger(DefaultConsoleLogBytes);
    // A bounded read of a file on the runtime tmpfs: short enough for this thread.
    const QString path = consoleLogPath(RuntimeDir(m_lab.name), node);
    const Result<LogTail> tail = readLogTail(path, maxBytes);
    if (!tail) {
        finishError(pending, { api::code::failed, QStringLiteral("%1's console log: %2").arg(node, tail.error()) });
        return;
    }
    QJsonObject result = tail->toJson();
    result.insert(QStringLiteral("node"), node);
    result.insert(QStringLiteral("path"), path);
    finish(pending, result);
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
        list.append(toJson(entry));
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
    const auto tables = request.params.value(QStringLiteral("subflowHistory")).toBool(true)
        ? TelemetryHub::SubflowTables::Included
        : TelemetryHub::SubflowTables::Left;
    TelemetryHub *telemetry = m_telemetry;
    // Thousands of points become JSON off the main thread; the store is safe to read from any thread.
    QFuture<QJsonObject> work = QtConcurrent::run([=] { return telemetry->history(sinceMs, maxPoints, tables); });
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
