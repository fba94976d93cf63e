#include "mptcp/endpoints.h"

#include "testsupport.h"

#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

namespace {

// "ADDR id N flags... dev IF port P" for one compact comparison per endpoint.
QStringList render(const QList<MptcpEndpoint> &endpoints)
{
    QStringList lines;
    for (const MptcpEndpoint &e : endpoints)
        lines << u"%1 id %2 [%3] dev %4 port %5"_s.arg(e.address).arg(e.id).arg(e.flags.join(u' '), e.dev).arg(e.port);
    return lines;
}

} // namespace

class TestEndpointParser : public QObject
{
    Q_OBJECT

private slots:
    void endpoints_data();
    void endpoints();
    void limits_data();
    void limits();
    void multipathTable_data();
    void multipathTable();
};

void TestEndpointParser::endpoints_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("skipped");

    QTest::newRow("fixture NodeA") << test::readFixture("ip-mptcp-endpoint-nodeA.txt")
                                   << QStringList { u"10.168.1.1 id 1 [subflow fullmesh] dev eth0 port 0"_s,
                                          u"10.168.2.1 id 2 [subflow fullmesh] dev eth1 port 0"_s }
                                   << 0;
    QTest::newRow("fixture NodeB") << test::readFixture("ip-mptcp-endpoint-nodeB.txt")
                                   << QStringList { u"10.168.2.2 id 1 [signal] dev eth1 port 0"_s } << 0;
    QTest::newRow("empty") << QByteArray() << QStringList() << 0;
    QTest::newRow("no dev, port, v6, backup")
        << QByteArray("10.0.0.1 id 3 signal \nfd00::1 port 5201 id 4 signal backup dev eth3 \n")
        << QStringList { u"10.0.0.1 id 3 [signal] dev  port 0"_s, u"fd00::1 id 4 [signal backup] dev eth3 port 5201"_s }
        << 0;
    QTest::newRow("garbled and truncated lines skipped")
        << (test::readFixture("ip-mptcp-endpoint-nodeA.txt")
               + "Error: unknown command \"show\"\n10.168.3.1 id\n10.168.4.1 signal dev eth4\n10.168.5.1 id 5 dev\n"
                 "999.1.1.1 id 6 signal\n10.168.6.1 id x signal\n")
        << QStringList { u"10.168.1.1 id 1 [subflow fullmesh] dev eth0 port 0"_s,
               u"10.168.2.1 id 2 [subflow fullmesh] dev eth1 port 0"_s }
        << 6;
}

void TestEndpointParser::endpoints()
{
    QFETCH(QByteArray, output);
    QFETCH(QStringList, expected);
    QFETCH(int, skipped);
    const Parsed<QList<MptcpEndpoint>> parsed = parseEndpoints(output);
    QCOMPARE(render(parsed.value), expected);
    QCOMPARE(parsed.skipped, skipped);
}

void TestEndpointParser::limits_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<int>("subflows"); // -1 = not reported
    QTest::addColumn<int>("addAddrAccepted");
    QTest::addColumn<int>("skipped");

    QTest::newRow("fixture") << test::readFixture("ip-mptcp-limits.txt") << 8 << 8 << 0;
    QTest::newRow("other order") << QByteArray("subflows 2 add_addr_accepted 0\n") << 2 << 0 << 0;
    QTest::newRow("empty") << QByteArray() << -1 << -1 << 0;
    QTest::newRow("truncated") << QByteArray("add_addr_accepted 8 subflows\n") << -1 << -1 << 1;
    QTest::newRow("garbled value") << QByteArray("add_addr_accepted 8 subflows eight\n") << -1 << -1 << 1;
    QTest::newRow("unknown key kept apart")
        << QByteArray("add_addr_accepted 4 subflows 3 future_limit 9\n") << 3 << 4 << 0;
    QTest::newRow("error message") << QByteArray("Error: mptcp is not supported\n") << -1 << -1 << 1;
}

void TestEndpointParser::limits()
{
    QFETCH(QByteArray, output);
    QFETCH(int, subflows);
    QFETCH(int, addAddrAccepted);
    QFETCH(int, skipped);
    const Parsed<MptcpLimits> parsed = parseLimits(output);
    QCOMPARE(parsed.value.subflows.value_or(-1), subflows);
    QCOMPARE(parsed.value.addAddrAccepted.value_or(-1), addAddrAccepted);
    QCOMPARE(parsed.skipped, skipped);
}

void TestEndpointParser::multipathTable_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QStringList>("expected"); // "v4|v6 index id backup address"
    QTest::addColumn<int>("skipped");

    // The table as DOMAIN.md documents it; no out-of-tree kernel can be booted here to capture one.
    const QByteArray documented = "Index, Address-ID, Backup, IP-address\n"
                                  "IPv4, next v4-index: 4\n"
                                  "1, 2, 0, 10.168.1.1\n"
                                  "2, 3, 0, 10.168.2.1\n"
                                  "IPv6, next v6-index: 0\n";
    QTest::newRow("documented") << documented << QStringList { u"v4 1 2 0 10.168.1.1"_s, u"v4 2 3 0 10.168.2.1"_s }
                                << 0;
    QTest::newRow("v6 and backup") << QByteArray("Index, Address-ID, Backup, IP-address\nIPv4, next v4-index: 1\n"
                                                 "0, 1, 1, 10.0.0.1\nIPv6, next v6-index: 1\n0, 2, 0, fd00::1\n")
                                   << QStringList { u"v4 0 1 1 10.0.0.1"_s, u"v6 0 2 0 fd00::1"_s } << 0;
    QTest::newRow("garbled") << QByteArray("1, 2, 0, 10.0.0.9\nIPv4, next v4-index: 4\n1, 2, 0\n1, 2, 7, 10.0.0.1\n"
                                           "x, 2, 0, 10.0.0.2\n3, 4, 0, fd00::3\n4, 5, 0, 10.0.0.4\n")
                             << QStringList { u"v4 4 5 0 10.0.0.4"_s } << 5;
}

void TestEndpointParser::multipathTable()
{
    QFETCH(QByteArray, output);
    QFETCH(QStringList, expected);
    QFETCH(int, skipped);
    const Parsed<QList<LegacyAddress>> parsed = parseMultipathTable(output);
    QStringList rows;
    for (const LegacyAddress &row : parsed.value)
        rows << u"%1 %2 %3 %4 %5"_s.arg(row.ipv6 ? u"v6"_s : u"v4"_s)
                    .arg(row.index)
                    .arg(row.addressId)
                    .arg(row.backup ? 1 : 0)
                    .arg(row.address);
    QCOMPARE(rows, expected);
    QCOMPARE(parsed.skipped, skipped);
}

QTEST_GUILESS_MAIN(TestEndpointParser)
#include "tst_endpointparser.moc"
