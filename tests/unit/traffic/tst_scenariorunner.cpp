#include "traffic/scenariorunner.h"

#include "testsupport.h"
#include "traffic/trafficrunner.h"
#include "trafficfakes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace mlab;
using test::FakeLabLinks;
using test::FakeNodeRunner;

namespace {

constexpr int waitMs = 8000;

// The seed lab with fake nodes and links: the traffic, the scenario and spies on the scenario.
struct Rig
{
    Lab lab = test::seedLab();
    FakeNodeRunner nodes;
    FakeLabLinks links;
    TrafficRunner traffic { lab, &nodes };
    ScenarioRunner scenario { lab, &links, &traffic };
    QSignalSpy progress { &scenario, &ScenarioRunner::progress };
    QSignalSpy finished { &scenario, &ScenarioRunner::finished };

    Rig() { traffic.setListenWaitMs(20); }

    ScenarioOutcome outcome() const { return finished.at(0).at(0).value<ScenarioOutcome>(); }

    QStringList actions() const
    {
        QStringList done;
        for (const QList<QVariant> &arguments : progress) {
            const QJsonObject step = arguments.at(0).toJsonObject();
            done << step.value(QStringLiteral("state")).toString() + QLatin1Char(' ')
                    + step.value(QStringLiteral("action")).toString();
        }
        return done;
    }

