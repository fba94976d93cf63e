#include "traffic/trafficrunner.h"

#include "telemetry/telemetryclock.h"
#include "testsupport.h"
#include "trafficfakes.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace mlab;
using test::FakeNodeRunner;

namespace {

constexpr int waitMs = 5000;
const QString seedServer = QStringLiteral("mptcpize run iperf -s -i 10");
const QString seedClient = QStringLiteral("mptcpize run iperf -c 10.168.1.2 -i 0.5 -t 20");

QStringList statesOf(const QSignalSpy &spy)
{
    QStringList states;
    for (const QList<QVariant> &arguments : spy)
        states << arguments.at(0).toJsonObject().value(QStringLiteral("state")).toString();
    return states;
}

QString stateOf(const TrafficRunner &traffic)
{
    return traffic.state().value(QStringLiteral("state")).toString();
}

QString reasonOf(const TrafficRunner &traffic)
{
    return traffic.state().value(QStringLiteral("reason")).toString();
}

// The seed lab's traffic with the client running; the server said it listens.
struct Running
{
    FakeNodeRunner nodes;
    TrafficRunner traffic { test::seedLab(), &nodes };
    QSignalSpy states { &traffic, &TrafficRunner::stateChanged };

    bool start()
    {
        traffic.setListenWaitMs(60000); // only the server's line may start the client
        if (!traffic.start(20))
            return false;
        nodes.line(0, "Server listening on TCP port 5001");
        return QTest::qWaitFor([&] { return nodes.runs.size() == 2; }, waitMs);
    }
};

} // namespace

class TestTrafficRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandLinesFollowThePlan();
    void clientStartsWhenTheServerStaysSilent();
    void clientEndStopsTheServer();
    void serverFailureStopsTheClient_data();
    void serverFailureStopsTheClient();
    void serverFailureBeforeTheClientStarts();
    void clientFailureStopsTheServer_data();
    void clientFailureStopsTheServer();
    void commandThatCannotStartFails();
    void secondStartIsRefused();
    void startNeedsAPlanAndADuration();
    void stopEndsBoth();
    void iperf3VersionDecidesMptcpOption_data();
    void iperf3VersionDecidesMptcpOption();
    void destroyingStopsTheCommands();
};

