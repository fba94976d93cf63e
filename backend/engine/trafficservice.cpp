#include "engine/trafficservice.h"

#include "engine/execservice.h"
#include "engine/historyjson.h"
#include "engine/labcontroller.h"
#include "engine/telemetryhub.h"
#include "telemetry/report.h"
#include "traffic/scenariorunner.h"
#include "traffic/trafficrunner.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>

namespace mlab {

namespace {

// The traffic's commands run over the engine's SSH sessions, recorded in the transcript like any other.
class ExecNodeRunner final : public NodeRunner
{
public:
    explicit ExecNodeRunner(ExecService *exec)
        : m_exec(exec)
    { }

    quint64 start(const QString &node, const QString &command, LineHandler onLine, EndHandler onEnd) override
    {
        if (!onLine)
            onLine = [](const QByteArray &, bool) {}; // streamed, never captured: a server may run for hours
        return m_exec->start(
            node, command, 0, std::move(onLine),
            [onEnd = std::move(onEnd)](const ExecOutcome &outcome) {
                switch (outcome.end) {
                case ExecOutcome::End::Exited:
                    onEnd(outcome.exitStatus, QString());
                    return;
                case ExecOutcome::End::Cancelled:
                    onEnd(-1, QString());
                    return;
                case ExecOutcome::End::TimedOut:
                case ExecOutcome::End::Failed:
                    onEnd(-1, outcome.error);
                    return;
                }
            },
            QStringLiteral("the lab's traffic"));
    }

    void stop(quint64 handle) override { m_exec->cancel(handle); }

private:
    ExecService *m_exec;
};

// Breaks and restores go to the controller on the lab thread; the answer comes back on this thread.
class ControllerLinks final : public LabLinks
{
public:
    ControllerLinks(LabController *controller, QObject *context)
        : m_controller(controller)
        , m_context(context)
    { }

    // The controller checks mode (and says what is wrong with it), as it does for the API's break.
    void breakLink(const QString &link, const QString &mode, Done done) override
    {
        run([link, mode](LabController *lab) { return lab->breakLink(link, mode); }, std::move(done));
    }

