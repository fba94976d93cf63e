#include "telemetry/nstatparser.h"

#include "telemetrytest.h"

#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestNstatParser : public QObject
{
    Q_OBJECT

private slots:
    void mptcpCounters_data();
    void mptcpCounters();
    void allCounters();
    void overflowLines_data();
    void overflowLines();
    void garbled_data();
    void garbled();
};

void TestNstatParser::mptcpCounters_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("value");
    QTest::newRow("SYN sent") << u"MPTcpExtMPCapableSYNTX"_s << qint64(2);
    QTest::newRow("joins sent") << u"MPTcpExtMPJoinSynTx"_s << qint64(4);
    QTest::newRow("send window shared") << u"MPTcpExtSndWndShared"_s << qint64(4981);
    QTest::newRow("stale") << u"MPTcpExtSubflowStale"_s << qint64(0);
    QTest::newRow("last line") << u"MPTcpExtWinProbe"_s << qint64(0);
}

void TestNstatParser::mptcpCounters()
{
    QFETCH(QString, name);
    QFETCH(qint64, value);
    const Parsed<QMap<QString, qint64>> parsed = parseNstat(test::readFixture("nstat-mptcp-client.txt"));
    QCOMPARE(parsed.skipped, 0); // "#kernel" is a header, not a bad line
    QCOMPARE(parsed.value.size(), 76);
    QVERIFY(!parsed.value.contains(u"#kernel"_s));
    QVERIFY2(parsed.value.contains(name), qPrintable(name));
    QCOMPARE(parsed.value.value(name), value);
}

void TestNstatParser::allCounters()
{
    const Parsed<QMap<QString, qint64>> parsed = parseNstat(test::readFixture("telemetry-nstat-az.txt"));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.size(), 393);
    QCOMPARE(parsed.value.value(u"IpInReceives"_s), qint64(42174));
    QVERIFY(parsed.value.contains(u"MPTcpExtSubflowStale"_s));
    QVERIFY(parsed.value.contains(u"TcpExtTCPTimeouts"_s));
}

void TestNstatParser::overflowLines_data()
{
    // nstat 6.1 without -a, its history file written in another namespace: a counter below the history's value
    // prints "NAME 0 0.0 (overflow)" (nstat reports no increment), the others their increments.
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("value");
    QTest::newRow("overflow, name fills the column") << u"TcpExtTCPSpuriousRtxHostQueues"_s << qint64(0);
    QTest::newRow("overflow, first line") << u"IpInReceives"_s << qint64(0);
    QTest::newRow("overflow") << u"TcpActiveOpens"_s << qint64(0);
    QTest::newRow("increment") << u"TcpAttemptFails"_s << qint64(3);
    QTest::newRow("increment after overflows") << u"TcpOutRsts"_s << qint64(1);
    QTest::newRow("last line") << u"MPTcpExtWinProbe"_s << qint64(0);
}

void TestNstatParser::overflowLines()
{
    QFETCH(QString, name);
    QFETCH(qint64, value);
    const QByteArray output = test::readFixture("nstat-z-overflow.txt");
    QCOMPARE(output.count("(overflow)"), 49);
    const Parsed<QMap<QString, qint64>> parsed = parseNstat(output);
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.size(), 390);
    QVERIFY2(parsed.value.contains(name), qPrintable(name));
    QCOMPARE(parsed.value.value(name), value);
}

void TestNstatParser::garbled_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("name only") << QByteArray("MPTcpExtSubflowRec");
    QTest::newRow("value not a number") << QByteArray("MPTcpExtSubflowStale  1x  0.0");
    QTest::newRow("rate not a number") << QByteArray("MPTcpExtSubflowStale  1  zz");
    QTest::newRow("two lines run together") << QByteArray("MPTcpExtSubflowStale 1 0.0 MPTcpExtSubflowRecover 1 0.0");
    QTest::newRow("not a name") << QByteArray("12ab 1 0.0");
    QTest::newRow("something else after the rate") << QByteArray("MPTcpExtSubflowStale  1  0.0 (stale)");
    QTest::newRow("overflow without a rate") << QByteArray("MPTcpExtSubflowStale  1 (overflow)");
}

void TestNstatParser::garbled()
{
    QFETCH(QByteArray, line);
    const Parsed<QMap<QString, qint64>> parsed = parseNstat(test::readFixture("nstat-mptcp-client.txt") + line + "\n");
    QCOMPARE(parsed.skipped, 1);
    QCOMPARE(parsed.value.size(), 76);
}

QTEST_GUILESS_MAIN(TestNstatParser)
#include "tst_nstatparser.moc"
