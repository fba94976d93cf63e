#include "mptcp/mptcpprofile.h"

#include "mptcp/legacyprofile.h"
#include "testsupport.h"

#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

namespace {

QStringList render(const QList<Command> &commands)
{
    QStringList lines;
    for (const Command &command : commands)
        lines << (command.mayFail ? u"[may fail] "_s : QString()) + command.toShell();
    return lines;
}

const QByteArray documentedMultipathTable = "Index, Address-ID, Backup, IP-address\n"
                                            "IPv4, next v4-index: 4\n"
                                            "1, 2, 0, 10.168.1.1\n"
                                            "2, 3, 0, 10.168.2.1\n"
                                            "IPv6, next v6-index: 0\n";

} // namespace

class TestMptcpProfile : public QObject
{
    Q_OBJECT

private slots:
    void lookup();
    void configure_data();
    void configure();
    void inspect();
    void commandsHaveReasons();
    void upstreamAcceptsFixtures_data();
    void upstreamAcceptsFixtures();
    void upstreamRejects_data();
    void upstreamRejects();
    void legacyModes();
    void legacyCheck_data();
    void legacyCheck();
};

void TestMptcpProfile::lookup()
{
    QVERIFY(mptcpProfile(u"upstream"_s));
    QCOMPARE(mptcpProfile(u"upstream"_s)->name(), u"upstream"_s);
    QVERIFY(mptcpProfile(u"legacy"_s));
    QCOMPARE(mptcpProfile(u"legacy"_s)->name(), u"legacy"_s);
    QCOMPARE(mptcpProfile(u"Upstream"_s), nullptr);
    QCOMPARE(mptcpProfile(QString()), nullptr);
    QCOMPARE(mptcpProfileNames(), (QStringList { u"upstream"_s, u"legacy"_s }));
}

void TestMptcpProfile::configure_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("upstream NodeA") << u"upstream"_s << u"NodeA"_s
                                    << QStringList {
                                           u"sysctl -w net.mptcp.enabled=1"_s,
                                           u"ip mptcp limits set subflows 8 add_addr_accepted 8"_s,
                                           u"ip mptcp endpoint flush"_s,
                                           u"ip mptcp endpoint add 10.168.1.1 dev eth0 subflow fullmesh"_s,
                                           u"ip mptcp endpoint add 10.168.2.1 dev eth1 subflow fullmesh"_s,
                                       };
    QTest::newRow("upstream NodeB") << u"upstream"_s << u"NodeB"_s
                                    << QStringList {
                                           u"sysctl -w net.mptcp.enabled=1"_s,
                                           u"ip mptcp limits set subflows 8 add_addr_accepted 8"_s,
                                           u"ip mptcp endpoint flush"_s,
                                           u"ip mptcp endpoint add 10.168.2.2 dev eth1 signal"_s,
                                       };
    QTest::newRow("legacy NodeA") << u"legacy"_s << u"NodeA"_s
                                  << QStringList {
                                         u"sysctl -w net.mptcp.mptcp_enabled=1"_s,
                                         u"sysctl -w net.mptcp.mptcp_path_manager=fullmesh"_s,
                                         u"multipath eth2 off"_s,
                                         u"multipath eth0 on"_s,
                                         u"multipath eth1 on"_s,
                                     };
    QTest::newRow("legacy NodeB") << u"legacy"_s << u"NodeB"_s
                                  << QStringList {
                                         u"sysctl -w net.mptcp.mptcp_enabled=1"_s,
                                         u"sysctl -w net.mptcp.mptcp_path_manager=fullmesh"_s,
                                         u"multipath eth2 off"_s,
                                         u"multipath eth0 on"_s,
                                         u"multipath eth1 on"_s,
                                     };
}

void TestMptcpProfile::configure()
{
    QFETCH(QString, profile);
    QFETCH(QString, node);
    QFETCH(QStringList, expected);
    const Lab lab = test::seedLab();
    const NodeSpec *spec = lab.nodeNamed(node);
    QVERIFY(spec);
    const QList<Command> commands = mptcpProfile(profile)->configure(lab, *spec);
    QCOMPARE(render(commands), expected);
    for (const Command &command : commands)
        QCOMPARE(command.where, node);
}