void TestTrafficRunner::commandLinesFollowThePlan()
{
    FakeNodeRunner nodes;
    TrafficRunner traffic(test::seedLab(), &nodes);
    traffic.setListenWaitMs(60000);
    QSignalSpy states(&traffic, &TrafficRunner::stateChanged);
    const qint64 before = monotonicMs();
    QVERIFY(traffic.start(20));
    const qint64 after = monotonicMs();

    QCOMPARE(nodes.runs.size(), 1);
    QCOMPARE(nodes.runs[0].node, QStringLiteral("NodeB"));
    QCOMPARE(nodes.runs[0].command, seedServer); // in the foreground: NodeRunner::stop ends it
    QCOMPARE(stateOf(traffic), QStringLiteral("starting"));

    nodes.line(0, "------------------------------------------------------------");
    nodes.line(0, "Server listening on TCP port 5001");
    QTRY_COMPARE_WITH_TIMEOUT(nodes.runs.size(), 2, waitMs);
    QCOMPARE(nodes.runs[1].node, QStringLiteral("NodeA"));
    QCOMPARE(nodes.runs[1].command, seedClient);

    const QJsonObject state = traffic.state();
    QCOMPARE(state.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(state.value(QStringLiteral("serverNode")).toString(), QStringLiteral("NodeB"));
    QCOMPARE(state.value(QStringLiteral("clientNode")).toString(), QStringLiteral("NodeA"));
    QCOMPARE(state.value(QStringLiteral("server")).toString(), seedServer);
    QCOMPARE(state.value(QStringLiteral("client")).toString(), seedClient);
    QCOMPARE(state.value(QStringLiteral("durationS")).toInt(), 20);
    const qint64 startedAt = state.value(QStringLiteral("startedAtMs")).toInteger();
    QVERIFY2(startedAt >= before && startedAt <= after, qPrintable(QString::number(startedAt)));
    QCOMPARE(statesOf(states), (QStringList { QStringLiteral("starting"), QStringLiteral("running") }));
}

void TestTrafficRunner::clientStartsWhenTheServerStaysSilent()
{
    // iperf3 3.12 buffers "Server listening" when its output is not a terminal.
    FakeNodeRunner nodes;
    TrafficRunner traffic(test::seedLab(), &nodes);
    traffic.setListenWaitMs(50);
    QVERIFY(traffic.start(20));
    QCOMPARE(nodes.runs.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(nodes.runs.size(), 2, waitMs);
    QCOMPARE(nodes.runs[1].command, seedClient);
    QCOMPARE(stateOf(traffic), QStringLiteral("running"));
}

void TestTrafficRunner::clientEndStopsTheServer()
{
    Running run;
    QVERIFY(run.start());
    QSignalSpy lines(&run.traffic, &TrafficRunner::clientLine);
    run.nodes.line(1, "[  1] 0.00-0.50 sec  2.88 MBytes  48.2 Mbits/sec");
    run.nodes.line(1, "[  1] 0.50-1.00 sec  2.88 MBytes  48.3 Mbits/sec");
    QTRY_COMPARE_WITH_TIMEOUT(lines.size(), 2, waitMs);
    QCOMPARE(lines.at(0).at(0).toByteArray(), QByteArray("[  1] 0.00-0.50 sec  2.88 MBytes  48.2 Mbits/sec"));

    run.nodes.end(1, 0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(run.traffic), QStringLiteral("finished"), waitMs);
    QVERIFY(run.nodes.runs[0].stopped);
    QVERIFY(!run.nodes.runs[1].stopped);
    QCOMPARE(statesOf(run.states),
        (QStringList { QStringLiteral("starting"), QStringLiteral("running"), QStringLiteral("stopping"),
            QStringLiteral("finished") }));
    QVERIFY(!run.traffic.isActive());
}

void TestTrafficRunner::serverFailureStopsTheClient_data()
{
    QTest::addColumn<int>("exitStatus");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QStringList>("reasonHas");
    QTest::newRow("exits 1") << 1 << QString() << QByteArray("bind failed: Address already in use")
                             << QStringList { QStringLiteral("NodeB"), seedServer, QStringLiteral("status 1"),
                                    QStringLiteral("bind failed: Address already in use") };
    QTest::newRow("killed") << -1 << QString() << QByteArray()
                            << QStringList { QStringLiteral("NodeB"), seedServer, QStringLiteral("killed"),
                                   QStringLiteral("last output: Server listening on TCP port 5001") };
    QTest::newRow("session lost") << -1 << QStringLiteral("the SSH session to NodeB closed") << QByteArray()
                                  << QStringList { QStringLiteral("traffic server on NodeB"),
                                         QStringLiteral("the SSH session to NodeB closed") };
}

void TestTrafficRunner::serverFailureStopsTheClient()
{
    QFETCH(int, exitStatus);
    QFETCH(QString, error);
    QFETCH(QByteArray, output);
    QFETCH(QStringList, reasonHas);
    Running run;
    QVERIFY(run.start());
    if (!output.isEmpty())
        run.nodes.line(0, output, true);
    run.nodes.end(0, exitStatus, error);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(run.traffic), QStringLiteral("failed"), waitMs);
    QVERIFY(run.nodes.runs[1].stopped);
    for (const QString &part : reasonHas)
        QVERIFY2(reasonOf(run.traffic).contains(part), qPrintable(reasonOf(run.traffic)));
    QCOMPARE(statesOf(run.states).mid(2), (QStringList { QStringLiteral("stopping"), QStringLiteral("failed") }));
}

void TestTrafficRunner::serverFailureBeforeTheClientStarts()
{
    FakeNodeRunner nodes;
    TrafficRunner traffic(test::seedLab(), &nodes);
    traffic.setListenWaitMs(60000);
    QVERIFY(traffic.start(20));
    nodes.line(0, "sh: 1: mptcpize: not found", true);
    nodes.end(0, 127);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(traffic), QStringLiteral("failed"), waitMs);
    QCOMPARE(nodes.runs.size(), 1); // no client without a server
    QVERIFY2(reasonOf(traffic).contains(QStringLiteral("on NodeB")), qPrintable(reasonOf(traffic)));
    QVERIFY2(reasonOf(traffic).contains(QStringLiteral("status 127")), qPrintable(reasonOf(traffic)));
    QVERIFY2(reasonOf(traffic).contains(QStringLiteral("mptcpize: not found")), qPrintable(reasonOf(traffic)));
}

