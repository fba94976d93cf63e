#include "traffic/scenariorunner.h"

#include "lab/breakmode.h"

#include "telemetry/telemetryclock.h" // header-only: the traffic area does not link telemetry
#include "traffic/lablinks.h"
#include "traffic/trafficrunner.h"

#include <algorithm>
#include <climits>
#include <cmath>

namespace mlab {

namespace {

const QString actionBreak = QStringLiteral("break");
const QString actionRestore = QStringLiteral("restore");
const QString actionTrafficStart = QStringLiteral("traffic-start");
const QString actionTrafficStop = QStringLiteral("traffic-stop");

bool isEnded(const QString &trafficState)
{
    return trafficState == QLatin1String("finished") || trafficState == QLatin1String("failed")
        || trafficState == QLatin1String("idle");
}

} // namespace

ScenarioRunner::ScenarioRunner(const Lab &lab, LabLinks *links, TrafficRunner *traffic, QObject *parent)
    : QObject(parent)
    , m_lab(lab)
    , m_links(links)
    , m_traffic(traffic)
{
    // A coarse timer may be 5% late: a second and more on a long scenario.
    m_actionTimer.setTimerType(Qt::PreciseTimer);
    m_actionTimer.setSingleShot(true);
    m_answerTimer.setSingleShot(true);
    connect(&m_actionTimer, &QTimer::timeout, this, &ScenarioRunner::runNext);
    connect(&m_answerTimer, &QTimer::timeout, this, &ScenarioRunner::onAnswerTimeout);
    if (m_traffic)
        connect(m_traffic, &TrafficRunner::stateChanged, this, &ScenarioRunner::onTrafficState);
}

ScenarioRunner::~ScenarioRunner()
{
    if (m_phase == Phase::Idle)
        return;
    // No event loop to wait on any more: ask for the clean-up and let the answers go.
    m_phase = Phase::Idle;
    ++m_generation;
    for (const QString &link : std::as_const(m_broken)) {
        if (m_links)
            m_links->restoreLink(link, [](bool, const QString &) {});
    }
    if (m_trafficOurs && m_traffic)
        m_traffic->stop();
}

bool ScenarioRunner::isRunning() const
{
    return m_phase != Phase::Idle;
}

double ScenarioRunner::elapsedS() const
{
    return double(monotonicMs() - m_outcome.startedAtMs) / 1000.0;
}

bool ScenarioRunner::trafficActive() const
{
    return m_traffic && m_traffic->isActive();
}

QJsonObject ScenarioRunner::state() const
{
    if (m_phase == Phase::Idle && m_outcome.state.isEmpty())
        return QJsonObject { { QStringLiteral("state"), QStringLiteral("idle") } };
    QJsonObject state {
        { QStringLiteral("name"), m_scenario.name },
        { QStringLiteral("durationS"), m_scenario.durationS },
        { QStringLiteral("startedAtMs"), m_outcome.startedAtMs },
        { QStringLiteral("link"), m_outcome.link },
    };
    if (m_phase == Phase::Idle) {
        state.insert(QStringLiteral("state"), m_outcome.state);
        state.insert(QStringLiteral("elapsedS"), double(m_outcome.endedAtMs - m_outcome.startedAtMs) / 1000.0);
        state.insert(QStringLiteral("endedAtMs"), m_outcome.endedAtMs);
        state.insert(QStringLiteral("reason"), m_outcome.reason);
    } else {
        state.insert(QStringLiteral("state"),
            m_phase == Phase::Running ? QStringLiteral("running") : QStringLiteral("stopping"));
        state.insert(QStringLiteral("elapsedS"), elapsedS());
        state.insert(QStringLiteral("reason"), m_outcome.reason);
    }
    return state;
}

Status ScenarioRunner::start(const Scenario &scenario)
{
    if (m_phase != Phase::Idle)
        return fail(tr("scenario %1 is still %2 (%3 s of %4 s): stop it first")
                        .arg(m_scenario.name,
                            m_phase == Phase::Running ? QStringLiteral("running") : QStringLiteral("stopping"))
                        .arg(elapsedS(), 0, 'f', 1)
                        .arg(m_scenario.durationS));
    if (Status ok = checkScenario(m_lab, scenario, QStringLiteral("actions")); !ok)
        return ok;
    bool needsLinks = false;
    bool needsTraffic = false;
    for (const ScenarioAction &action : scenario.actions) {
        needsLinks |= action.action == actionBreak || action.action == actionRestore;
        needsTraffic |= action.action == actionTrafficStart;
    }
    if (needsLinks && !m_links)
        return fail(tr("scenario %1 breaks links, and this engine cannot").arg(scenario.name));
    if (needsTraffic && !m_traffic)
        return fail(tr("scenario %1 starts traffic, and this engine cannot").arg(scenario.name));
    if (needsTraffic && m_traffic->isActive())
        return fail(tr("scenario %1 starts its own traffic, and traffic already runs (%2): stop it first")
                        .arg(scenario.name, m_traffic->state().value(QStringLiteral("state")).toString()));

    ++m_generation;
    m_scenario = scenario;
    std::stable_sort(m_scenario.actions.begin(), m_scenario.actions.end(),
        [](const ScenarioAction &a, const ScenarioAction &b) { return a.atS < b.atS; });
    m_next = 0;
    m_pending.reset();
    m_broken.clear();
    m_trafficOurs = false;
    m_trafficStopSent = false;
    m_cleanupProblems.clear();
    m_outcome = ScenarioOutcome {};
    m_outcome.name = m_scenario.name;
    m_outcome.startedAtMs = monotonicMs();
    for (const ScenarioAction &action : std::as_const(m_scenario.actions)) {
        if (action.action == actionBreak) {
            m_outcome.link = action.link;
            m_outcome.port = m_lab.resolvePort(action.link).value_or(0);
            break;
        }
    }
    m_phase = Phase::Running;
    addLog(tr("scenario %1 started: %n action(s) over %2 s", nullptr, int(m_scenario.actions.size()))
               .arg(m_scenario.name)
               .arg(m_scenario.durationS));
    scheduleNext();
    return {};
}

void ScenarioRunner::stop()
{
    if (m_phase == Phase::Running)
        beginCleanup(QStringLiteral("stopped"), tr("stopped after %1 s").arg(elapsedS(), 0, 'f', 1));
}

void ScenarioRunner::scheduleNext()
{
    if (m_phase != Phase::Running || m_pending)
        return;
    const qint64 elapsedMs = monotonicMs() - m_outcome.startedAtMs;
    const double atS = m_next < m_scenario.actions.size() ? m_scenario.actions.at(m_next).atS : m_scenario.durationS;
    m_actionTimer.start(int(std::clamp<qint64>(qint64(std::llround(atS * 1000)) - elapsedMs, 0, INT_MAX)));
}

void ScenarioRunner::runNext()
{
    if (m_phase != Phase::Running || m_pending)
        return;
    if (m_next < m_scenario.actions.size()) {
        runAction(m_scenario.actions.at(m_next++));
        return;
    }
    beginCleanup(QStringLiteral("finished"), tr("the timeline ran for %1 s").arg(m_scenario.durationS));
}

void ScenarioRunner::runAction(const ScenarioAction &action)
{
    if (action.action == actionBreak || action.action == actionRestore) {
        request(action, m_lab.resolvePort(action.link).value_or(0), false);
    } else if (action.action == actionTrafficStart && !m_traffic) {
        actionDone(action, false, tr("the engine's traffic runner is gone"));
    } else if (action.action == actionTrafficStart) {
        const double remaining = m_scenario.durationS - elapsedS();
        const int seconds = int(std::clamp(std::ceil(remaining), 1.0, 86400.0));
        const Status started = m_traffic->start(seconds);
        if (started) {
            m_trafficOurs = true;
            m_trafficStopSent = false;
        }
        const QJsonObject traffic = m_traffic->state();
        actionDone(action, started.ok(),
            started ? tr("%1 s of traffic: \"%2\" on %3, \"%4\" on %5")
                          .arg(seconds)
                          .arg(traffic.value(QStringLiteral("client")).toString(),
                              traffic.value(QStringLiteral("clientNode")).toString(),
                              traffic.value(QStringLiteral("server")).toString(),
                              traffic.value(QStringLiteral("serverNode")).toString())
                    : started.error());
    } else if (action.action == actionTrafficStop) {
        const bool ours = m_trafficOurs && trafficActive();
        if (ours) {
            m_trafficStopSent = true;
            m_traffic->stop();
        }
        actionDone(action, true, ours ? tr("stopping the traffic") : tr("no traffic of this scenario runs"));
    }
}

void ScenarioRunner::request(const ScenarioAction &action, int port, bool cleanup)
{
    Pending pending { ++m_lastToken, action, port, m_broken.contains(port), cleanup };
    if (action.action == actionBreak)
        m_broken.insert(port, action.link); // until a "no" says otherwise: an unanswered break may have been done
    m_pending = pending;
    m_answerTimer.start(actionTimeoutMs);
    // LabLinks may answer before it returns; re-posting keeps this object out of its own calls.
    const QPointer<ScenarioRunner> self(this);
    const quint64 generation = m_generation;
    const quint64 token = pending.token;
    LabLinks::Done done = [self, generation, token](bool ok, const QString &message) {
        if (self)
            QMetaObject::invokeMethod(
                self,
                [self, generation, token, ok, message] {
                    if (self->m_generation == generation)
                        self->onAnswer(token, ok, message);
                },
                Qt::QueuedConnection);
    };
    if (action.action == actionBreak)
        m_links->breakLink(action.link, action.mode.isEmpty() ? breakModeName(BreakMode::Cut) : action.mode, done);
    else
        m_links->restoreLink(action.link, done);
}

void ScenarioRunner::onAnswer(quint64 token, bool ok, const QString &message)
{
    if (!m_pending || m_pending->token != token)
        return; // it came after its time-out
    const Pending pending = *m_pending;
    m_pending.reset();
    m_answerTimer.stop();
    const qint64 now = monotonicMs();
    const bool outcomeLink = m_outcome.port != 0 && pending.port == m_outcome.port;
    if (pending.action.action == actionBreak) {
        if (!ok && !pending.wasBroken)
            m_broken.remove(pending.port);
        if (ok && outcomeLink && m_outcome.brokeAtMs == 0)
            m_outcome.brokeAtMs = now;
    } else if (ok) {
        m_broken.remove(pending.port);
        if (outcomeLink && m_outcome.brokeAtMs != 0 && m_outcome.restoredAtMs == 0)
            m_outcome.restoredAtMs = now;
    }
    if (!pending.cleanup) {
        actionDone(pending.action, ok, message);
        return;
    }
    report(QStringLiteral("stopping"), pending.action, ok, message);
    if (!ok)
        m_cleanupProblems << tr("could not restore %1: %2").arg(pending.action.link, message);
    continueCleanup();
}

void ScenarioRunner::onAnswerTimeout()
{
    if (m_pending) {
        const Pending pending = *m_pending;
        m_pending.reset();
        const QString message = tr("no answer within %1 s").arg(actionTimeoutMs / 1000);
        if (!pending.cleanup) {
            actionDone(pending.action, false, message);
            return;
        }
        report(QStringLiteral("stopping"), pending.action, false, message);
        m_cleanupProblems << tr("could not restore %1: %2").arg(pending.action.link, message);
        continueCleanup();
        return;
    }
    if (m_phase == Phase::CleaningUp && m_trafficOurs) {
        m_cleanupProblems << tr("the traffic did not stop within %1 s").arg(actionTimeoutMs / 1000);
        m_trafficOurs = false;
        continueCleanup();
    }
}

void ScenarioRunner::actionDone(const ScenarioAction &action, bool ok, const QString &message)
{
    report(m_phase == Phase::Running ? QStringLiteral("running") : QStringLiteral("stopping"), action, ok, message);
    if (m_phase == Phase::CleaningUp) {
        continueCleanup();
    } else if (!ok) {
        const QString what = action.link.isEmpty() ? action.action : action.action + QLatin1Char(' ') + action.link;
        beginCleanup(QStringLiteral("failed"), tr("%1 at %2 s failed: %3").arg(what).arg(action.atS).arg(message));
    } else {
        scheduleNext();
    }
}

void ScenarioRunner::onTrafficState(const QJsonObject &state)
{
    if (!m_trafficOurs || m_phase == Phase::Idle)
        return;
    const QString trafficState = state.value(QStringLiteral("state")).toString();
    if (!isEnded(trafficState))
        return;
    m_trafficOurs = false;
    const QString reason = state.value(QStringLiteral("reason")).toString();
    if (m_phase == Phase::Running) {
        if (trafficState == QLatin1String("failed"))
            beginCleanup(QStringLiteral("failed"), tr("the traffic failed: %1").arg(reason));
        else
            addLog(tr("traffic %1: %2").arg(trafficState, reason));
        return;
    }
    addLog(tr("traffic %1: %2").arg(trafficState, reason));
    // The traffic may report from inside our own stop() call: carry on from the event loop.
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (m_generation == generation)
                continueCleanup();
        },
        Qt::QueuedConnection);
}