    bool trafficStopped() const
    {
        for (const FakeNodeRunner::Run &run : nodes.runs) {
            if (!run.ended)
                return false;
        }
        return !nodes.runs.isEmpty();
    }
};

Scenario demo(double durationS, double breakAtS, double restoreAtS)
{
    Result<Scenario> scenario
        = ScenarioRunner::demoScenario(test::seedLab(), durationS, breakAtS, restoreAtS, QString(), QString());
    if (!scenario)
        qFatal("demo scenario refused: %s", qPrintable(scenario.error()));
    return scenario.value();
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class TestScenarioRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoScenarioFollowsTheLab();
    void demoScenarioRefusesBadParameters_data();
    void demoScenarioRefusesBadParameters();
    void demoScenarioNeedsATrafficPlan();
    void timelineFromJson();
    void badTimelinesNameTheField_data();
    void badTimelinesNameTheField();
    void timelineHasAtMostAThousandActions();
    void demoBreaksAndRestoresOnTime();
    void stopRestoresTheLinkAndStopsTheTraffic();
    void stopWhileABreakIsUnanswered();
    void trafficFailureEndsTheScenario();
    void failedBreakEndsTheScenario();
    void secondStartIsRefused();
    void endRestoresWhatTheTimelineLeftBroken();
};

void TestScenarioRunner::demoScenarioFollowsTheLab()
{
    const Result<Scenario> scenario = ScenarioRunner::demoScenario(test::seedLab(), 24, 6, 12, QString(), QString());
    QVERIFY2(scenario, qPrintable(scenario.error()));
    QCOMPARE(scenario->name, QStringLiteral("demo"));
    QCOMPARE(scenario->durationS, 24.0);
    QCOMPARE(scenario->actions.size(), 4);
    const QList<ScenarioAction> &actions = scenario->actions;
    QCOMPARE(actions[0].action, QStringLiteral("traffic-start"));
    QCOMPARE(actions[0].atS, 0.0);
    // The first path's interface on the traffic client.
    QCOMPARE(actions[1].action, QStringLiteral("break"));
    QCOMPARE(actions[1].atS, 6.0);
    QCOMPARE(actions[1].link, QStringLiteral("NodeA:eth0"));
    QCOMPARE(actions[1].mode, QStringLiteral("cut"));
    QCOMPARE(actions[2].action, QStringLiteral("restore"));
    QCOMPARE(actions[2].atS, 12.0);
    QCOMPARE(actions[2].link, QStringLiteral("NodeA:eth0"));
    QCOMPARE(actions[3].action, QStringLiteral("traffic-stop"));
    QCOMPARE(actions[3].atS, 24.0);

    const Result<Scenario> other
        = ScenarioRunner::demoScenario(test::seedLab(), 30, 8, 16, QStringLiteral("21"), QStringLiteral("unplug"));
    QVERIFY2(other, qPrintable(other.error()));
    QCOMPARE(other->actions[1].link, QStringLiteral("21"));
    QCOMPARE(other->actions[1].mode, QStringLiteral("unplug"));
}

void TestScenarioRunner::demoScenarioRefusesBadParameters_data()
{
    QTest::addColumn<double>("durationS");
    QTest::addColumn<double>("breakAtS");
    QTest::addColumn<double>("restoreAtS");
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("message");
    QTest::newRow("too short") << 0.5 << 0.1 << 0.2 << QString() << QString() << QStringLiteral("durationS 0.5");
    QTest::newRow("too long") << 100000.0 << 6.0 << 12.0 << QString() << QString()
                              << QStringLiteral("durationS 100000");
    QTest::newRow("break after restore") << 24.0 << 12.0 << 6.0 << QString() << QString()
                                         << QStringLiteral("breakAtS 12, restoreAtS 6, durationS 24");
    QTest::newRow("break at the start") << 24.0 << 0.0 << 6.0 << QString() << QString()
                                        << QStringLiteral("breakAtS 0,");
    QTest::newRow("restore after the end")
        << 24.0 << 6.0 << 30.0 << QString() << QString() << QStringLiteral("restoreAtS 30");
    QTest::newRow("no such node") << 24.0 << 6.0 << 12.0 << QStringLiteral("NodeC:eth0") << QString()
                                  << QStringLiteral("link \"NodeC:eth0\": no such link");
    QTest::newRow("no such port") << 24.0 << 6.0 << 12.0 << QStringLiteral("99") << QString()
                                  << QStringLiteral("link \"99\"");
    QTest::newRow("management interface") << 24.0 << 6.0 << 12.0 << QStringLiteral("NodeA:eth2") << QString()
                                          << QStringLiteral("link \"NodeA:eth2\": NodeA:eth2 is a management");
    QTest::newRow("management host") << 24.0 << 6.0 << 12.0 << QStringLiteral("1") << QString()
                                     << QStringLiteral("link \"1\": port 1 is the management host's");
    QTest::newRow("mode") << 24.0 << 6.0 << 12.0 << QString() << QStringLiteral("melt")
                          << QStringLiteral("mode \"melt\": expected cut or unplug");
}

void TestScenarioRunner::demoScenarioRefusesBadParameters()
{
    QFETCH(double, durationS);
    QFETCH(double, breakAtS);
    QFETCH(double, restoreAtS);
    QFETCH(QString, link);
    QFETCH(QString, mode);
    QFETCH(QString, message);
    const Result<Scenario> scenario
        = ScenarioRunner::demoScenario(test::seedLab(), durationS, breakAtS, restoreAtS, link, mode);
    QVERIFY(!scenario);
    QVERIFY2(scenario.error().contains(message), qPrintable(scenario.error()));
}

void TestScenarioRunner::demoScenarioNeedsATrafficPlan()
{
    Lab lab = test::seedLab();
    lab.traffic = TrafficSpec {};
    const Result<Scenario> scenario = ScenarioRunner::demoScenario(lab, 24, 6, 12, QString(), QString());
    QVERIFY(!scenario);
    QVERIFY2(scenario.error().contains(QStringLiteral("lab seed has no traffic plan")), qPrintable(scenario.error()));
}

void TestScenarioRunner::timelineFromJson()
{
    const Result<Scenario> scenario = ScenarioRunner::fromJson(json(R"({"action": "start", "name": "flap",
        "durationS": 20, "timeline": [
            {"atS": 5, "action": "restore", "link": "NodeA:eth1"},
            {"atS": 0, "action": "traffic-start"},
            {"atS": 2, "action": "break", "link": "11", "mode": "unplug"},
            {"atS": 20, "action": "traffic-stop"}]})"),
        test::seedLab());
    QVERIFY2(scenario, qPrintable(scenario.error()));
    QCOMPARE(scenario->name, QStringLiteral("flap"));
    QCOMPARE(scenario->durationS, 20.0);
    QCOMPARE(scenario->actions.size(), 4);
    QCOMPARE(scenario->actions[0].action, QStringLiteral("restore")); // the runner orders them by atS
    QCOMPARE(scenario->actions[0].link, QStringLiteral("NodeA:eth1"));
    QCOMPARE(scenario->actions[2].link, QStringLiteral("11"));
    QCOMPARE(scenario->actions[2].mode, QStringLiteral("unplug"));
    QCOMPARE(scenario->actions[2].atS, 2.0);

