#include "lab/labfile.h"

#include "labtest.h"

#include <QFileInfo>
#include <QHash>
#include <QTemporaryDir>

using namespace mlab;
using namespace labtest;

class TestLabFile : public QObject
{
    Q_OBJECT

private slots:
    void seedGivesTheTutorialsValues();
    void seedInterfaces_data();
    void seedInterfaces();
    void extraLabsParseWithoutCodeChanges_data();
    void extraLabsParseWithoutCodeChanges();
    void goodSeedVariant_data();
    void goodSeedVariant();
    void syntaxErrorNamesTheLine();
    void topLevelMustBeAnObject();
    void duplicateKeyIsReported();
    void sharedPathHasNoSingleGateway();
    void unreadableFileIsNamed();
    void deepNestingIsRefused();
};

void TestLabFile::seedGivesTheTutorialsValues()
{
    const Result<Lab> result = loadLabFile(kSeed);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error()));
    const Lab &lab = result.value();

    QCOMPARE(lab.name, QStringLiteral("seed"));
    QVERIFY(!lab.description.isEmpty());
    QCOMPARE(lab.sourceFile, QFileInfo(kSeed).absoluteFilePath());

    QCOMPARE(lab.switchSpec.vlans, QList<int>({ 1, 2, 3, 4 }));
    QCOMPARE(lab.switchSpec.deadVlan, 4);
    QCOMPARE(lab.switchSpec.ports, 32);

    QCOMPARE(lab.management.vlan, 3);
    QCOMPARE(lab.management.hostTap, QStringLiteral("tap0"));
    QCOMPARE(lab.management.hostPort, 1);
    QCOMPARE(lab.management.hostAddress, QStringLiteral("10.168.255.254/24"));
    QCOMPARE(lab.management.hostIp(), QStringLiteral("10.168.255.254"));

    QCOMPARE(lab.paths.size(), 2);
    QCOMPARE(lab.paths[0].name, QStringLiteral("path1"));
    QCOMPARE(lab.paths[0].vlan, 1);
    QCOMPARE(lab.paths[0].routingTable, 1);
    QCOMPARE(lab.paths[0].shaping.rate, QStringLiteral("50mbit"));
    QCOMPARE(lab.paths[1].name, QStringLiteral("path2"));
    QCOMPARE(lab.paths[1].vlan, 2);
    QCOMPARE(lab.paths[1].routingTable, 2);
    QCOMPARE(lab.paths[1].shaping.rate, QStringLiteral("50mbit"));

    QCOMPARE(lab.nodes.size(), 2);
    for (const NodeSpec &node : lab.nodes) {
        QCOMPARE(node.kind, QStringLiteral("namespace"));
        QCOMPARE(node.defaultPath, QStringLiteral("path1"));
        QCOMPARE(node.mptcp.profile, QStringLiteral("upstream"));
        QCOMPARE(node.mptcp.subflows, 8);
        QCOMPARE(node.mptcp.addAddrAccepted, 8);
        QCOMPARE(node.interfaces.size(), 3);
        QCOMPARE(node.managementInterface()->name, QStringLiteral("eth2"));
    }
    QCOMPARE(lab.nodes[0].name, QStringLiteral("NodeA"));
    QCOMPARE(lab.nodes[1].name, QStringLiteral("NodeB"));

    QCOMPARE(lab.peerAddress(QStringLiteral("NodeA"), QStringLiteral("path1")), QStringLiteral("10.168.1.2"));
    QCOMPARE(lab.peerAddress(QStringLiteral("NodeA"), QStringLiteral("path2")), QStringLiteral("10.168.2.2"));
    QCOMPARE(lab.peerAddress(QStringLiteral("NodeB"), QStringLiteral("path1")), QStringLiteral("10.168.1.1"));
    QCOMPARE(lab.peerAddress(QStringLiteral("NodeB"), QStringLiteral("path2")), QStringLiteral("10.168.2.1"));
    QCOMPARE(lab.resolvePort(QStringLiteral("NodeA:eth0")), std::optional<int>(10));
    QCOMPARE(lab.vlanOfPort(10), std::optional<int>(1));
    QCOMPARE(lab.vlanOfPort(2), std::optional<int>(3));
    QCOMPARE(lab.usedPorts(), QList<int>({ 1, 2, 3, 10, 11, 20, 21 }));

    QCOMPARE(lab.traffic.wrapper, QStringLiteral("mptcpize run"));
    QCOMPARE(lab.traffic.serverNode, QStringLiteral("NodeB"));
    QCOMPARE(lab.traffic.serverCommand, QStringLiteral("iperf -s -i 10"));
    QCOMPARE(lab.traffic.clientNode, QStringLiteral("NodeA"));
    QCOMPARE(lab.traffic.clientCommand, QStringLiteral("iperf -c 10.168.1.2 -i 1 -t 1000"));
}

