#include "client/labsession.h"

#include "engine/enginestarter.h"
#include "engine/historyjson.h"
#include "engine/runtimedir.h"

#include <QFileInfo>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

// Both page sizes keep a reply near 1 MB, a quarter of the engine's event budget (see fetchHistory()).
constexpr int TranscriptPage = 500;
constexpr int HistoryPagePoints = 40000;

// Keeps only the points of a live batch that the backfill does not already hold (the two overlap by up to one
// batch: the subscription starts before the history is read).
QJsonObject withoutPointsBefore(const QJsonObject &batch, const QJsonObject &historySeries)
{
    QJsonObject series = batch.value(u"series"_s).toObject();
    for (auto it = series.begin(); it != series.end(); ++it) {
        const QJsonArray known = historySeries.value(it.key()).toArray();
        if (known.isEmpty())
            continue;
        const qint64 lastKnown = known.last().toArray().at(0).toInteger();
        QJsonArray fresh;
        for (const QJsonValue &point : it.value().toArray()) {
            if (point.toArray().at(0).toInteger() > lastKnown)
                fresh.append(point);
        }
        it.value() = fresh;
    }
    QJsonObject out = batch;
    out.insert(u"series"_s, series);
    return out;
}

} // namespace

LabSession::LabSession(Lab lab, QString cliProgram, QObject *parent)
    : QObject(parent)
    , m_lab(std::move(lab))
    , m_cli(std::move(cliProgram))
{ }

LabSession::~LabSession() = default;

void LabSession::setEngineState(EngineState state, const QString &reason)
{
    if (state == EngineState::Lost)
        m_lostReason = reason;
    if (state == m_engineState && state != EngineState::Lost)
        return;
    m_engineState = state;
    Q_EMIT engineStateChanged(state, reason);
}

void LabSession::attach()
{
    if (m_engineState == EngineState::Connected || m_engineState == EngineState::Starting)
        return;
    setEngineState(EngineState::Starting, tr("looking for the engine of lab %1").arg(m_lab.name));
    connectTo(RuntimeDir(m_lab.name).apiSocket(), nullptr);
}

void LabSession::connectTo(const QString &socketPath, std::function<void()> then)
{
    if (m_connection)
        m_connection->deleteLater();
    auto *connection = new EngineConnection(this);
    m_connection = connection;
    m_expectingExit = false;
    connect(connection, &EngineConnection::ready, this, [this, then] {
        onReady();
        if (then)
            then();
    });
    connect(connection, &EngineConnection::failed, this, [this, connection, then, socketPath](const QString &reason) {
        connection->deleteLater();
        // Attaching finds no engine when the lab is simply not running: that is not a failure. An engine that
        // is there and refuses (another user's lab) is.
        if (!then && !QFileInfo::exists(socketPath))
            setEngineState(EngineState::Detached, tr("lab %1 is not running").arg(m_lab.name));
        else
            setEngineState(EngineState::Lost, reason);
    });
    connect(connection, &EngineConnection::disconnected, this, [this, connection](const QString &reason) {
        connection->deleteLater();
        const bool expected = std::exchange(m_expectingExit, false);
        m_operation.clear();
        m_phase = u"down"_s;
        Q_EMIT phaseChanged(m_phase, expected ? tr("the lab is down") : reason);
        if (expected)
            setEngineState(EngineState::Detached, tr("lab %1 is down").arg(m_lab.name));
        else
            setEngineState(EngineState::Lost, tr("the engine of lab %1 went away: %2").arg(m_lab.name, reason));
    });
    connect(connection, &EngineConnection::eventReceived, this, &LabSession::onEvent);
    connection->connectToEngine(socketPath, u"mptcplab"_s);
}

void LabSession::onReady()
{
    setEngineState(EngineState::Connected, tr("connected to the engine of lab %1").arg(m_lab.name));
    m_phase = m_connection->helloResult().value(u"phase"_s).toString(m_phase);
    Q_EMIT phaseChanged(m_phase, {});
    // Subscribe before reading the backlog, so nothing falls between the two; the overlap is removed.
    m_connection->call(u"subscribe"_s, {}, [this](const EngineReply &reply) {
        if (!reply.ok)
            Q_EMIT operationFinished(u"subscribe"_s, false, reply.message);
    });
    refreshStatus();
    fetchTranscript(0);
    m_history = {};
    m_heldBatches.clear();
    m_historyLoading = true;
    fetchHistory(0);
}

void LabSession::fetchTranscript(qint64 sinceSeq)
{
    m_connection->call(u"transcript"_s, { { u"sinceSeq"_s, sinceSeq }, { u"limit"_s, TranscriptPage } },
        [this](const EngineReply &reply) {
            if (!reply.ok) {
                Q_EMIT operationFinished(u"transcript"_s, false, reply.message);
                return;
            }
            const QJsonObject page = reply.result.toObject();
            Q_EMIT transcriptReceived(page.value(u"entries"_s).toArray());
            if (!page.value(u"complete"_s).toBool(true) && m_connection)
                fetchTranscript(page.value(u"nextSeq"_s).toInteger());
        });
}

