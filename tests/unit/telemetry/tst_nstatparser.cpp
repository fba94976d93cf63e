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

void TestNstatParser::garbled_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("name only") << QByteArray("MPTcpExtSubflowRec");
    QTest::newRow("value not a number") << QByteArray("MPTcpExtSubflowStale  1x  0.0");
    QTest::newRow("rate not a number") << QByteArray("MPTcpExtSubflowStale  1  zz");
    QTest::newRow("two lines run together") << QByteArray("MPTcpExtSubflowStale 1 0.0 MPTcpExtSubflowRecover 1 0.0");
    QTest::newRow("not a name") << QByteArray("12ab 1 0.0");
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