    const Result<Scenario> unnamed = ScenarioRunner::fromJson(
        json(R"({"durationS": 3, "timeline": [{"atS": 1, "action": "break", "link": "NodeB:eth0"}]})"),
        test::seedLab());
    QVERIFY2(unnamed, qPrintable(unnamed.error()));
    QCOMPARE(unnamed->name, QStringLiteral("timeline"));
    QVERIFY(unnamed->actions[0].mode.isEmpty()); // a cut
}

void TestScenarioRunner::badTimelinesNameTheField_data()
{
    QTest::addColumn<QString>("params");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *params, const char *message) {
        QTest::newRow(name) << QString::fromUtf8(params) << QString::fromUtf8(message);
    };
    row("no durationS", R"({"timeline": [{"atS": 1, "action": "traffic-start"}]})", "durationS: missing");
    row("durationS a string", R"({"durationS": "10", "timeline": []})", "durationS \"10\": expected a number");
    row("durationS 0", R"({"durationS": 0, "timeline": []})", "durationS 0: expected a number of seconds, 1 to");
    row("no timeline", R"({"durationS": 10})", "timeline: missing");
    row("timeline an object", R"({"durationS": 10, "timeline": {"atS": 1}})",
        "timeline {\"atS\":1}: expected an array");
    row("empty timeline", R"({"durationS": 10, "timeline": []})", "timeline []: expected at least one action");
    row("item not an object", R"({"durationS": 10, "timeline": [5]})", "timeline[0] 5: expected an object");
    row("unknown action", R"({"durationS": 10, "timeline": [{"atS": 1, "action": "traffic-start"},
        {"atS": 2, "action": "jump"}]})",
        "timeline[1].action \"jump\": expected break, restore, traffic-start or traffic-stop");
    row("action missing", R"({"durationS": 10, "timeline": [{"atS": 1}]})", "timeline[0].action: missing");
    row("action a number", R"({"durationS": 10, "timeline": [{"atS": 1, "action": 3}]})", "timeline[0].action 3:");
    row("atS after the end", R"({"durationS": 10, "timeline": [{"atS": 30, "action": "traffic-start"}]})",
        "timeline[0].atS 30: expected 0 to durationS (10)");
    row("atS negative", R"({"durationS": 10, "timeline": [{"atS": -1, "action": "traffic-start"}]})",
        "timeline[0].atS -1:");
    row("atS a string", R"({"durationS": 10, "timeline": [{"atS": "1", "action": "traffic-start"}]})",
        "timeline[0].atS \"1\": expected a number");
    row("atS missing", R"({"durationS": 10, "timeline": [{"action": "traffic-start"}]})", "timeline[0].atS: missing");
    row("unknown link", R"({"durationS": 10, "timeline": [{"atS": 1, "action": "break", "link": "NodeA:eth0"},
        {"atS": 2, "action": "restore", "link": "NodeA:eth9"}]})",
        "timeline[1].link \"NodeA:eth9\": no such link in lab seed");
    row("link missing", R"({"durationS": 10, "timeline": [{"atS": 1, "action": "break"}]})",
        "timeline[0].link: missing");
    row("link a number", R"({"durationS": 10, "timeline": [{"atS": 1, "action": "break", "link": 10}]})",
        "timeline[0].link 10: expected a string");
    row("management link", R"({"durationS": 10, "timeline": [{"atS": 1, "action": "break", "link": "NodeB:eth2"}]})",
        "timeline[0].link \"NodeB:eth2\": NodeB:eth2 is a management interface");
    row("traffic with a link", R"({"durationS": 10, "timeline": [{"atS": 1, "action": "traffic-start",
        "link": "NodeA:eth0"}]})",
        "timeline[0].link \"NodeA:eth0\": traffic-start takes no link");
    row("bad mode", R"({"durationS": 10, "timeline": [{"atS": 1, "action": "break", "link": "NodeA:eth0",
        "mode": "melt"}]})",
        "timeline[0].mode \"melt\": expected cut or unplug");
    row("mode on a restore", R"({"durationS": 10, "timeline": [{"atS": 1, "action": "restore", "link": "NodeA:eth0",
        "mode": "cut"}]})",
        "timeline[0].mode \"cut\": only a break has a mode");
    row("unknown key", R"({"durationS": 10, "timeline": [{"atS": 1, "action": "traffic-start", "when": 3}]})",
        "timeline[0].when: unknown");
    row("name a number", R"({"name": 5, "durationS": 10, "timeline": [{"atS": 1, "action": "traffic-start"}]})",
        "name 5: expected a string");
}