void LabSession::fetchHistory(qint64 sinceMs)
{
    // Pages well under the engine's event budget (api::EventBudgetBytes): a reply larger than it makes the engine
    // drop the live events queued behind it, and the window would miss a transcript line at attach.
    // The window needs no past subflow tables (only the engine's report does): they would weigh megabytes.
    const QJsonObject params { { u"sinceMs"_s, sinceMs }, { u"maxPoints"_s, HistoryPagePoints },
        { u"subflowHistory"_s, false } };
    m_connection->call(u"history"_s, params, [this](const EngineReply &reply) {
        if (!reply.ok) {
            m_historyLoading = false;
            Q_EMIT operationFinished(u"history"_s, false, reply.message);
            return;
        }
        const QJsonObject page = reply.result.toObject();
        appendHistoryPage(m_history, page);
        if (page.value(u"truncated"_s).toBool() && m_connection) {
            fetchHistory(page.value(u"nextSinceMs"_s).toInteger());
            return;
        }
        m_historyLoading = false;
        Q_EMIT historyLoaded(m_history);
        const QJsonObject known = m_history.value(u"series"_s).toObject();
        for (const QJsonObject &batch : std::exchange(m_heldBatches, {}))
            Q_EMIT telemetryReceived(withoutPointsBefore(batch, known));
        m_history = {};
    });
}

void LabSession::onEvent(const QString &name, const QJsonObject &event)
{
    if (name == u"telemetry"_s) {
        if (m_historyLoading)
            m_heldBatches.append(event);
        else
            Q_EMIT telemetryReceived(event);
    } else if (name == u"phase"_s) {
        m_phase = event.value(u"phase"_s).toString();
        Q_EMIT phaseChanged(m_phase, event.value(u"reason"_s).toString());
        refreshStatus();
    } else if (name == u"step"_s) {
        QJsonObject step = event.value(u"step"_s).toObject();
        step.insert(u"operation"_s, event.value(u"operation"_s));
        Q_EMIT stepChanged(step);
    } else if (name == u"link"_s) {
        Q_EMIT linkChanged(event);
        refreshStatus();
    } else if (name == u"transcript"_s) {
        Q_EMIT transcriptReceived(QJsonArray { event.value(u"entry"_s) });
    } else if (name == u"traffic"_s) {
        Q_EMIT trafficChanged(event);
    } else if (name == u"scenario"_s) {
        Q_EMIT scenarioChanged(event);
    } else if (name == u"exec-output"_s) {
        Q_EMIT execOutput(event.value(u"requestId"_s).toInteger(), event.value(u"stream"_s).toString(),
            event.value(u"data"_s).toString());
    } else if (name == u"dropped"_s) {
        Q_EMIT operationFinished(u"events"_s, false,
            tr("the window fell behind and missed %1 %2 event(s) from the engine")
                .arg(event.value(u"count"_s).toInteger())
                .arg(event.value(u"topic"_s).toString()));
    } else if (name == u"error"_s || name == u"protocol-error"_s) {
        Q_EMIT operationFinished(u"engine"_s, false, event.value(u"message"_s).toString());
    }
}

bool LabSession::requireConnection(const QString &operation)
{
    if (m_engineState == EngineState::Connected && m_connection)
        return true;
    Q_EMIT operationFinished(operation, false, tr("lab %1 is not running: start it first").arg(m_lab.name));
    return false;
}

void LabSession::start()
{
    if (isBusy() || m_engineState == EngineState::Starting)
        return;
    startEngineThen([this] { bringUp(); });
}

void LabSession::cleanUp()
{
    if (isBusy() || m_engineState == EngineState::Starting)
        return;
    // A fresh engine removes what a dead one left (as root); down then takes the rest away.
    startEngineThen([this] { stop(); });
}

void LabSession::startEngineThen(std::function<void()> then)
{
    if (m_engineState == EngineState::Connected) {
        then();
        return;
    }
    setEngineState(EngineState::Starting, tr("starting the engine of lab %1").arg(m_lab.name));
    auto *starter = new EngineStarter(m_cli, this);
    m_starter = starter;
    connect(starter, &EngineStarter::progress, this, &LabSession::progress);
    connect(starter, &EngineStarter::failed, this, [this, starter](const QString &reason) {
        starter->deleteLater();
        setEngineState(EngineState::Lost, reason);
        Q_EMIT operationFinished(u"up"_s, false, reason);
    });
    connect(starter, &EngineStarter::started, this, [this, starter, then](const QString &socketPath) {
        starter->deleteLater();
        connectTo(socketPath, then);
    });
    starter->start(m_lab);
}

void LabSession::bringUp()
{
    if (!requireConnection(u"up"_s))
        return;
    m_operation = u"up"_s;
    m_connection->call(u"up"_s, {}, [this](const EngineReply &reply) {
        m_operation.clear();
        if (reply.ok) {
            m_status = reply.result.toObject();
            Q_EMIT statusChanged(m_status);
        }
        Q_EMIT operationFinished(u"up"_s, reply.ok, reply.ok ? tr("lab %1 is ready").arg(m_lab.name) : reply.message);
    });
}