void TestLabFile::seedInterfaces_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("ifname");
    QTest::addColumn<QString>("mac");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("management");
    QTest::addColumn<QStringList>("endpoint");

    const QStringList clientFlags = { QStringLiteral("subflow"), QStringLiteral("fullmesh") };
    auto row = [](const char *node, const char *ifname, const char *mac, const char *address, int port,
                   const char *path, bool management, const QStringList &endpoint) {
        QTest::addRow("%s:%s", node, ifname)
            << QString::fromLatin1(node) << QString::fromLatin1(ifname) << QString::fromLatin1(mac)
            << QString::fromLatin1(address) << port << QString::fromLatin1(path) << management << endpoint;
    };
    row("NodeA", "eth0", "52:54:00:01:01:01", "10.168.1.1/24", 10, "path1", false, clientFlags);
    row("NodeA", "eth1", "52:54:00:01:02:01", "10.168.2.1/24", 11, "path2", false, clientFlags);
    row("NodeA", "eth2", "52:54:00:01:00:02", "10.168.255.1/24", 2, "", true, {});
    row("NodeB", "eth0", "52:54:00:02:01:01", "10.168.1.2/24", 20, "path1", false, {});
    row("NodeB", "eth1", "52:54:00:02:02:01", "10.168.2.2/24", 21, "path2", false, { QStringLiteral("signal") });
    row("NodeB", "eth2", "52:54:00:02:00:03", "10.168.255.2/24", 3, "", true, {});
}

void TestLabFile::seedInterfaces()
{
    QFETCH(QString, node);
    QFETCH(QString, ifname);
    QFETCH(QString, mac);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(QString, path);
    QFETCH(bool, management);
    QFETCH(QStringList, endpoint);

    const Result<Lab> result = loadLabFile(kSeed);
    QVERIFY(result.ok());
    const NodeSpec *spec = result->nodeNamed(node);
    QVERIFY(spec);
    const InterfaceSpec *iface = spec->interfaceNamed(ifname);
    QVERIFY(iface);
    QCOMPARE(iface->mac, mac);
    QCOMPARE(iface->address, address);
    QCOMPARE(iface->switchPort, port);
    QCOMPARE(iface->path, path);
    QCOMPARE(iface->management, management);
    QCOMPARE(iface->endpointFlags, endpoint);
    QCOMPARE(result->resolvePort(node + QLatin1Char(':') + ifname), std::optional<int>(port));
    QCOMPARE(result->vlanOfPort(port), std::optional<int>(management ? 3 : result->pathNamed(path)->vlan));
}

void TestLabFile::extraLabsParseWithoutCodeChanges_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("paths");
    QTest::addColumn<int>("nodes");
    QTest::addColumn<QList<int>>("ports");

    QTest::newRow("three paths") << QStringLiteral("three-paths.json") << 3 << 2
                                 << QList<int>({ 1, 2, 3, 10, 11, 12, 20, 21, 22 });
    QTest::newRow("three nodes") << QStringLiteral("three-nodes.json") << 2 << 3
                                 << QList<int>({ 1, 2, 3, 4, 10, 11, 20, 21, 30, 31 });
}

void TestLabFile::extraLabsParseWithoutCodeChanges()
{
    QFETCH(QString, file);
    QFETCH(int, paths);
    QFETCH(int, nodes);
    QFETCH(QList<int>, ports);

    const Result<Lab> result = loadLabFile(kLabs + QLatin1Char('/') + file);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error()));
    QCOMPARE(result->paths.size(), paths);
    QCOMPARE(result->nodes.size(), nodes);
    QCOMPARE(result->usedPorts(), ports);
    for (const PathSpec &path : result->paths)
        QCOMPARE(result->endsOf(path.name).size(), nodes);
}

