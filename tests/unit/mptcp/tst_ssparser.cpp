#include "mptcp/ssparser.h"

#include "testsupport.h"

#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

namespace {

QString describe(const SsAddress &a)
{
    return a.address + (a.device.isEmpty() ? QString() : u'%' + a.device) + u':' + QString::number(a.port);
}

} // namespace

class TestSsParser : public QObject
{
    Q_OBJECT

private slots:
    void tniMClient();
    void tniTwoPaths();
    void mniServer();
    void mniClientWithoutNetid();
    void plainTcpIsNotASubflow();
    void garbled_data();
    void garbled();
    void address_data();
    void address();
};

void TestSsParser::tniMClient()
{
    const Parsed<SsSnapshot> parsed = parseSs(test::readFixture("ss-tniM-nodeA.txt"));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.tcp.size(), 4);
    QCOMPARE(parsed.value.mptcp.size(), 1);

    const SsTcpSocket &join = parsed.value.tcp[0];
    QCOMPARE(join.state, u"ESTAB"_s);
    QCOMPARE(describe(join.local), u"10.168.2.1%eth1:38315"_s);
    QCOMPARE(describe(join.peer), u"10.168.2.2:5001"_s);
    QCOMPARE(join.sendQ, 2144116);
    QCOMPARE(join.mptcpFlags, u"Jjec"_s);
    QCOMPARE(join.remoteToken, u"4f59d1a2"_s);
    QCOMPARE(join.remoteId, 1);
    QCOMPARE(join.localToken, u"724e7cdf"_s);
    QCOMPARE(join.localId, 2);
    QCOMPARE(join.bytesSent, 76233184);
    QCOMPARE(join.bytesAcked, 64939273);
    QCOMPARE(join.bytesReceived, 0);
    QCOMPARE(join.bytesRetrans, 10725536);
    QCOMPARE(join.rttMs, 8.357);
    QCOMPARE(join.rttVarMs, 0.998);
    QCOMPARE(join.rtoMs, 212.0);
    QCOMPARE(join.cwnd, 262);
    QCOMPARE(join.lost, 10);
    QCOMPARE(join.unacked, 401);
    QCOMPARE(join.backoff, 0);
    QCOMPARE(join.retransmits, 7608); // retrans:10/7608
    QVERIFY(join.isSubflow());
    QVERIFY(!join.isBackup());

    // A fullmesh cross pair on VLAN-isolated paths: stuck in SYN-SENT.
    const SsTcpSocket &cross = parsed.value.tcp[1];
    QCOMPARE(cross.state, u"SYN-SENT"_s);
    QCOMPARE(describe(cross.peer), u"10.168.1.2:5001"_s);
    QCOMPARE(cross.mptcpFlags, u"j"_s);
    QCOMPARE(cross.remoteId, 0);
    QCOMPARE(cross.rtoMs, 1000.0);
    QCOMPARE(cross.cwnd, 1);
    QCOMPARE(cross.rttMs, 0.0);
    QCOMPARE(cross.lost, 1);
    QCOMPARE(cross.retransmits, 1); // the SYN, resent once

    const SsTcpSocket &initial = parsed.value.tcp[2];
    QCOMPARE(describe(initial.local), u"10.168.1.1:50124"_s);
    QCOMPARE(initial.mptcpFlags, u"Mmec"_s);
    QCOMPARE(initial.remoteToken, u"0000"_s);
    QCOMPARE(initial.localId, 0);
    QCOMPARE(initial.bytesReceived, 28);
    QCOMPARE(initial.unacked, 302);
    QCOMPARE(initial.retransmits, 7270); // retrans:0/7270

    const SsMptcpSocket &connection = parsed.value.mptcp[0];
    QCOMPARE(connection.state, u"ESTAB"_s);
    QCOMPARE(connection.token, u"724e7cdf"_s);
    QCOMPARE(connection.subflows, 3);
    QCOMPARE(connection.subflowsMax, 8);
    QCOMPARE(connection.addAddrAccepted, 1);
    QCOMPARE(connection.recvQ, 832);
    QCOMPARE(describe(connection.local), u"10.168.1.1:50124"_s);
}

void TestSsParser::tniTwoPaths()
{
    const Parsed<SsSnapshot> parsed = parseSs(test::readFixture("ss-tni-client-2path.txt"));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.tcp.size(), 6);
    QCOMPARE(parsed.value.mptcp.size(), 0);
    for (const SsTcpSocket &socket : parsed.value.tcp)
        QVERIFY(socket.isSubflow());
    QCOMPARE(describe(parsed.value.tcp[2].local), u"10.99.2.1%x1a2:33457"_s);
    QCOMPARE(parsed.value.tcp[2].bytesAcked, 2083852273);
    QCOMPARE(parsed.value.tcp[3].bytesAcked, 1);
    QCOMPARE(parsed.value.tcp[3].bytesSent, 0);
    QCOMPARE(parsed.value.tcp[5].unacked, 5);
    QCOMPARE(parsed.value.tcp[5].sendQ, 6144);
}

void TestSsParser::mniServer()
{
    const Parsed<SsSnapshot> parsed = parseSs(test::readFixture("ss-Mni-server.txt"));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.tcp.size(), 0);
    QCOMPARE(parsed.value.mptcp.size(), 2);
    const SsMptcpSocket &second = parsed.value.mptcp[1];
    QCOMPARE(describe(second.local), u"10.99.1.2:5201"_s); // [::ffff:10.99.1.2]:5201
    QCOMPARE(describe(second.peer), u"10.99.1.1:47108"_s);
    QCOMPARE(second.recvQ, 9607136);
    QCOMPARE(second.token, u"6cb4eabe"_s);
    QCOMPARE(second.subflows, 2);
    QCOMPARE(second.addAddrSignal, 1);
    QCOMPARE(second.subflowsMax, 2);
}

