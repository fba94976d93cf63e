#include "mptcp/nodeconfig.h"

#include "testsupport.h"

#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

namespace {

// One line per command, marked when it may fail, so a whole list compares at once.
QStringList render(const QList<Command> &commands)
{
    QStringList lines;
    for (const Command &command : commands)
        lines << (command.mayFail ? u"[may fail] "_s : QString()) + command.toShell();
    return lines;
}

const QString FastRecovery = u"sh -c 'if [ -e /proc/sys/net/ipv4/tcp_rto_max_ms ]; then sysctl -w "
                             u"net.ipv4.tcp_rto_min_us=50000 net.ipv4.tcp_rto_max_ms=1000; else echo \"fastRecovery "
                             u"skipped: kernel $(uname -r) has no net.ipv4.tcp_rto_max_ms (Linux 6.15+); a restored "
                             u"path may take seconds to carry data again\"; fi'"_s;

// The source tables of a node: rules and routes only.
QStringList tableLines(const QList<Command> &commands)
{
    QStringList lines;
    for (const QString &line : render(commands)) {
        if (line.contains(u" table "_s))
            lines << line;
    }
    return lines;
}

} // namespace

class TestNodeConfig : public QObject
{
    Q_OBJECT

private slots:
    void seedCommands_data();
    void seedCommands();
    void everyCommandRunsOnItsNodeWithAReason();
    void unlimitedPathRemovesShaping();
    void noDefaultPathMeansNoMainDefaultRoute();
    void tutorialRoutingKeepsTheTutorialTables();
    void symmetricRoutingCoversEveryPath();
    void legacyProfileGetsTheSameSymmetricRouting();
    void fastRecoveryIsAnOption();
    void routingCommandsAreTheRoutingPartOfNetworkCommands();
    void unplugAndReplug();
    void subnetOf_data();
    void subnetOf();
};

void TestNodeConfig::seedCommands_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("NodeA") << u"NodeA"_s
                           << QStringList {
                                  u"ip link set dev eth0 up"_s,
                                  u"ip addr replace 10.168.1.1/24 dev eth0"_s,
                                  u"tc qdisc replace dev eth0 root tbf rate 50mbit burst 32k latency 50ms"_s,
                                  u"ip link set dev eth1 up"_s,
                                  u"ip addr replace 10.168.2.1/24 dev eth1"_s,
                                  u"tc qdisc replace dev eth1 root tbf rate 50mbit burst 32k latency 50ms"_s,
                                  u"[may fail] ip rule del from 10.168.1.1 table 1"_s,
                                  u"ip rule add from 10.168.1.1 table 1"_s,
                                  u"ip route replace 10.168.1.0/24 dev eth0 scope link table 1"_s,
                                  u"ip route replace 10.168.2.0/24 dev eth1 scope link table 1"_s,
                                  u"ip route replace default via 10.168.1.2 dev eth0 table 1"_s,
                                  u"[may fail] ip rule del from 10.168.2.1 table 2"_s,
                                  u"ip rule add from 10.168.2.1 table 2"_s,
                                  u"ip route replace 10.168.2.0/24 dev eth1 scope link table 2"_s,
                                  u"ip route replace 10.168.1.0/24 dev eth0 scope link table 2"_s,
                                  u"ip route replace default via 10.168.2.2 dev eth1 table 2"_s,
                                  u"ip route replace default via 10.168.1.2 dev eth0"_s,
                                  FastRecovery,
                              };
    QTest::newRow("NodeB") << u"NodeB"_s
                           << QStringList {
                                  u"ip link set dev eth0 up"_s,
                                  u"ip addr replace 10.168.1.2/24 dev eth0"_s,
                                  u"tc qdisc replace dev eth0 root tbf rate 50mbit burst 32k latency 50ms"_s,
                                  u"ip link set dev eth1 up"_s,
                                  u"ip addr replace 10.168.2.2/24 dev eth1"_s,
                                  u"tc qdisc replace dev eth1 root tbf rate 50mbit burst 32k latency 50ms"_s,
                                  u"[may fail] ip rule del from 10.168.1.2 table 1"_s,
                                  u"ip rule add from 10.168.1.2 table 1"_s,
                                  u"ip route replace 10.168.1.0/24 dev eth0 scope link table 1"_s,
                                  u"ip route replace 10.168.2.0/24 dev eth1 scope link table 1"_s,
                                  u"ip route replace default via 10.168.1.1 dev eth0 table 1"_s,
                                  u"[may fail] ip rule del from 10.168.2.2 table 2"_s,
                                  u"ip rule add from 10.168.2.2 table 2"_s,
                                  u"ip route replace 10.168.2.0/24 dev eth1 scope link table 2"_s,
                                  u"ip route replace 10.168.1.0/24 dev eth0 scope link table 2"_s,
                                  u"ip route replace default via 10.168.2.1 dev eth1 table 2"_s,
                                  u"ip route replace default via 10.168.1.1 dev eth0"_s,
                                  FastRecovery,
                              };
}