void ScenarioRunner::beginCleanup(const QString &state, const QString &reason)
{
    if (m_phase != Phase::Running)
        return;
    m_phase = Phase::CleaningUp;
    m_actionTimer.stop();
    m_outcome.state = state;
    m_outcome.reason = reason;
    addLog(tr("scenario %1 ending (%2): %3").arg(m_scenario.name, state, reason));
    continueCleanup();
}

void ScenarioRunner::continueCleanup()
{
    if (m_phase != Phase::CleaningUp || m_pending)
        return; // the answer on its way carries on
    if (m_trafficOurs && !m_trafficStopSent) {
        m_trafficStopSent = true;
        report(QStringLiteral("stopping"), ScenarioAction { elapsedS(), actionTrafficStop, {}, {} }, true,
            tr("stopping the traffic this scenario started"));
        if (m_traffic)
            m_traffic->stop();
    }
    if (!m_broken.isEmpty()) {
        const int port = m_broken.firstKey();
        const QString link = m_broken.take(port);
        request(ScenarioAction { elapsedS(), actionRestore, link, {} }, port, true);
        return;
    }
    if (m_trafficOurs && trafficActive()) {
        if (!m_answerTimer.isActive())
            m_answerTimer.start(actionTimeoutMs);
        return; // onTrafficState carries on
    }
    finish();
}

