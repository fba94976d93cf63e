#pragma once

#include "core/result.h"
#include "lab/labmodel.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace mlab {

class LabLinks;
class TrafficRunner;

struct ScenarioAction
{
    double atS = 0; // seconds from the scenario's start
    QString action; // "break" | "restore" | "traffic-start" | "traffic-stop"
    QString link; // break and restore: "NodeA:eth0" or a switch port number
    QString mode; // break: "cut" (default) or "unplug"
};

struct Scenario
{
    QString name;
    double durationS = 0;
    QList<ScenarioAction> actions; // run in the order of atS (equal times in the order given)
};

struct ScenarioOutcome
{
    QString state; // finished|stopped|failed
    QString reason;
    qint64 startedAtMs = 0; // CLOCK_MONOTONIC ms, like every time below
    qint64 endedAtMs = 0;
    QString link; // the link the scenario breaks first (the demo's link); empty when it breaks none
    int port = 0; // its switch port
    qint64 brokeAtMs = 0; // when its first break was done (0: never)
    qint64 restoredAtMs = 0; // when it was restored after that, by the timeline or the clean-up (0: never)
    QList<QPair<qint64, QString>> log; // what happened, for a person
    QString name; // the scenario's
};

// Runs a scenario's timeline with timers, one action at a time: an action that takes long delays the next one,
// never reorders them. Every way out (the end, stop(), an action that fails, the scenario's traffic failing)
// restores the links the scenario broke and stops the traffic it started before finished() is emitted.
class ScenarioRunner : public QObject
{
    Q_OBJECT

public:
    // Longest a break or restore may take before the scenario fails.
    static constexpr int actionTimeoutMs = 30000;
    static constexpr int maxActions = 1000;

    ScenarioRunner(const Lab &lab, LabLinks *links, TrafficRunner *traffic, QObject *parent = nullptr);
    ~ScenarioRunner() override;

    // The seed demo from the lab's traffic plan: traffic-start at 0, break of link at breakAtS, restore at
    // restoreAtS, traffic-stop at durationS. link empty: the first path's interface on the traffic client
    // (NodeA:eth0 in the seed lab); mode empty: "cut". Messages name the parameter and its value.
    static Result<Scenario> demoScenario(const Lab &lab, double durationS, double breakAtS, double restoreAtS,
        const QString &link, const QString &mode = QString());
    // A client's timeline: {"name"?, "durationS", "timeline": [{"atS", "action", "link"?, "mode"?}, ...]}.
    // Other keys of params are left to the caller (the engine's "action"). Messages name the JSON field.
    static Result<Scenario> fromJson(const QJsonObject &params, const Lab &lab);

    // Refused while a scenario runs or cleans up, and for a scenario that does not fit the lab.
    Status start(const Scenario &scenario);
    // Cancels the run: restores what it broke, stops its traffic, then finished() with state "stopped".
    void stop();

    bool isRunning() const; // running or cleaning up
    // {state: "idle"|"running"|"stopping"|finished|stopped|failed (the last outcome), name, durationS,
    // elapsedS, startedAtMs, reason}
    QJsonObject state() const;

Q_SIGNALS:
    // Per action: {state: "running", elapsedS, atS, action, link, ok, message}; clean-up actions after the
    // timeline (restores, stopping the traffic) come with state "stopping".
    void progress(const QJsonObject &progress);
    void finished(const ScenarioOutcome &outcome);

private:
    enum class Phase { Idle, Running, CleaningUp };
    // The one break or restore waiting for its answer (actions run one at a time, so do clean-up restores).
    struct Pending
    {
        quint64 token = 0;
        ScenarioAction action;
        int port = 0;
        bool wasBroken = false; // the port was already in m_broken before this break
        bool cleanup = false;
    };

    static Status checkScenario(const Lab &lab, const Scenario &scenario, const QString &field);
    static Status checkAction(const Lab &lab, const ScenarioAction &action, double durationS, const QString &field);
    static Result<int> linkPort(const Lab &lab, const QString &link, const QString &field);
    static QString defaultLink(const Lab &lab);

    void scheduleNext();
    void runNext();
    void runAction(const ScenarioAction &action);
    void request(const ScenarioAction &action, int port, bool cleanup);
    void onAnswer(quint64 token, bool ok, const QString &message);
    void onAnswerTimeout();
    void actionDone(const ScenarioAction &action, bool ok, const QString &message);
    void beginCleanup(const QString &state, const QString &reason);
    void continueCleanup();
    void finish();
    void onTrafficState(const QJsonObject &state);
    void report(const QString &state, const ScenarioAction &action, bool ok, const QString &message);
    void addLog(const QString &text);
    double elapsedS() const;
    bool trafficActive() const;

    Lab m_lab;
    LabLinks *m_links;
    QPointer<TrafficRunner> m_traffic;
    Phase m_phase = Phase::Idle;
    quint64 m_generation = 0; // answers of an earlier run are ignored
    Scenario m_scenario;
    qsizetype m_next = 0; // index of the next action to run
    std::optional<Pending> m_pending;
    quint64 m_lastToken = 0;
    QMap<int, QString> m_broken; // port -> link the scenario may have broken and not restored
    bool m_trafficOurs = false; // the traffic runs because this scenario started it
    bool m_trafficStopSent = false;
    QStringList m_cleanupProblems;
    ScenarioOutcome m_outcome;
    QTimer m_actionTimer; // the next action's time, then the end
    QTimer m_answerTimer; // a break, restore or the clean-up taking too long
};

} // namespace mlab

Q_DECLARE_METATYPE(mlab::ScenarioOutcome)