void TestNodeConfig::seedCommands()
{
    QFETCH(QString, node);
    QFETCH(QStringList, expected);
    const Lab lab = test::seedLab();
    const NodeSpec *spec = lab.nodeNamed(node);
    QVERIFY(spec);
    QCOMPARE(render(networkCommands(lab, *spec)), expected);
}

void TestNodeConfig::everyCommandRunsOnItsNodeWithAReason()
{
    const Lab lab = test::seedLab();
    for (const NodeSpec &node : lab.nodes) {
        for (const Command &command : networkCommands(lab, node)) {
            QCOMPARE(command.where, node.name);
            QVERIFY2(!command.why.isEmpty(), qPrintable(command.toShell()));
            // The node backend owns the management interface; touching it would cut SSH.
            QVERIFY2(!command.argv.contains(u"eth2"_s), qPrintable(command.toShell()));
        }
    }
}

void TestNodeConfig::unlimitedPathRemovesShaping()
{
    Lab lab = test::seedLab();
    lab.paths[1].shaping.rate.clear();
    const QStringList lines = render(networkCommands(lab, lab.nodes[0]));
    QVERIFY(lines.contains(u"tc qdisc replace dev eth0 root tbf rate 50mbit burst 32k latency 50ms"_s));
    QVERIFY(lines.contains(u"[may fail] tc qdisc del dev eth1 root"_s));
    QVERIFY(!lines.contains(u"tc qdisc replace dev eth1 root tbf rate 50mbit burst 32k latency 50ms"_s));
}

void TestNodeConfig::noDefaultPathMeansNoMainDefaultRoute()
{
    Lab lab = test::seedLab();
    lab.nodes[0].defaultPath.clear();
    lab.failover.fastRecovery = false;
    const QStringList lines = render(networkCommands(lab, lab.nodes[0]));
    QCOMPARE(lines.size(), 16);
    QCOMPARE(lines.last(), u"ip route replace default via 10.168.2.2 dev eth1 table 2"_s);
}

void TestNodeConfig::tutorialRoutingKeepsTheTutorialTables()
{
    Lab lab = test::seedLab();
    lab.failover.routing = u"tutorial"_s;
    QCOMPARE(tableLines(networkCommands(lab, lab.nodes[1])),
        (QStringList {
            u"[may fail] ip rule del from 10.168.1.2 table 1"_s,
            u"ip rule add from 10.168.1.2 table 1"_s,
            u"ip route replace 10.168.1.0/24 dev eth0 scope link table 1"_s,
            u"ip route replace default via 10.168.1.1 dev eth0 table 1"_s,
            u"[may fail] ip rule del from 10.168.2.2 table 2"_s,
            u"ip rule add from 10.168.2.2 table 2"_s,
            u"ip route replace 10.168.2.0/24 dev eth1 scope link table 2"_s,
            u"ip route replace default via 10.168.2.1 dev eth1 table 2"_s,
        }));
}

// Three paths: every table reaches all three subnets, each through the interface on its own path.
void TestNodeConfig::symmetricRoutingCoversEveryPath()
{
    const Result<Lab> lab = test::loadFixtureLab("three-paths.json");
    QVERIFY2(lab.ok(), lab.ok() ? "" : qPrintable(lab.error()));
    for (const NodeSpec &node : lab->nodes) {
        const QStringList lines = tableLines(networkCommands(*lab, node));
        for (const InterfaceSpec &from : node.interfaces) {
            if (from.management)
                continue;
            const QString table = QString::number(lab->pathNamed(from.path)->routingTable);
            for (const InterfaceSpec &to : node.interfaces) {
                if (to.management)
                    continue;
                const QString route = u"ip route replace %1 dev %2 scope link table %3"_s.arg(
                    mlab::subnetOf(to.address), to.name, table);
                QVERIFY2(lines.contains(route), qPrintable(node.name + u": missing "_s + route));
            }
        }
    }
}

void TestNodeConfig::legacyProfileGetsTheSameSymmetricRouting()
{
    const Lab upstream = test::seedLab();
    Lab legacy = upstream;
    for (NodeSpec &node : legacy.nodes)
        node.mptcp.profile = u"legacy"_s;
    for (qsizetype i = 0; i < upstream.nodes.size(); ++i) {
        const QStringList tables = tableLines(networkCommands(legacy, legacy.nodes[i]));
        QCOMPARE(tables, tableLines(networkCommands(upstream, upstream.nodes[i])));
        QVERIFY(tables.contains(u"ip route replace 10.168.1.0/24 dev eth0 scope link table 2"_s));
        QVERIFY(tables.contains(u"ip route replace 10.168.2.0/24 dev eth1 scope link table 1"_s));
    }
}

