#include "lab/labfile.h"
#include "lab/labmodel.h"

#include <QTest>

using namespace mlab;

namespace {

Lab loadLab(const QString &file)
{
    const QString path = file == QLatin1String("seed") ? QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json")
                                                       : QStringLiteral(MPTCPLAB_FIXTURES_DIR "/labs/") + file;
    Result<Lab> lab = loadLabFile(path);
    if (!lab)
        qFatal("%s", qPrintable(lab.error()));
    return std::move(lab).value();
}

} // namespace

class TestLabModel : public QObject
{
    Q_OBJECT

private slots:
    void resolvePort_data();
    void resolvePort();
    void vlanOfPort_data();
    void vlanOfPort();
    void peerAddress_data();
    void peerAddress();
    void endsOf_data();
    void endsOf();
    void pathEndOnPort_data();
    void pathEndOnPort();
    void lookupsOfUnknownNames();
    void emptyLabUsesNoPorts();
};

void TestLabModel::resolvePort_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("link");
    QTest::addColumn<std::optional<int>>("port");

    const QString seed = QStringLiteral("seed");
    QTest::newRow("NodeA:eth0") << seed << QStringLiteral("NodeA:eth0") << std::optional<int>(10);
    QTest::newRow("NodeB:eth1") << seed << QStringLiteral("NodeB:eth1") << std::optional<int>(21);
    QTest::newRow("management interface") << seed << QStringLiteral("NodeA:eth2") << std::optional<int>(2);
    QTest::newRow("port number") << seed << QStringLiteral("20") << std::optional<int>(20);
    QTest::newRow("host tap port") << seed << QStringLiteral("1") << std::optional<int>(1);
    QTest::newRow("port the lab does not use") << seed << QStringLiteral("5") << std::optional<int>();
    QTest::newRow("unknown node") << seed << QStringLiteral("NodeC:eth0") << std::optional<int>();
    QTest::newRow("unknown interface") << seed << QStringLiteral("NodeA:eth9") << std::optional<int>();
    QTest::newRow("node without interface") << seed << QStringLiteral("NodeA") << std::optional<int>();
    QTest::newRow("empty") << seed << QString() << std::optional<int>();
    QTest::newRow("names are case-sensitive") << seed << QStringLiteral("nodea:eth0") << std::optional<int>();
    QTest::newRow("third path") << QStringLiteral("three-paths.json") << QStringLiteral("NodeB:eth3")
                                << std::optional<int>(22);
    QTest::newRow("third node") << QStringLiteral("three-nodes.json") << QStringLiteral("NodeC:eth1")
                                << std::optional<int>(31);
}

void TestLabModel::resolvePort()
{
    QFETCH(QString, file);
    QFETCH(QString, link);
    QFETCH(std::optional<int>, port);
    QCOMPARE(loadLab(file).resolvePort(link), port);
}

void TestLabModel::vlanOfPort_data()
{
    QTest::addColumn<int>("port");
    QTest::addColumn<std::optional<int>>("vlan");

    QTest::newRow("host tap") << 1 << std::optional<int>(3);
    QTest::newRow("NodeA:eth2") << 2 << std::optional<int>(3);
    QTest::newRow("NodeB:eth2") << 3 << std::optional<int>(3);
    QTest::newRow("NodeA:eth0") << 10 << std::optional<int>(1);
    QTest::newRow("NodeA:eth1") << 11 << std::optional<int>(2);
    QTest::newRow("NodeB:eth0") << 20 << std::optional<int>(1);
    QTest::newRow("NodeB:eth1") << 21 << std::optional<int>(2);
    QTest::newRow("unused port") << 4 << std::optional<int>();
    QTest::newRow("port 0") << 0 << std::optional<int>();
}

void TestLabModel::vlanOfPort()
{
    QFETCH(int, port);
    QFETCH(std::optional<int>, vlan);
    QCOMPARE(loadLab(QStringLiteral("seed")).vlanOfPort(port), vlan);
}

void TestLabModel::peerAddress_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("peer");

    const QString seed = QStringLiteral("seed");
    QTest::newRow("NodeA path1") << seed << QStringLiteral("NodeA") << QStringLiteral("path1")
                                 << QStringLiteral("10.168.1.2");
    QTest::newRow("NodeB path2") << seed << QStringLiteral("NodeB") << QStringLiteral("path2")
                                 << QStringLiteral("10.168.2.1");
    QTest::newRow("unknown path") << seed << QStringLiteral("NodeA") << QStringLiteral("path3") << QString();
    QTest::newRow("node not on the path") << seed << QStringLiteral("NodeC") << QStringLiteral("path1") << QString();
    QTest::newRow("third path") << QStringLiteral("three-paths.json") << QStringLiteral("NodeA")
                                << QStringLiteral("path3") << QStringLiteral("10.168.3.2");
    // A shared path has no single gateway: every node on it is on-link.
    QTest::newRow("shared path") << QStringLiteral("three-nodes.json") << QStringLiteral("NodeA")
                                 << QStringLiteral("path1") << QString();
}