void TestMptcpProfile::inspect()
{
    const Lab lab = test::seedLab();
    QCOMPARE(render(mptcpProfile(u"upstream"_s)->inspect(lab.nodes[0])),
        (QStringList { u"ip mptcp endpoint show"_s, u"ip mptcp limits show"_s, u"sysctl -n net.mptcp.enabled"_s }));
    QCOMPARE(render(mptcpProfile(u"legacy"_s)->inspect(lab.nodes[1])),
        (QStringList { u"multipath -f"_s, u"cat /proc/sys/net/mptcp/mptcp_enabled"_s }));
}

void TestMptcpProfile::commandsHaveReasons()
{
    const Lab lab = test::seedLab();
    for (const QString &name : mptcpProfileNames()) {
        for (const NodeSpec &node : lab.nodes) {
            const MptcpProfile *profile = mptcpProfile(name);
            for (const Command &command : profile->configure(lab, node) + profile->inspect(node))
                QVERIFY2(!command.why.isEmpty(), qPrintable(command.toShell()));
        }
    }
}

void TestMptcpProfile::upstreamAcceptsFixtures_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("endpointFixture");
    QTest::newRow("NodeA") << u"NodeA"_s << u"ip-mptcp-endpoint-nodeA.txt"_s;
    QTest::newRow("NodeB") << u"NodeB"_s << u"ip-mptcp-endpoint-nodeB.txt"_s;
}

void TestMptcpProfile::upstreamAcceptsFixtures()
{
    QFETCH(QString, node);
    QFETCH(QString, endpointFixture);
    const Lab lab = test::seedLab();
    const Status status
        = mptcpProfile(u"upstream"_s)
              ->check(*lab.nodeNamed(node),
                  { test::readFixture(qPrintable(endpointFixture)), test::readFixture("ip-mptcp-limits.txt"), "1\n" });
    QVERIFY2(status.ok(), qPrintable(status.error()));
}

void TestMptcpProfile::upstreamRejects_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<QByteArray>("endpoints");
    QTest::addColumn<QByteArray>("limits");
    QTest::addColumn<QByteArray>("enabled");
    QTest::addColumn<QString>("expectedMessage");

    const QByteArray nodeA = test::readFixture("ip-mptcp-endpoint-nodeA.txt");
    const QByteArray limits = test::readFixture("ip-mptcp-limits.txt");
    QTest::newRow("missing endpoint")
        << u"NodeA"_s << QByteArray("10.168.1.1 id 1 subflow fullmesh dev eth0 \n") << limits << QByteArray("1")
        << u"NodeA eth1: expected MPTCP endpoint 10.168.2.1 dev eth1 with flags \"subflow fullmesh\", but `ip mptcp "
           u"endpoint show` lists none for 10.168.2.1"_s;
    QTest::newRow("wrong flag")
        << u"NodeB"_s << QByteArray("10.168.2.2 id 1 subflow dev eth1 \n") << limits << QByteArray("1")
        << u"NodeB eth1: endpoint 10.168.2.2 should have flags \"signal\", found flags \"subflow\""_s;
    QTest::newRow("wrong device") << u"NodeB"_s << QByteArray("10.168.2.2 id 1 signal dev eth0 \n") << limits
                                  << QByteArray("1")
                                  << u"NodeB eth1: endpoint 10.168.2.2 should be bound to dev eth1, found dev eth0"_s;
    QTest::newRow("unexpected endpoint")
        << u"NodeB"_s << QByteArray("10.168.2.2 id 1 signal dev eth1 \n10.168.255.2 id 2 signal dev eth2 \n") << limits
        << QByteArray("1")
        << u"NodeB: unexpected MPTCP endpoint \"10.168.255.2 id 2 signal dev eth2\"; the lab file asks for none on "
           u"10.168.255.2"_s;
    QTest::newRow("no endpoints at all")
        << u"NodeB"_s << QByteArray() << limits << QByteArray("1")
        << u"NodeB eth1: expected MPTCP endpoint 10.168.2.2 dev eth1 with flags \"signal\", but `ip mptcp endpoint "
           u"show` lists none for 10.168.2.2"_s;
    QTest::newRow("low limit") << u"NodeA"_s << nodeA << QByteArray("add_addr_accepted 8 subflows 2 \n")
                               << QByteArray("1") << u"NodeA: MPTCP limit subflows should be 8, found 2"_s;
    QTest::newRow("limit not shown") << u"NodeA"_s << nodeA << QByteArray("subflows 8 \n") << QByteArray("1")
                                     << u"NodeA: MPTCP limit add_addr_accepted should be 8, but `ip mptcp limits "
                                        u"show` does not report it"_s;
    QTest::newRow("mptcp off") << u"NodeA"_s << nodeA << limits << QByteArray("0\n")
                               << u"NodeA: net.mptcp.enabled should be 1, found \"0\""_s;
}