void TestNodeConfig::fastRecoveryIsAnOption()
{
    Lab lab = test::seedLab();
    QVERIFY(lab.failover.fastRecovery); // on in the seed lab
    const QList<Command> on = networkCommands(lab, lab.nodes[0]);
    QCOMPARE(on.last().toShell(), FastRecovery);
    QVERIFY(on.last().why.contains(u"at most 1000 ms"_s));
    QVERIFY(!on.last().mayFail); // an old kernel is not a failure: the script says so and succeeds
    lab.failover.fastRecovery = false;
    for (const Command &command : networkCommands(lab, lab.nodes[0]))
        QVERIFY2(!command.toShell().contains(u"tcp_rto"_s), qPrintable(command.toShell()));
}

void TestNodeConfig::routingCommandsAreTheRoutingPartOfNetworkCommands()
{
    const Lab lab = test::seedLab();
    for (const NodeSpec &node : lab.nodes) {
        const QStringList all = render(networkCommands(lab, node));
        const QStringList routing = render(routingCommands(lab, node));
        QCOMPARE(routing.size(), 11);
        QCOMPARE(all.mid(6, routing.size()), routing);
    }
}

void TestNodeConfig::unplugAndReplug()
{
    const Lab lab = test::seedLab();
    const NodeSpec &nodeA = *lab.nodeNamed(u"NodeA"_s);
    const InterfaceSpec &eth0 = *nodeA.interfaceNamed(u"eth0"_s);
    const QList<Command> unplug = unplugCommands(nodeA, eth0);
    QCOMPARE(render(unplug), QStringList { u"ip link set dev eth0 down"_s });
    QCOMPARE(unplug.first().where, u"NodeA"_s);
    QVERIFY2(unplug.first().why.contains(u"deletes every route through eth0, in every table"_s),
        qPrintable(unplug.first().why));

    // Plugged back in: carrier up, then the node's whole routing again, each step saying why it runs again.
    const QList<Command> replug = replugCommands(lab, nodeA, eth0);
    const QList<Command> routing = routingCommands(lab, nodeA);
    QCOMPARE(render(replug), QStringList { u"ip link set dev eth0 up"_s } + render(routing));
    QVERIFY(replug.first().why.contains(u"back in"_s));
    for (qsizetype i = 1; i < replug.size(); ++i) {
        QCOMPARE(replug[i].where, u"NodeA"_s);
        QCOMPARE(replug[i].mayFail, routing[i - 1].mayFail);
        QVERIFY2(replug[i].why.contains(u"the unplug of eth0 (taking it down deleted every route through it, in "
                                        u"every table)"_s)
                && replug[i].why.endsWith(routing[i - 1].why),
            qPrintable(replug[i].why));
    }
    // What the kernel deleted with eth0 is among them: table 1's default and table 2's route to path 1.
    const QStringList lines = render(replug);
    QVERIFY(lines.contains(u"ip route replace default via 10.168.1.2 dev eth0 table 1"_s));
    QVERIFY(lines.contains(u"ip route replace 10.168.1.0/24 dev eth0 scope link table 2"_s));
    QVERIFY(lines.contains(u"ip route replace default via 10.168.1.2 dev eth0"_s));
}

void TestNodeConfig::subnetOf_data()
{
    QTest::addColumn<QString>("cidr");
    QTest::addColumn<QString>("expected");
    QTest::newRow("v4 /24") << u"10.168.1.1/24"_s << u"10.168.1.0/24"_s;
    QTest::newRow("v4 /30") << u"192.168.7.6/30"_s << u"192.168.7.4/30"_s;
    QTest::newRow("v4 /32") << u"10.0.0.9/32"_s << u"10.0.0.9/32"_s;
    QTest::newRow("v6 /64") << u"fd00:1:2:3::1/64"_s << u"fd00:1:2:3::/64"_s;
    QTest::newRow("no length") << u"10.168.1.1"_s << u"10.168.1.1/32"_s;
    QTest::newRow("garbage") << u"not-an-address/24"_s << QString();
    QTest::newRow("bad length") << u"10.168.1.1/40"_s << QString();
}

void TestNodeConfig::subnetOf()
{
    QFETCH(QString, cidr);
    QFETCH(QString, expected);
    QCOMPARE(mlab::subnetOf(cidr), expected);
}

QTEST_GUILESS_MAIN(TestNodeConfig)
#include "tst_nodeconfig.moc"