void TestTrafficRunner::clientFailureStopsTheServer_data()
{
    QTest::addColumn<int>("exitStatus");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("reasonHas");
    QTest::newRow("iperf3 exits 1") << 1 << QByteArray("iperf3: error - unable to connect to server")
                                    << QStringLiteral("status 1");
    // iperf 2.1.8 prints this and exits 0.
    QTest::newRow("iperf 2 cannot connect")
        << 0 << QByteArray("tcp connect failed: Connection refused") << QStringLiteral("Connection refused");
}

void TestTrafficRunner::clientFailureStopsTheServer()
{
    QFETCH(int, exitStatus);
    QFETCH(QByteArray, output);
    QFETCH(QString, reasonHas);
    Running run;
    QVERIFY(run.start());
    run.nodes.line(1, output, true);
    run.nodes.end(1, exitStatus);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(run.traffic), QStringLiteral("failed"), waitMs);
    QVERIFY(run.nodes.runs[0].stopped);
    const QString reason = reasonOf(run.traffic);
    QVERIFY2(reason.contains(QStringLiteral("traffic client on NodeA")), qPrintable(reason));
    QVERIFY2(reason.contains(seedClient), qPrintable(reason));
    QVERIFY2(reason.contains(reasonHas), qPrintable(reason));
}

void TestTrafficRunner::commandThatCannotStartFails()
{
    FakeNodeRunner nodes;
    nodes.refusal = QStringLiteral("no SSH session to NodeB");
    TrafficRunner traffic(test::seedLab(), &nodes);
    QVERIFY(traffic.start(20)); // the answer comes through the end handler, as for any command
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(traffic), QStringLiteral("failed"), waitMs);
    QVERIFY2(reasonOf(traffic).contains(QStringLiteral("no SSH session to NodeB")), qPrintable(reasonOf(traffic)));
    QCOMPARE(nodes.runs.size(), 1);
}

void TestTrafficRunner::secondStartIsRefused()
{
    Running run;
    QVERIFY(run.start());
    const Status again = run.traffic.start(20);
    QVERIFY(!again);
    QVERIFY2(again.error().contains(QStringLiteral("already runs")), qPrintable(again.error()));
    QCOMPARE(run.nodes.runs.size(), 2);

    run.nodes.end(1, 0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(run.traffic), QStringLiteral("finished"), waitMs);
    QVERIFY(run.traffic.start(5)); // a finished run leaves room for the next
    QCOMPARE(run.nodes.runs.size(), 3);
    QCOMPARE(run.nodes.runs[2].command, seedServer);
}

void TestTrafficRunner::startNeedsAPlanAndADuration()
{
    FakeNodeRunner nodes;
    Lab lab = test::seedLab();
    lab.traffic = TrafficSpec {};
    TrafficRunner planless(lab, &nodes);
    const Status noPlan = planless.start(20);
    QVERIFY(!noPlan);
    QVERIFY2(noPlan.error().contains(QStringLiteral("no traffic plan")), qPrintable(noPlan.error()));

    TrafficRunner traffic(test::seedLab(), &nodes);
    for (int seconds : { 0, 86401 }) {
        const Status refused = traffic.start(seconds);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("durationS %1").arg(seconds)), qPrintable(refused.error()));
    }
    QVERIFY(nodes.runs.isEmpty());
    QCOMPARE(stateOf(traffic), QStringLiteral("idle"));
}