void TestLabFile::goodSeedVariant_data()
{
    // Values at the edges of what is allowed, and the defaults of optional keys.
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("check");
    QTest::addColumn<QString>("value");

    auto row = [](const char *name, const char *patch, const char *check, const char *value) {
        QTest::newRow(name) << QByteArray(patch) << QString::fromLatin1(check) << QString::fromUtf8(value);
    };
    row("lab name of 12", R"([{"op":"replace","path":"/name","value":"seedtwelve12"}])", "name", "seedtwelve12");
    row("node name of 12", R"([{"op":"replace","path":"/nodes/1/name","value":"Node_B-12345"},
            {"op":"replace","path":"/traffic/server/node","value":"Node_B-12345"}])",
        "node1", "Node_B-12345");
    row("interface name of 15", R"([{"op":"replace","path":"/nodes/0/interfaces/0/name","value":"eth0-path1-abcd"}])",
        "if0", "eth0-path1-abcd");
    row("unlimited rate", R"([{"op":"replace","path":"/paths/0/rate","value":"unlimited"}])", "rate0", "");
    row("rate defaults to unlimited", R"([{"op":"remove","path":"/paths/0/rate"}])", "rate0", "");
    row("fractional rate", R"([{"op":"replace","path":"/paths/0/rate","value":"1.5gbit"}])", "rate0", "1.5gbit");
    row("kind defaults to namespace", R"([{"op":"remove","path":"/nodes/0/kind"}])", "kind0", "namespace");
    row("qemu node", R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"}])", "kind0", "qemu");
    row("mptcp defaults", R"([{"op":"remove","path":"/nodes/0/mptcp"}])", "mptcp0", "upstream 8 8");
    row("legacy profile, no subflows", R"([{"op":"replace","path":"/nodes/0/mptcp","value":
            {"profile":"legacy","subflows":0,"addAddrAccepted":0}}])",
        "mptcp0", "legacy 0 0");
    row("no defaultPath", R"([{"op":"remove","path":"/nodes/0/defaultPath"}])", "defaultPath0", "");
    row("highest table", R"([{"op":"replace","path":"/paths/1/table","value":252}])", "table1", "252");
    row("highest port", R"([{"op":"replace","path":"/nodes/1/interfaces/1/port","value":31}])", "ports",
        "1 2 3 10 11 20 31");
    row("more ports", R"([{"op":"replace","path":"/switch/ports","value":64},
            {"op":"replace","path":"/nodes/1/interfaces/1/port","value":63}])",
        "ports", "1 2 3 10 11 20 63");
    row("highest VLAN", R"([{"op":"replace","path":"/switch/vlans/1","value":4093},
            {"op":"replace","path":"/paths/1/vlan","value":4093}])",
        "vlan1", "4093");
    row("upper-case MAC", R"([{"op":"replace","path":"/nodes/0/interfaces/0/mac","value":"52:54:00:0A:0B:0C"}])",
        "mac0", "52:54:00:0A:0B:0C");
    row("no traffic", R"([{"op":"remove","path":"/traffic"}])", "traffic", "  ");
    row("no description", R"([{"op":"remove","path":"/description"}])", "description", "");
    row("backup endpoint", R"([{"op":"add","path":"/nodes/1/interfaces/0/endpoint","value":["signal","backup"]}])",
        "endpoint3", "signal backup");
    row("/31 point-to-point", R"([{"op":"replace","path":"/nodes/0/interfaces/0/address","value":"10.168.1.0/31"},
            {"op":"replace","path":"/nodes/1/interfaces/0/address","value":"10.168.1.1/31"}])",
        "peer", "10.168.1.1");
    row("failover as shipped", "[]", "failover", "symmetric fastRecovery");
    row("failover defaults", R"([{"op":"remove","path":"/failover"}])", "failover", "symmetric");
    row("tutorial routing", R"([{"op":"replace","path":"/failover","value":{"routing":"tutorial"}}])", "failover",
        "tutorial");
}

void TestLabFile::goodSeedVariant()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, check);
    QFETCH(QString, value);

    const Result<Lab> result = parseLab(patchedSeed(patch), QStringLiteral("patched-seed.json"));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error()));
    const Lab &lab = result.value();
    const QHash<QString, QString> actual = {
        { QStringLiteral("name"), lab.name },
        { QStringLiteral("node1"), lab.nodes[1].name },
        { QStringLiteral("if0"), lab.nodes[0].interfaces[0].name },
        { QStringLiteral("rate0"), lab.paths[0].shaping.rate },
        { QStringLiteral("kind0"), lab.nodes[0].kind },
        { QStringLiteral("mptcp0"),
            QStringLiteral("%1 %2 %3")
                .arg(lab.nodes[0].mptcp.profile)
                .arg(lab.nodes[0].mptcp.subflows)
                .arg(lab.nodes[0].mptcp.addAddrAccepted) },
        { QStringLiteral("defaultPath0"), lab.nodes[0].defaultPath },
        { QStringLiteral("table1"), QString::number(lab.paths[1].routingTable) },
        { QStringLiteral("failover"),
            lab.failover.routing + (lab.failover.fastRecovery ? QStringLiteral(" fastRecovery") : QString()) },
        { QStringLiteral("vlan1"), QString::number(lab.paths[1].vlan) },
        { QStringLiteral("mac0"), lab.nodes[0].interfaces[0].mac },
        { QStringLiteral("traffic"),
            lab.traffic.serverNode + QLatin1Char(' ') + lab.traffic.clientNode + QLatin1Char(' ')
                + lab.traffic.wrapper },
        { QStringLiteral("description"), lab.description },
        { QStringLiteral("endpoint3"), lab.nodes[1].interfaces[0].endpointFlags.join(QLatin1Char(' ')) },
        { QStringLiteral("peer"), lab.peerAddress(QStringLiteral("NodeA"), QStringLiteral("path1")) },
    };
    QString ports;
    for (int port : lab.usedPorts())
        ports += (ports.isEmpty() ? QString() : QStringLiteral(" ")) + QString::number(port);
    QCOMPARE(check == QLatin1String("ports") ? ports : actual.value(check), value);
}

