#include "mptcp/iperfparser.h"

#include "testsupport.h"

#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestIperfParser : public QObject
{
    Q_OBJECT

private slots:
    void fixtures_data();
    void fixtures();
    void clientBreak();
    void line_data();
    void line();
    void garbledLinesAreCounted();
};

void TestIperfParser::fixtures_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("intervals"); // including the summary
    QTest::addColumn<double>("summaryEnd");
    QTest::addColumn<double>("summaryBitsPerSecond");

    QTest::newRow("client") << u"iperf2-client-e.txt"_s << 13 << 6.0344 << 397e6;
    QTest::newRow("server") << u"iperf2-server-e.txt"_s << 13 << 6.0258 << 397e6;
    QTest::newRow("client 2 paths") << u"iperf2-client-e-2path.txt"_s << 6 << 2.8359 << 33.7e6;
}

void TestIperfParser::fixtures()
{
    QFETCH(QString, fixture);
    QFETCH(int, intervals);
    QFETCH(double, summaryEnd);
    QFETCH(double, summaryBitsPerSecond);
    const Parsed<QList<IperfInterval>> parsed = parseIperf(test::readFixture(qPrintable(fixture)));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.size(), intervals);
    for (qsizetype i = 0; i + 1 < parsed.value.size(); ++i) {
        QVERIFY2(!parsed.value[i].summary, qPrintable(QString::number(i)));
        QCOMPARE(parsed.value[i].id, 1);
        QCOMPARE(parsed.value[i].start, 0.5 * double(i));
    }
    const IperfInterval &summary = parsed.value.last();
    QVERIFY(summary.summary);
    QCOMPARE(summary.start, 0.0);
    QCOMPARE(summary.end, summaryEnd);
    QCOMPARE(summary.bitsPerSecond, summaryBitsPerSecond);
}

void TestIperfParser::clientBreak()
{
    // The link break in the capture: 1 s with next to nothing, then the surviving path.
    const Parsed<QList<IperfInterval>> parsed = parseIperf(test::readFixture("iperf2-client-e.txt"));
    QCOMPARE(parsed.value[5].bytes, 0);
    QCOMPARE(parsed.value[5].bitsPerSecond, 0.0);
    QCOMPARE(parsed.value[8].bytes, 32 * 1024);
    QCOMPARE(parsed.value[8].bitsPerSecond, 524e3);
    QCOMPARE(parsed.value[11].bitsPerSecond, 1.39e9);
}

void TestIperfParser::line_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("id");
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("end");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<double>("bitsPerSecond");

    QTest::newRow("-e client") << QByteArray(
        "[  1] 0.5000-1.0000 sec  18.2 MBytes   305 Mbits/sec  146/0   191  322K/2266(263) us  16815")
                               << true << 1 << 0.5 << 1.0 << qint64(18.2 * 1024 * 1024 + 0.5) << 305e6;
    QTest::newRow("-e server") << QByteArray(
        "[  1] 3.5000-4.0000 sec  32.0 KBytes   524 Kbits/sec  24=24:0:0:0:0:0:0:0")
                               << true << 1 << 3.5 << 4.0 << qint64(32 * 1024) << 524e3;
    QTest::newRow("plain, GBytes") << QByteArray("[  3]  0.0-10.0 sec  1.10 GBytes   943 Mbits/sec") << true << 3 << 0.0
                                   << 10.0 << qint64(1.10 * 1024 * 1024 * 1024 + 0.5) << 943e6;
    QTest::newRow("sum") << QByteArray("[SUM] 0.0000-0.5000 sec  10.0 MBytes   168 Mbits/sec") << true << -1 << 0.0
                         << 0.5 << qint64(10 * 1024 * 1024) << 168e6;
    QTest::newRow("byte rate") << QByteArray("[  1] 0.0-1.0 sec  1.00 MBytes  1.00 MBytes/sec") << true << 1 << 0.0
                               << 1.0 << qint64(1024 * 1024) << 8.0 * 1024 * 1024;
    QTest::newRow("header") << QByteArray("[ ID] Interval            Transfer    Bandwidth       Reads=Dist") << false
                            << 0 << 0.0 << 0.0 << qint64(0) << 0.0;
    QTest::newRow("connected") << QByteArray(
        "[  1] local 10.168.1.1%eth0 port 50124 connected with 10.168.1.2 port 5001")
                               << false << 0 << 0.0 << 0.0 << qint64(0) << 0.0;
    QTest::newRow("cut in rate") << QByteArray("[  1] 0.5000-1.0000 sec  18.2 MBytes   305 Mbi") << false << 0 << 0.0
                                 << 0.0 << qint64(0) << 0.0;
    QTest::newRow("end before start") << QByteArray("[  1] 2.0-1.0 sec  1.00 MBytes  8.00 Mbits/sec") << false << 0
                                      << 0.0 << 0.0 << qint64(0) << 0.0;
}

void TestIperfParser::line()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    const std::optional<IperfInterval> interval = parseIperfInterval(line);
    QCOMPARE(interval.has_value(), valid);
    if (!valid)
        return;
    QFETCH(int, id);
    QFETCH(double, start);
    QFETCH(double, end);
    QFETCH(qint64, bytes);
    QFETCH(double, bitsPerSecond);
    QCOMPARE(interval->id, id);
    QCOMPARE(interval->start, start);
    QCOMPARE(interval->end, end);
    QCOMPARE(interval->bytes, bytes);
    QCOMPARE(interval->bitsPerSecond, bitsPerSecond);
}

void TestIperfParser::garbledLinesAreCounted()
{
    QByteArray output = test::readFixture("iperf2-client-e-2path.txt");
    output.replace("[  1] 1.0000-1.5000 sec  1.78 MBytes  29.9 Mbits/sec", "[  1] 1.0000-1.5000 sec  1.78 MByt");
    output.append("[  1] 3.0000-3.5");
    const Parsed<QList<IperfInterval>> parsed = parseIperf(output);
    QCOMPARE(parsed.skipped, 2);
    QCOMPARE(parsed.value.size(), 5);
    QVERIFY(parsed.value.last().summary);
}

QTEST_GUILESS_MAIN(TestIperfParser)
#include "tst_iperfparser.moc"