void TestScenarioRunner::badTimelinesNameTheField()
{
    QFETCH(QString, params);
    QFETCH(QString, message);
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(params.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const Result<Scenario> scenario = ScenarioRunner::fromJson(document.object(), test::seedLab());
    QVERIFY(!scenario);
    QVERIFY2(scenario.error().contains(message), qPrintable(scenario.error()));
}

void TestScenarioRunner::timelineHasAtMostAThousandActions()
{
    QJsonArray timeline;
    for (int i = 0; i < ScenarioRunner::maxActions; ++i)
        timeline.append(QJsonObject { { QStringLiteral("atS"), i / 100.0 },
            { QStringLiteral("action"), i % 2 ? QStringLiteral("restore") : QStringLiteral("break") },
            { QStringLiteral("link"), QStringLiteral("NodeA:eth0") } });
    QJsonObject params { { QStringLiteral("durationS"), 20 }, { QStringLiteral("timeline"), timeline } };
    const Result<Scenario> thousand = ScenarioRunner::fromJson(params, test::seedLab());
    QVERIFY2(thousand, qPrintable(thousand.error()));
    QCOMPARE(thousand->actions.size(), 1000);

    timeline.append(
        QJsonObject { { QStringLiteral("atS"), 11 }, { QStringLiteral("action"), QStringLiteral("restore") },
            { QStringLiteral("link"), QStringLiteral("NodeA:eth0") } });
    params.insert(QStringLiteral("timeline"), timeline);
    const Result<Scenario> more = ScenarioRunner::fromJson(params, test::seedLab());
    QVERIFY(!more);
    QVERIFY2(more.error().contains(QStringLiteral("timeline: 1001 actions; at most 1000")), qPrintable(more.error()));
}

void TestScenarioRunner::demoBreaksAndRestoresOnTime()
{
    Rig rig;
    QVERIFY(rig.scenario.start(demo(1.0, 0.3, 0.6)));
    QVERIFY(rig.scenario.isRunning());
    // traffic-start at 0: the server at once, the client after the server's quiet time.
    QTRY_COMPARE_WITH_TIMEOUT(rig.nodes.runs.size(), 2, waitMs);
    QCOMPARE(rig.nodes.runs[0].command, QStringLiteral("mptcpize run iperf -s -i 10"));
    QCOMPARE(rig.nodes.runs[1].command, QStringLiteral("mptcpize run iperf -c 10.168.1.2 -i 0.5 -t 1"));

    QTRY_COMPARE_WITH_TIMEOUT(rig.finished.size(), 1, waitMs);
    const ScenarioOutcome outcome = rig.outcome();
    QCOMPARE(outcome.state, QStringLiteral("finished"));
    QCOMPARE(rig.links.summary(),
        (QStringList { QStringLiteral("break NodeA:eth0 cut"), QStringLiteral("restore NodeA:eth0") }));
    const qint64 breakMs = rig.links.calls[0].atMs - outcome.startedAtMs;
    const qint64 restoreMs = rig.links.calls[1].atMs - outcome.startedAtMs;
    QVERIFY2(breakMs >= 250, qPrintable(QString::number(breakMs)));
    QVERIFY2(restoreMs >= 550 && restoreMs - breakMs >= 200,
        qPrintable(QStringLiteral("%1 %2").arg(breakMs).arg(restoreMs)));
    QVERIFY(outcome.endedAtMs - outcome.startedAtMs >= 950);

    QCOMPARE(outcome.link, QStringLiteral("NodeA:eth0"));
    QCOMPARE(outcome.port, 10);
    QVERIFY(outcome.brokeAtMs >= rig.links.calls[0].atMs);
    QVERIFY(outcome.restoredAtMs >= rig.links.calls[1].atMs);
    QVERIFY(outcome.restoredAtMs < outcome.endedAtMs);
    QCOMPARE(rig.actions(),
        (QStringList { QStringLiteral("running traffic-start"), QStringLiteral("running break"),
            QStringLiteral("running restore"), QStringLiteral("running traffic-stop") }));
    for (const QList<QVariant> &step : std::as_const(rig.progress))
        QVERIFY(step.at(0).toJsonObject().value(QStringLiteral("ok")).toBool());
    QVERIFY(outcome.log.size() >= 6);
    QVERIFY(rig.trafficStopped());
    QCOMPARE(rig.traffic.state().value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    QVERIFY(!rig.scenario.isRunning());
    QCOMPARE(rig.scenario.state().value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
}

void TestScenarioRunner::stopRestoresTheLinkAndStopsTheTraffic()
{
    Rig rig;
    QVERIFY(rig.scenario.start(demo(30, 0.2, 20)));
    QTRY_COMPARE_WITH_TIMEOUT(rig.progress.size(), 2, waitMs); // traffic-start, break
    QTRY_COMPARE_WITH_TIMEOUT(rig.nodes.runs.size(), 2, waitMs);
    QCOMPARE(rig.scenario.state().value(QStringLiteral("state")).toString(), QStringLiteral("running"));

    rig.scenario.stop();
    QTRY_COMPARE_WITH_TIMEOUT(rig.finished.size(), 1, waitMs);
    const ScenarioOutcome outcome = rig.outcome();
    QCOMPARE(outcome.state, QStringLiteral("stopped"));
    QCOMPARE(rig.links.summary(),
        (QStringList { QStringLiteral("break NodeA:eth0 cut"), QStringLiteral("restore NodeA:eth0") }));
    QVERIFY(outcome.brokeAtMs > 0);
    QVERIFY(outcome.restoredAtMs >= outcome.brokeAtMs);
    QVERIFY(rig.nodes.runs[0].stopped);
    QVERIFY(rig.nodes.runs[1].stopped);
    QVERIFY(rig.actions().contains(QStringLiteral("stopping restore")));
    QVERIFY(!rig.scenario.isRunning());
}

void TestScenarioRunner::stopWhileABreakIsUnanswered()
{
    Rig rig;
    rig.links.answerDelayMs = 200;
    QVERIFY(rig.scenario.start(demo(30, 0.1, 20)));
    QTRY_COMPARE_WITH_TIMEOUT(rig.links.calls.size(), 1, waitMs);
    rig.scenario.stop(); // the break may be done: it is restored once it answers
    QTRY_COMPARE_WITH_TIMEOUT(rig.finished.size(), 1, waitMs);
    QCOMPARE(rig.outcome().state, QStringLiteral("stopped"));
    QCOMPARE(rig.links.summary(),
        (QStringList { QStringLiteral("break NodeA:eth0 cut"), QStringLiteral("restore NodeA:eth0") }));
    QVERIFY(rig.links.calls[1].atMs - rig.links.calls[0].atMs >= 150);
    QVERIFY(rig.trafficStopped());
}

void TestScenarioRunner::trafficFailureEndsTheScenario()
{
    Rig rig;
    QVERIFY(rig.scenario.start(demo(30, 0.1, 20)));
    QTRY_COMPARE_WITH_TIMEOUT(rig.progress.size(), 2, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(rig.nodes.runs.size(), 2, waitMs);
    rig.nodes.line(0, "iperf: accept failed: Too many open files", true);
    rig.nodes.end(0, 1);
    QTRY_COMPARE_WITH_TIMEOUT(rig.finished.size(), 1, waitMs);
    const ScenarioOutcome outcome = rig.outcome();
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QVERIFY2(outcome.reason.contains(QStringLiteral("traffic failed")), qPrintable(outcome.reason));
    QVERIFY2(outcome.reason.contains(QStringLiteral("traffic server on NodeB")), qPrintable(outcome.reason));
    QVERIFY2(outcome.reason.contains(QStringLiteral("Too many open files")), qPrintable(outcome.reason));
    QCOMPARE(rig.links.summary(),
        (QStringList { QStringLiteral("break NodeA:eth0 cut"), QStringLiteral("restore NodeA:eth0") }));
    QVERIFY(rig.nodes.runs[1].stopped);
}

void TestScenarioRunner::failedBreakEndsTheScenario()
{
    Rig rig;
    rig.links.failBreaks = true;
    QVERIFY(rig.scenario.start(demo(30, 0.1, 20)));
    QTRY_COMPARE_WITH_TIMEOUT(rig.finished.size(), 1, waitMs);
    const ScenarioOutcome outcome = rig.outcome();
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QVERIFY2(outcome.reason.contains(QStringLiteral("break NodeA:eth0 at 0.1 s failed: the switch did not answer")),
        qPrintable(outcome.reason));
    QCOMPARE(rig.links.summary(), QStringList { QStringLiteral("break NodeA:eth0 cut") }); // nothing to restore
    QCOMPARE(outcome.brokeAtMs, 0);
    QVERIFY(rig.trafficStopped());
    QCOMPARE(rig.actions(),
        (QStringList { QStringLiteral("running traffic-start"), QStringLiteral("running break"),
            QStringLiteral("stopping traffic-stop") }));
    QCOMPARE(rig.progress.at(1).at(0).toJsonObject().value(QStringLiteral("ok")).toBool(), false);
}

void TestScenarioRunner::secondStartIsRefused()
{
    Rig rig;
    QVERIFY(rig.scenario.start(demo(30, 6, 12)));
    const Status again = rig.scenario.start(demo(30, 6, 12));
    QVERIFY(!again);
    QVERIFY2(again.error().contains(QStringLiteral("scenario demo is still running")), qPrintable(again.error()));
    rig.scenario.stop();
    QTRY_COMPARE_WITH_TIMEOUT(rig.finished.size(), 1, waitMs);
    QVERIFY(rig.links.calls.isEmpty()); // stopped before its break: nothing to restore

    // Traffic someone else started stays theirs: a demo needing its own is refused.
    QVERIFY(rig.traffic.start(60));
    const Status busy = rig.scenario.start(demo(30, 6, 12));
    QVERIFY(!busy);
    QVERIFY2(busy.error().contains(QStringLiteral("traffic already runs")), qPrintable(busy.error()));
    rig.traffic.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!rig.traffic.isActive(), waitMs);
    QVERIFY(rig.scenario.start(demo(30, 6, 12)));
}

void TestScenarioRunner::endRestoresWhatTheTimelineLeftBroken()
{
    Rig rig;
    const Result<Scenario> scenario = ScenarioRunner::fromJson(
        json(R"({"durationS": 1, "timeline": [{"atS": 0.1, "action": "break", "link": "NodeA:eth1"}]})"),
        test::seedLab());
    QVERIFY2(scenario, qPrintable(scenario.error()));
    QVERIFY(rig.scenario.start(*scenario));
    QTRY_COMPARE_WITH_TIMEOUT(rig.finished.size(), 1, waitMs);
    const ScenarioOutcome outcome = rig.outcome();
    QCOMPARE(outcome.state, QStringLiteral("finished"));
    QCOMPARE(outcome.link, QStringLiteral("NodeA:eth1"));
    QCOMPARE(outcome.port, 11);
    QCOMPARE(rig.links.summary(),
        (QStringList { QStringLiteral("break NodeA:eth1 cut"), QStringLiteral("restore NodeA:eth1") }));
    QVERIFY(rig.links.calls[1].atMs - outcome.startedAtMs >= 950); // at the end, not before
    QCOMPARE(rig.actions(), (QStringList { QStringLiteral("running break"), QStringLiteral("stopping restore") }));
    QVERIFY(rig.nodes.runs.isEmpty()); // a timeline without traffic-start runs none
}

QTEST_GUILESS_MAIN(TestScenarioRunner)
#include "tst_scenariorunner.moc"