void TestTrafficRunner::stopEndsBoth()
{
    Running run;
    QVERIFY(run.start());
    run.traffic.stop();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(run.traffic), QStringLiteral("finished"), waitMs);
    QVERIFY(run.nodes.runs[0].stopped);
    QVERIFY(run.nodes.runs[1].stopped);
    QVERIFY2(reasonOf(run.traffic).contains(QStringLiteral("stopped")), qPrintable(reasonOf(run.traffic)));
    run.traffic.stop(); // harmless once ended
    QCOMPARE(stateOf(run.traffic), QStringLiteral("finished"));
}

void TestTrafficRunner::iperf3VersionDecidesMptcpOption_data()
{
    QTest::addColumn<QByteArray>("clientVersion");
    QTest::addColumn<int>("clientExit");
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("client");
    const QString wrappedServer = QStringLiteral("mptcpize run iperf3 -s");
    const QString wrappedClient = QStringLiteral("mptcpize run iperf3 -c 10.168.1.2 -t 20 -i 0.5");
    QTest::newRow("3.19 speaks MPTCP") << QByteArray("iperf 3.19 (cJSON 1.7.15)") << 0 << QStringLiteral("iperf3 -s -m")
                                       << QStringLiteral("iperf3 -c 10.168.1.2 -m -t 20 -i 0.5");
    QTest::newRow("debian 12's 3.12") << QByteArray("iperf 3.12 (cJSON 1.7.15)") << 0 << wrappedServer << wrappedClient;
    QTest::newRow("no iperf3") << QByteArray("sh: 1: iperf3: not found") << 127 << wrappedServer << wrappedClient;
}

void TestTrafficRunner::iperf3VersionDecidesMptcpOption()
{
    QFETCH(QByteArray, clientVersion);
    QFETCH(int, clientExit);
    QFETCH(QString, server);
    QFETCH(QString, client);
    Lab lab = test::seedLab();
    lab.traffic = TrafficSpec { QStringLiteral("NodeB"), QStringLiteral("iperf3 -s"), QStringLiteral("NodeA"),
        QStringLiteral("iperf3 -c 10.168.1.2"), QStringLiteral("mptcpize run") };
    FakeNodeRunner nodes;
    TrafficRunner traffic(lab, &nodes);
    traffic.setListenWaitMs(10);
    QVERIFY(traffic.start(20));
    // -m is needed at both ends: both nodes are asked.
    QCOMPARE(nodes.runs.size(), 2);
    QCOMPARE(nodes.runs[0].node, QStringLiteral("NodeA"));
    QCOMPARE(nodes.runs[0].command, QStringLiteral("iperf3 --version"));
    QCOMPARE(nodes.runs[1].node, QStringLiteral("NodeB"));
    QCOMPARE(stateOf(traffic), QStringLiteral("starting"));
    nodes.line(0, clientVersion);
    nodes.end(0, clientExit);
    nodes.line(1, "iperf 3.19 (cJSON 1.7.15)");
    nodes.end(1, 0);
    QTRY_COMPARE_WITH_TIMEOUT(nodes.runs.size(), 4, waitMs);
    QCOMPARE(nodes.runs[2].command, server);
    QCOMPARE(nodes.runs[3].command, client);

    // The answer is kept: the next run asks no more.
    traffic.stop();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(traffic), QStringLiteral("finished"), waitMs);
    QVERIFY(traffic.start(20));
    QCOMPARE(nodes.runs.size(), 5);
    QCOMPARE(nodes.runs[4].command, server);
}

void TestTrafficRunner::destroyingStopsTheCommands()
{
    FakeNodeRunner nodes;
    auto traffic = std::make_unique<TrafficRunner>(test::seedLab(), &nodes);
    traffic->setListenWaitMs(10);
    QVERIFY(traffic->start(20));
    QTRY_COMPARE_WITH_TIMEOUT(nodes.runs.size(), 2, waitMs);
    traffic.reset();
    QVERIFY(nodes.runs[0].stopped);
    QVERIFY(nodes.runs[1].stopped);
    QTest::qWait(20); // the re-posted ends find no runner and do nothing
}

QTEST_GUILESS_MAIN(TestTrafficRunner)
#include "tst_trafficrunner.moc"