void ScenarioRunner::finish()
{
    m_answerTimer.stop();
    m_actionTimer.stop();
    if (!m_cleanupProblems.isEmpty()) {
        m_outcome.state = QStringLiteral("failed");
        m_outcome.reason += tr("; while cleaning up: %1").arg(m_cleanupProblems.join(QStringLiteral("; ")));
    }
    m_outcome.endedAtMs = monotonicMs();
    addLog(tr("scenario %1 %2 after %3 s")
               .arg(m_scenario.name, m_outcome.state)
               .arg(double(m_outcome.endedAtMs - m_outcome.startedAtMs) / 1000.0, 0, 'f', 1));
    m_phase = Phase::Idle;
    ++m_generation;
    const ScenarioOutcome outcome = m_outcome;
    Q_EMIT finished(outcome);
}

void ScenarioRunner::report(const QString &state, const ScenarioAction &action, bool ok, const QString &message)
{
    const double elapsed = elapsedS();
    Q_EMIT progress(QJsonObject {
        { QStringLiteral("state"), state },
        { QStringLiteral("elapsedS"), elapsed },
        { QStringLiteral("atS"), action.atS },
        { QStringLiteral("action"), action.action },
        { QStringLiteral("link"), action.link },
        { QStringLiteral("ok"), ok },
        { QStringLiteral("message"), message },
    });
    const QString what = action.link.isEmpty() ? action.action : action.action + QLatin1Char(' ') + action.link;
    addLog(ok ? tr("%1: %2").arg(what, message) : tr("%1 failed: %2").arg(what, message));
}

void ScenarioRunner::addLog(const QString &text)
{
    m_outcome.log.append({ monotonicMs(), text });
}

} // namespace mlab