void TestLabFile::syntaxErrorNamesTheLine()
{
    const QString path = kLabs + QLatin1String("/bad/syntax-error.json");
    const Result<Lab> result = loadLabFile(path);
    QVERIFY(!result.ok());
    QVERIFY2(!result.error().contains(QLatin1Char('\n')), qPrintable(result.error()));
    QVERIFY2(
        result.error().startsWith(path + QLatin1String(":5: column 29: not valid JSON: ")), qPrintable(result.error()));
    QVERIFY2(result.error().contains(QLatin1String("(got '")), qPrintable(result.error()));
    QVERIFY2(result.error().contains(QLatin1String("; expected '}'")), qPrintable(result.error()));
}

void TestLabFile::topLevelMustBeAnObject()
{
    const QString path = kLabs + QLatin1String("/bad/not-an-object.json");
    const Result<Lab> result = loadLabFile(path);
    QVERIFY(!result.ok());
    QVERIFY2(
        result.error().startsWith(path + QLatin1String(":1: (top level): a lab file holds one JSON object (got [")),
        qPrintable(result.error()));
    QVERIFY2(result.error().endsWith(QLatin1String("(an array); expected an object starting with \"format\": "
                                                   "\"mptcplab-lab/1\")")),
        qPrintable(result.error()));
}

void TestLabFile::duplicateKeyIsReported()
{
    QByteArray json = readAll(kSeed);
    json.replace("\"deadVlan\": 4,", "\"deadVlan\": 4,\n    \"deadVlan\": 3,");
    const Result<Lab> result = parseLab(json, QStringLiteral("twice.json"));
    QVERIFY(!result.ok());
    QVERIFY2(
        result.error().contains(QLatin1String(
            "twice.json:8: /switch/deadVlan: key given twice in one object (got \"deadVlan\"; expected each key once")),
        qPrintable(result.error()));
}

void TestLabFile::sharedPathHasNoSingleGateway()
{
    QByteArray json = readAll(kLabs + QLatin1String("/three-nodes.json"));
    json.replace("\"name\": \"NodeA\",", "\"name\": \"NodeA\",\n      \"defaultPath\": \"path1\",");
    const Result<Lab> result = parseLab(json, QStringLiteral("shared.json"));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(QLatin1String("shared.json:23: /nodes/0/defaultPath: path has no single gateway "
                                                     "(got \"path1\"; expected a path with exactly two ends")),
        qPrintable(result.error()));
}

void TestLabFile::unreadableFileIsNamed()
{
    QTemporaryDir dir;
    const QString missing = dir.path() + QLatin1String("/missing.json");
    const Result<Lab> result = loadLabFile(missing);
    QVERIFY(!result.ok());
    QVERIFY2(
        result.error().startsWith(missing + QLatin1String(": cannot read the lab file: ")), qPrintable(result.error()));
}

void TestLabFile::deepNestingIsRefused()
{
    // nlohmann parses without recursion; everything after it (line scan, messages) must not recurse either.
    const int depth = 200000;
    const QByteArray json
        = "{\"format\": \"mptcplab-lab/1\", \"nodes\": " + QByteArray(depth, '[') + QByteArray(depth, ']') + "}";
    const Result<Lab> result = parseLab(json, QStringLiteral("deep.json"));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(QLatin1String("deep.json:1: /nodes/0: wrong type (got [[[[...]]]] (an array); "
                                                   "expected an object with name, kind, interfaces)")),
        qPrintable(result.error()));
}
QTEST_GUILESS_MAIN(TestLabFile)
#include "tst_labfile.moc"
