#include "traffic/trafficplan.h"

#include "testsupport.h"

#include <QTest>

using namespace mlab;

class TestTrafficPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedPlanGetsTheRunsDurationAndInterval();
    void optionsAreAddedWhenMissing();
    void iperf3Version_data();
    void iperf3Version();
    void nativeMptcpReplacesTheWrapper();
};

void TestTrafficPlan::seedPlanGetsTheRunsDurationAndInterval()
{
    const TrafficCommands commands = trafficCommands(test::seedLab().traffic, 20, 0.5);
    QCOMPARE(commands.serverNode, QStringLiteral("NodeB"));
    QCOMPARE(commands.clientNode, QStringLiteral("NodeA"));
    // The tutorial's "-i 1 -t 1000" become the run's own.
    QCOMPARE(commands.client, QStringLiteral("mptcpize run iperf -c 10.168.1.2 -i 0.5 -t 20"));
    QCOMPARE(commands.server, QStringLiteral("mptcpize run iperf -s -i 10"));
    QCOMPARE(commands.startServer, QStringLiteral("mptcpize run iperf -s -i 10 >/dev/null 2>&1 & echo $!"));
    // Stopping the client never touches another namespace's iperf.
    QVERIFY(commands.stopClient.contains(QStringLiteral("pgrep -f 'iperf -c'")));
    QVERIFY(commands.stopClient.contains(QStringLiteral("/proc/self/ns/net")));
}

void TestTrafficPlan::optionsAreAddedWhenMissing()
{
    TrafficSpec spec { QStringLiteral("B"), QStringLiteral("iperf -s"), QStringLiteral("A"),
        QStringLiteral("iperf -c 10.0.0.2"), QString() };
    const TrafficCommands commands = trafficCommands(spec, 7, 1);
    QCOMPARE(commands.client, QStringLiteral("iperf -c 10.0.0.2 -t 7 -i 1"));
    QCOMPARE(commands.server, QStringLiteral("iperf -s"));
    QCOMPARE(commands.startServer, QStringLiteral("iperf -s >/dev/null 2>&1 & echo $!"));
}

void TestTrafficPlan::iperf3Version_data()
{
    QTest::addColumn<QString>("output");
    QTest::addColumn<bool>("hasMptcp");
    QTest::newRow("debian 12") << QStringLiteral("iperf 3.12 (cJSON 1.7.15)\nLinux vm 6.1.0 #1 SMP x86_64") << false;
    QTest::newRow("3.19") << QStringLiteral("iperf 3.19 (cJSON 1.7.15)") << true;
    QTest::newRow("3.20") << QStringLiteral("iperf 3.20") << true;
    QTest::newRow("4.0") << QStringLiteral("iperf 4.0") << true;
    QTest::newRow("not installed") << QStringLiteral("sh: 1: iperf3: not found") << false;
}

void TestTrafficPlan::iperf3Version()
{
    QFETCH(QString, output);
    QFETCH(bool, hasMptcp);
    QCOMPARE(iperf3HasMptcpOption(output), hasMptcp);
}

void TestTrafficPlan::nativeMptcpReplacesTheWrapper()
{
    TrafficSpec spec { QStringLiteral("B"), QStringLiteral("iperf3 -s"), QStringLiteral("A"),
        QStringLiteral("iperf3 -c 10.0.0.2"), QStringLiteral("mptcpize run") };
    QVERIFY(usesIperf3(spec));
    const TrafficCommands native = trafficCommands(spec, 5, 0.5, true);
    QCOMPARE(native.client, QStringLiteral("iperf3 -c 10.0.0.2 -m -t 5 -i 0.5"));
    QCOMPARE(native.server, QStringLiteral("iperf3 -s -m"));
    QCOMPARE(native.startServer, QStringLiteral("iperf3 -s -m >/dev/null 2>&1 & echo $!"));
    const TrafficCommands wrapped = trafficCommands(spec, 5, 0.5, false);
    QCOMPARE(wrapped.client, QStringLiteral("mptcpize run iperf3 -c 10.0.0.2 -t 5 -i 0.5"));
    QCOMPARE(wrapped.server, QStringLiteral("mptcpize run iperf3 -s"));
}

QTEST_GUILESS_MAIN(TestTrafficPlan)
#include "tst_trafficplan.moc"