void TestLabModel::peerAddress()
{
    QFETCH(QString, file);
    QFETCH(QString, node);
    QFETCH(QString, path);
    QFETCH(QString, peer);
    QCOMPARE(loadLab(file).peerAddress(node, path), peer);
}

void TestLabModel::endsOf_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("ends");

    QTest::newRow("seed path1") << QStringLiteral("seed") << QStringLiteral("path1")
                                << QStringList { QStringLiteral("NodeA:eth0:10"), QStringLiteral("NodeB:eth0:20") };
    QTest::newRow("seed path2") << QStringLiteral("seed") << QStringLiteral("path2")
                                << QStringList { QStringLiteral("NodeA:eth1:11"), QStringLiteral("NodeB:eth1:21") };
    QTest::newRow("shared path") << QStringLiteral("three-nodes.json") << QStringLiteral("path2")
                                 << QStringList { QStringLiteral("NodeA:eth1:11"), QStringLiteral("NodeB:eth1:21"),
                                        QStringLiteral("NodeC:eth1:31") };
    QTest::newRow("unknown path") << QStringLiteral("seed") << QStringLiteral("path9") << QStringList();
}

void TestLabModel::endsOf()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(QStringList, ends);
    const Lab lab = loadLab(file);
    QStringList actual;
    for (const PathEnd &end : lab.endsOf(path))
        actual << end.node->name + QLatin1Char(':') + end.interface->name + QLatin1Char(':')
                + QString::number(end.interface->switchPort);
    QCOMPARE(actual, ends);
}

void TestLabModel::pathEndOnPort_data()
{
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("end"); // NODE:INTERFACE, empty for none
    QTest::addColumn<QString>("linkName");

    QTest::newRow("NodeA:eth0") << 10 << QStringLiteral("NodeA:eth0") << QStringLiteral("NodeA:eth0");
    QTest::newRow("NodeB:eth1") << 21 << QStringLiteral("NodeB:eth1") << QStringLiteral("NodeB:eth1");
    // A management interface is a node's, but no path's: nothing an unplug may take down.
    QTest::newRow("management interface") << 2 << QString() << QStringLiteral("NodeA:eth2");
    QTest::newRow("host tap") << 1 << QString() << QStringLiteral("1");
    QTest::newRow("unused port") << 4 << QString() << QStringLiteral("4");
}

void TestLabModel::pathEndOnPort()
{
    QFETCH(int, port);
    QFETCH(QString, end);
    QFETCH(QString, linkName);
    const Lab lab = loadLab(QStringLiteral("seed"));
    const std::optional<PathEnd> found = lab.pathEndOnPort(port);
    QCOMPARE(found ? found->node->name + QLatin1Char(':') + found->interface->name : QString(), end);
    QCOMPARE(lab.linkName(port), linkName);
}

void TestLabModel::lookupsOfUnknownNames()
{
    const Lab lab = loadLab(QStringLiteral("seed"));
    QVERIFY(!lab.nodeNamed(QStringLiteral("NodeC")));
    QVERIFY(!lab.pathNamed(QStringLiteral("path3")));
    const NodeSpec *node = lab.nodeNamed(QStringLiteral("NodeB"));
    QVERIFY(node);
    QVERIFY(!node->interfaceNamed(QStringLiteral("eth3")));
    QVERIFY(!node->interfaceOnPath(QStringLiteral("path3")));
    QCOMPARE(node->interfaceOnPath(QStringLiteral("path2"))->name, QStringLiteral("eth1"));
    QCOMPARE(lab.pathNamed(QStringLiteral("path2"))->vlan, 2);
    QVERIFY(!NodeSpec().managementInterface());
}

void TestLabModel::emptyLabUsesNoPorts()
{
    const Lab lab;
    QVERIFY(lab.usedPorts().isEmpty());
    QCOMPARE(lab.vlanOfPort(0), std::optional<int>());
    QCOMPARE(lab.resolvePort(QStringLiteral("0")), std::optional<int>());
}

QTEST_GUILESS_MAIN(TestLabModel)
#include "tst_labmodel.moc"