    void restoreLink(const QString &link, Done done) override
    {
        run([link](LabController *lab) { return lab->restoreLink(link); }, std::move(done));
    }

private:
    void run(std::function<Result<QString>(LabController *)> change, Done done)
    {
        LabController *lab = m_controller;
        QObject *context = m_context;
        QMetaObject::invokeMethod(
            lab,
            [lab, context, change, done] {
                const Result<QString> result = change(lab);
                QMetaObject::invokeMethod(
                    context,
                    [done, ok = result.ok(), text = result ? result.value() : result.error()] { done(ok, text); },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    LabController *m_controller;
    QObject *m_context;
};

QJsonArray logJson(const QList<QPair<qint64, QString>> &log)
{
    QJsonArray array;
    for (const auto &[atMs, text] : log)
        array.append(QJsonObject { { QStringLiteral("atMs"), atMs }, { QStringLiteral("text"), text } });
    return array;
}

// The telemetry from sinceMs on, all pages of it.
QJsonObject wholeHistory(const TelemetryHub *telemetry, qint64 sinceMs)
{
    QJsonObject history = telemetry->history(sinceMs);
    for (int page = 0; page < 1000 && history.value(QStringLiteral("truncated")).toBool(); ++page)
        appendHistoryPage(history, telemetry->history(history.value(QStringLiteral("nextSinceMs")).toInteger()));
    return history;
}

} // namespace

TrafficService::TrafficService(
    const Lab &lab, LabController *controller, ExecService *exec, TelemetryHub *telemetry, QObject *parent)
    : QObject(parent)
    , m_lab(lab)
    , m_telemetry(telemetry)
    , m_nodes(std::make_unique<ExecNodeRunner>(exec))
    , m_links(std::make_unique<ControllerLinks>(controller, this))
    , m_traffic(std::make_unique<TrafficRunner>(m_lab, m_nodes.get()))
    , m_scenario(std::make_unique<ScenarioRunner>(m_lab, m_links.get(), m_traffic.get()))
{
    connect(m_traffic.get(), &TrafficRunner::stateChanged, this, &TrafficService::trafficChanged);
    connect(m_scenario.get(), &ScenarioRunner::progress, this, &TrafficService::scenarioProgress);
    connect(m_scenario.get(), &ScenarioRunner::finished, this, &TrafficService::onScenarioFinished);
}

TrafficService::~TrafficService()
{
    // The scenario refers to the traffic runner and the links: it goes first, without calling back.
    m_scenario->disconnect(this);
    m_scenario.reset();
    m_traffic->disconnect(this);
    m_traffic.reset();
    waitForReports();
}

Result<QJsonObject> TrafficService::startTraffic(int durationS)
{
    if (Status started = m_traffic->start(durationS); !started)
        return fail(started.error());
    return m_traffic->state();
}

QJsonObject TrafficService::stopTraffic()
{
    m_traffic->stop();
    return m_traffic->state();
}

QJsonObject TrafficService::trafficState() const
{
    return m_traffic->state();
}

Result<QJsonObject> TrafficService::startScenario(const QJsonObject &params)
{
    Result<Scenario> scenario = params.contains(QStringLiteral("timeline"))
        ? ScenarioRunner::fromJson(params, m_lab)
        : ScenarioRunner::demoScenario(m_lab, params.value(QStringLiteral("durationS")).toDouble(24),
            params.value(QStringLiteral("breakAtS")).toDouble(6),
            params.value(QStringLiteral("restoreAtS")).toDouble(12), params.value(QStringLiteral("link")).toString(),
            params.value(QStringLiteral("mode")).toString());
    if (!scenario)
        return fail(scenario.error());
    if (Status started = m_scenario->start(*scenario); !started)
        return fail(started.error());
    m_lastResult = {};
    return m_scenario->state();
}

QJsonObject TrafficService::stopScenario()
{
    m_scenario->stop();
    return m_scenario->state();
}

bool TrafficService::scenarioRunning() const
{
    return m_scenario->isRunning();
}

QJsonObject TrafficService::scenarioState() const
{
    QJsonObject state = m_scenario->state();
    if (!m_scenario->isRunning() && !m_lastResult.isEmpty())
        state.insert(QStringLiteral("result"), m_lastResult);
    return state;
}

void TrafficService::stopAll()
{
    m_scenario->stop();
    m_traffic->stop();
}

void TrafficService::waitForReports()
{
    m_reports.waitForFinished();
}

void TrafficService::onScenarioFinished(const ScenarioOutcome &outcome)
{
    QJsonObject result { { QStringLiteral("state"), outcome.state }, { QStringLiteral("reason"), outcome.reason },
        { QStringLiteral("name"), outcome.name }, { QStringLiteral("startedAtMs"), outcome.startedAtMs },
        { QStringLiteral("endedAtMs"), outcome.endedAtMs }, { QStringLiteral("link"), outcome.link },
        { QStringLiteral("port"), outcome.port }, { QStringLiteral("brokeAtMs"), outcome.brokeAtMs },
        { QStringLiteral("restoredAtMs"), outcome.restoredAtMs }, { QStringLiteral("log"), logJson(outcome.log) } };
    // A report needs the telemetry and a break to measure.
    if (!m_telemetry || outcome.port == 0 || outcome.brokeAtMs == 0) {
        m_lastResult = result;
        Q_EMIT scenarioFinished(result);
        return;
    }
    const TelemetryHub *telemetry = m_telemetry;
    const Lab lab = m_lab;
    // Thousands of points: the report is computed off the main thread.
    QFuture<QJsonObject> work = QtConcurrent::run([telemetry, lab, outcome, result]() mutable {
        const QJsonObject history = wholeHistory(telemetry, outcome.startedAtMs - 500);
        const DemoReport report = computeReport(reportInputFromHistory(history, lab, outcome.link, outcome.port));
        result.insert(QStringLiteral("report"), toJson(report));
        result.insert(QStringLiteral("summary"), summaryText(report));
        return result;
    });
    auto *watcher = new QFutureWatcher<QJsonObject>(this);
    connect(watcher, &QFutureWatcher<QJsonObject>::finished, this, [this, watcher] {
        m_lastResult = watcher->result();
        watcher->deleteLater();
        Q_EMIT scenarioFinished(m_lastResult);
    });
    watcher->setFuture(work);
    m_reports.addFuture(QFuture<void>(work));
}

} // namespace mlab
