#pragma once

#include "core/result.h"
#include "lab/labmodel.h"
#include "traffic/lablinks.h"
#include "traffic/noderunner.h"

#include <QFutureSynchronizer>
#include <QJsonObject>
#include <QObject>

#include <memory>

namespace mlab {

class ExecService;
class LabController;
class ScenarioRunner;
class TelemetryHub;
class TrafficRunner;
struct ScenarioOutcome;

// The lab's traffic and scenarios, hosted by the engine so that the window and the command line drive the
// same run and read the same report. Lives on the engine's main thread: commands go to the nodes through
// ExecService, breaks and restores to the controller on the lab thread, and the report is computed from the
// telemetry on a worker thread when a scenario ends.
class TrafficService : public QObject
{
    Q_OBJECT
public:
    TrafficService(const Lab &lab, LabController *controller, ExecService *exec, TelemetryHub *telemetry,
        QObject *parent = nullptr);
    ~TrafficService() override;

    Result<QJsonObject> startTraffic(int durationS);
    QJsonObject stopTraffic();
    QJsonObject trafficState() const;

    // params as the API's "scenario" method takes them (name "demo" with its times, or a timeline).
    Result<QJsonObject> startScenario(const QJsonObject &params);
    QJsonObject stopScenario();
    // The running scenario's state; after one ended, its outcome with report and summary too.
    QJsonObject scenarioState() const;
    bool scenarioRunning() const;

    // The lab is going down: stop everything now (its commands end with the lab anyway).
    void stopAll();
    void waitForReports();

Q_SIGNALS:
    void trafficChanged(const QJsonObject &state);
    void scenarioProgress(const QJsonObject &progress);
    void scenarioFinished(const QJsonObject &result);

private:
    void onScenarioFinished(const ScenarioOutcome &outcome);

    const Lab m_lab;
    TelemetryHub *m_telemetry;
    std::unique_ptr<NodeRunner> m_nodes;
    std::unique_ptr<LabLinks> m_links;
    std::unique_ptr<TrafficRunner> m_traffic;
    std::unique_ptr<ScenarioRunner> m_scenario;
    QJsonObject m_lastResult; // the last scenario's outcome, report and summary
    QFutureSynchronizer<void> m_reports;
};

} // namespace mlab