void TestMptcpProfile::upstreamRejects()
{
    QFETCH(QString, node);
    QFETCH(QByteArray, endpoints);
    QFETCH(QByteArray, limits);
    QFETCH(QByteArray, enabled);
    QFETCH(QString, expectedMessage);
    const Lab lab = test::seedLab();
    const Status status = mptcpProfile(u"upstream"_s)->check(*lab.nodeNamed(node), { endpoints, limits, enabled });
    QVERIFY(!status.ok());
    QCOMPARE(status.error(), expectedMessage);
}

void TestMptcpProfile::legacyModes()
{
    const Lab lab = test::seedLab();
    InterfaceSpec backup = lab.nodes[0].interfaces[1];
    backup.endpointFlags = { u"subflow"_s, u"backup"_s };
    QCOMPARE(LegacyProfile::modeFor(backup), u"backup"_s);
    QCOMPARE(LegacyProfile::modeFor(lab.nodes[1].interfaces[0]), u"on"_s); // no endpoint flags: still MPTCP
    QCOMPARE(LegacyProfile::modeFor(lab.nodes[0].interfaces[2]), u"off"_s);

    Lab withBackup = lab;
    withBackup.nodes[0].interfaces[1] = backup;
    QCOMPARE(render(mptcpProfile(u"legacy"_s)->configure(withBackup, withBackup.nodes[0])).last(),
        u"multipath eth1 backup"_s);
}

void TestMptcpProfile::legacyCheck_data()
{
    QTest::addColumn<QByteArray>("table");
    QTest::addColumn<QByteArray>("enabled");
    QTest::addColumn<bool>("wantBackupOnEth1");
    QTest::addColumn<QString>("expectedError"); // empty = accepted

    QTest::newRow("documented table") << documentedMultipathTable << QByteArray("1\n") << false << QString();
    QTest::newRow("disabled") << documentedMultipathTable << QByteArray("0\n") << false
                              << u"NodeA: /proc/sys/net/mptcp/mptcp_enabled should be 1, found \"0\""_s;
    QTest::newRow("missing address") << QByteArray("Index, Address-ID, Backup, IP-address\nIPv4, next v4-index: 2\n"
                                                   "1, 2, 0, 10.168.1.1\nIPv6, next v6-index: 0\n")
                                     << QByteArray("1") << false
                                     << u"NodeA eth1: expected 10.168.2.1 in `multipath -f` (mode on), but it is not "
                                        u"listed"_s;
    QTest::newRow("backup expected") << documentedMultipathTable << QByteArray("1") << true
                                     << u"NodeA eth1: 10.168.2.1 should have Backup 1, found 0"_s;
    QTest::newRow("management not off")
        << QByteArray(documentedMultipathTable).replace("IPv6", "3, 4, 0, 10.168.255.1\nIPv6") << QByteArray("1")
        << false << u"NodeA eth2: 10.168.255.1 should be off for MPTCP, but `multipath -f` lists it"_s;
    QTest::newRow("garbled row ignored but reported")
        << QByteArray("Index, Address-ID, Backup, IP-address\nIPv4, next v4-index: 3\n1, 2, 0, 10.168.1.1\n2, 3, 0, "
                      "10.168.2\nIPv6, next v6-index: 0\n")
        << QByteArray("1") << false
        << u"NodeA eth1: expected 10.168.2.1 in `multipath -f` (mode on), but it is not listed; NodeA: 1 line(s) "
           u"of `multipath -f` were not understood"_s;
}

void TestMptcpProfile::legacyCheck()
{
    QFETCH(QByteArray, table);
    QFETCH(QByteArray, enabled);
    QFETCH(bool, wantBackupOnEth1);
    QFETCH(QString, expectedError);
    Lab lab = test::seedLab();
    if (wantBackupOnEth1)
        lab.nodes[0].interfaces[1].endpointFlags << u"backup"_s;
    const Status status = mptcpProfile(u"legacy"_s)->check(lab.nodes[0], { table, enabled });
    if (expectedError.isEmpty()) {
        QVERIFY2(status.ok(), qPrintable(status.error()));
    } else {
        QVERIFY(!status.ok());
        QCOMPARE(status.error(), expectedError);
    }
}

QTEST_GUILESS_MAIN(TestMptcpProfile)
#include "tst_mptcpprofile.moc"