void TestSsParser::mniClientWithoutNetid()
{
    const Parsed<SsSnapshot> parsed = parseSs(test::readFixture("ss-Mni-nodeA.txt"));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.tcp.size(), 0);
    QCOMPARE(parsed.value.mptcp.size(), 1);
    QCOMPARE(parsed.value.mptcp[0].token, u"724e7cdf"_s);
}

void TestSsParser::plainTcpIsNotASubflow()
{
    const Parsed<SsSnapshot> parsed = parseSs("State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
                                              "ESTAB 0 0 10.168.255.1:22 10.168.255.254:41234\n"
                                              "\t cubic wscale:7,7 rto:204 rtt:0.1/0.05 cwnd:10 bytes_acked:100\n");
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.tcp.size(), 1);
    QVERIFY(!parsed.value.tcp[0].isSubflow());
    QCOMPARE(parsed.value.tcp[0].bytesAcked, 100);
}

void TestSsParser::garbled_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<int>("tcp");
    QTest::addColumn<int>("skipped");

    const QByteArray good = "ESTAB 0 0 10.168.1.1:50124 10.168.1.2:5001\n"
                            "\t rto:204 cwnd:10 tcp-ulp-mptcp flags:Mmec token:0000(id:0)/724e7cdf(id:0) seq:1\n";
    QTest::newRow("token cut short") << good
            + "ESTAB 0 0 10.168.2.1:1 10.168.2.2:5001\n\t rto:204 tcp-ulp-mptcp flags:Jjec token:4f59d1a2(id:1)/724e"
                                     << 1 << 1;
    QTest::newRow("ulp without token") << good + "ESTAB 0 0 10.168.2.1:1 10.168.2.2:5001\n\t rto:204 tcp-ulp-mptcp" << 1
                                       << 1;
    QTest::newRow("socket line cut, its details not counted twice")
        << "ESTAB 0 0 10.168.1.1:501\n\t rto:204 cwnd:1\n" + good << 1 << 1;
    QTest::newRow("bad counter") << good + "ESTAB 0 0 10.168.2.1:1 10.168.2.2:5001\n\t rto:fast cwnd:10\n" << 1 << 1;
    QTest::newRow("bad address") << "ESTAB 0 0 10.168.1:50124 10.168.1.2:5001\n" + good << 1 << 1;
    QTest::newRow("bad queue") << "ESTAB x 0 10.168.1.1:50124 10.168.1.2:5001\n" + good << 1 << 1;
    QTest::newRow("unknown state") << "WEIRD 0 0 10.168.1.1:50124 10.168.1.2:5001\n" + good << 1 << 1;
    QTest::newRow("stray details first") << "\t rto:204 cwnd:1\n" + good << 1 << 1;
    QTest::newRow("error text") << "Cannot open netlink socket: Protocol not supported\n" + good << 1 << 1;
    QTest::newRow("NUL padding") << QByteArray(good).replace("5001\n", "5001\0\0\n") << 1 << 0;
    QTest::newRow("udp netid not ours") << "udp UNCONN 0 0 10.168.1.1:53 0.0.0.0:*\n" + good << 1 << 1;
}

void TestSsParser::garbled()
{
    QFETCH(QByteArray, output);
    QFETCH(int, tcp);
    QFETCH(int, skipped);
    const Parsed<SsSnapshot> parsed = parseSs(output);
    QCOMPARE(parsed.value.tcp.size(), tcp);
    QCOMPARE(parsed.skipped, skipped);
}

void TestSsParser::address_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("expected");
    QTest::newRow("v4") << u"10.168.1.1:50124"_s << true << u"10.168.1.1:50124"_s;
    QTest::newRow("v4 dev") << u"10.168.2.1%eth1:38315"_s << true << u"10.168.2.1%eth1:38315"_s;
    QTest::newRow("v4-mapped") << u"[::ffff:10.99.1.2]:5201"_s << true << u"10.99.1.2:5201"_s;
    QTest::newRow("v6") << u"[fd00::1]:22"_s << true << u"fd00::1:22"_s;
    QTest::newRow("v6 dev outside") << u"[fe80::1]%eth0:22"_s << true << u"fe80::1%eth0:22"_s;
    QTest::newRow("wildcard port") << u"0.0.0.0:*"_s << true << u"0.0.0.0:0"_s;
    QTest::newRow("no port") << u"10.168.1.1"_s << false << QString();
    QTest::newRow("bad port") << u"10.168.1.1:http"_s << false << QString();
    QTest::newRow("unclosed bracket") << u"[fd00::1:22"_s << false << QString();
    QTest::newRow("junk after bracket") << u"[fd00::1]x:22"_s << false << QString();
    QTest::newRow("bad address") << u"10.168.1:22"_s << false << QString();
}

void TestSsParser::address()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, expected);
    SsAddress address;
    QCOMPARE(parseSsAddress(text, address), valid);
    if (valid)
        QCOMPARE(describe(address), expected);
}

QTEST_GUILESS_MAIN(TestSsParser)
#include "tst_ssparser.moc"