void LabSession::stop()
{
    if (isBusy() || !requireConnection(u"down"_s))
        return;
    m_operation = u"down"_s;
    m_expectingExit = true;
    m_connection->call(u"down"_s, {}, [this](const EngineReply &reply) {
        m_operation.clear();
        m_expectingExit = reply.ok;
        QString message = reply.message;
        if (reply.ok) {
            const QJsonArray killed = reply.result.toObject().value(u"killed"_s).toArray();
            message = killed.isEmpty() ? tr("lab %1 is down").arg(m_lab.name)
                                       : tr("lab %1 is down; %2 process(es) still running in it were killed")
                                             .arg(m_lab.name)
                                             .arg(killed.size());
        }
        Q_EMIT operationFinished(u"down"_s, reply.ok, message);
    });
}

void LabSession::request(const QString &operation, const QString &method, const QJsonObject &params,
    std::function<QString(const QJsonValue &result)> describe)
{
    if (!requireConnection(operation))
        return;
    m_connection->call(method, params, [this, operation, describe](const EngineReply &reply) {
        if (!reply.ok) {
            Q_EMIT operationFinished(operation, false, reply.message);
            return;
        }
        Q_EMIT operationFinished(operation, true, describe ? describe(reply.result) : QString());
    });
}

void LabSession::breakLink(const QString &link, const QString &mode)
{
    request(u"break"_s, u"break"_s, { { u"link"_s, link }, { u"mode"_s, mode } },
        [link](const QJsonValue &result) -> QString { return link + u": "_s + result.toString(); });
}

void LabSession::restoreLink(const QString &link)
{
    request(u"restore"_s, u"restore"_s, { { u"link"_s, link } },
        [link](const QJsonValue &result) -> QString { return link + u": "_s + result.toString(); });
}

void LabSession::startTraffic()
{
    request(u"traffic"_s, u"traffic"_s, { { u"action"_s, u"start"_s } },
        [this](const QJsonValue &) { return tr("traffic started"); });
}

void LabSession::stopTraffic()
{
    request(u"traffic"_s, u"traffic"_s, { { u"action"_s, u"stop"_s } },
        [this](const QJsonValue &) { return tr("traffic stopped"); });
}

void LabSession::startScenario(const QJsonObject &params)
{
    QJsonObject withAction = params;
    withAction.insert(u"action"_s, u"start"_s);
    request(u"scenario"_s, u"scenario"_s, withAction, [this](const QJsonValue &result) {
        return tr("scenario %1 started").arg(result.toObject().value(u"name"_s).toString());
    });
}

void LabSession::stopScenario()
{
    request(u"scenario"_s, u"scenario"_s, { { u"action"_s, u"stop"_s } },
        [this](const QJsonValue &) { return tr("scenario stopped"); });
}

void LabSession::refreshStatus()
{
    if (m_engineState != EngineState::Connected || !m_connection)
        return;
    m_connection->call(u"status"_s, {}, [this](const EngineReply &reply) {
        if (!reply.ok)
            return; // a lab going down answers no status; its phase event says so
        m_status = reply.result.toObject();
        Q_EMIT statusChanged(m_status);
    });
}

qint64 LabSession::exec(const QString &node, const QString &command, int timeoutMs)
{
    if (!requireConnection(u"exec"_s))
        return 0;
    // The id is only known once call() returns; the reply always comes later, so the handler can read it.
    auto id = std::make_shared<qint64>(0);
    *id = m_connection->call(u"exec"_s,
        { { u"node"_s, node }, { u"command"_s, command }, { u"stream"_s, true }, { u"timeoutMs"_s, timeoutMs } },
        [this, id](const EngineReply &reply) {
            Q_EMIT execFinished(*id, reply.ok ? reply.result.toObject().value(u"exitStatus"_s).toInt() : -1,
                reply.ok ? QString() : reply.message);
        });
    return *id;
}

void LabSession::run(const QString &node, const QString &command, RunHandler handler)
{
    if (m_engineState != EngineState::Connected || !m_connection) {
        handler(false, -1, {}, tr("lab %1 is not running").arg(m_lab.name));
        return;
    }
    m_connection->call(
        u"exec"_s, { { u"node"_s, node }, { u"command"_s, command } }, [handler](const EngineReply &reply) {
            const QJsonObject result = reply.result.toObject();
            handler(reply.ok, result.value(u"exitStatus"_s).toInt(-1), result.value(u"output"_s).toString(),
                reply.ok ? result.value(u"errors"_s).toString() : reply.message);
        });
}

void LabSession::fetchConsoleLog(const QString &node, int maxBytes, ConsoleLogHandler handler)
{
    if (m_engineState != EngineState::Connected || !m_connection) {
        handler(false, {}, tr("lab %1 is not running").arg(m_lab.name));
        return;
    }
    m_connection->call(u"consoleLog"_s, { { u"node"_s, node }, { u"maxBytes"_s, maxBytes } },
        [handler](const EngineReply &reply) { handler(reply.ok, reply.result.toObject(), reply.message); });
}

void LabSession::cancelExec(qint64 requestId)
{
    if (m_connection)
        m_connection->cancel(requestId);
}

} // namespace mlab
