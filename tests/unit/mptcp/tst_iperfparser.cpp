#include "mptcp/iperfparser.h"

#include "testsupport.h"

#include <QHash>
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
    void formats_data();
    void formats();
    void rows_data();
    void rows();
    void csvEndpoints();
    void csvIntervalsAddUpToSummary();
    void csvBreakHasZeroIntervals_data();
    void csvBreakHasZeroIntervals();
    void mixedFormats();
    void damagedLines_data();
    void damagedLines();
    void junkNeverCrashes();
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
    // Real lines from the lab (iperf 2.1.8 -y C with -e and with -P 2; iperf3 3.12 -P 2 client).
    QTest::newRow("csv -e, ms timestamp")
        << QByteArray("20261125181124.277,10.168.1.1,53390,10.168.1.2,5001,1,0.0-0.5,7340092,117441472") << true << 1
        << 0.0 << 0.5 << qint64(7340092) << 117441472.0;
    QTest::newRow("csv -P 2, stream 2") << QByteArray(
        "20261125181141,10.168.1.1,38370,10.168.1.2,5001,2,1.0-1.2,131072,5368640")
                                        << true << 2 << 1.0 << 1.2 << qint64(131072) << 5368640.0;
    QTest::newRow("iperf3 sum") << QByteArray("[SUM]   0.50-1.00   sec  5.24 MBytes  88.0 Mbits/sec    0             ")
                                << true << -1 << 0.5 << 1.0 << qint64(5.24 * 1024 * 1024 + 0.5) << 88e6;
    QTest::newRow("iperf3 connected") << QByteArray(
        "[  5] local 10.168.1.1 port 55404 connected to 10.168.1.2 port 5201")
                                      << false << 0 << 0.0 << 0.0 << qint64(0) << 0.0;
    QTest::newRow("iperf3 separator") << QByteArray("- - - - - - - - - - - - - - - - - - - - - - - - -") << false << 0
                                      << 0.0 << 0.0 << qint64(0) << 0.0;
    QTest::newRow("csv cut in rate") << QByteArray(
        "20261125181215,10.168.1.1,56922,10.168.1.2,5001,1,0.0-0.5,7209020,1153")
                                     << false << 0 << 0.0 << 0.0 << qint64(0) << 0.0;
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

// The lab captures in every shape: how many rows, and that the summaries are exactly the last ones.
void TestIperfParser::formats_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("intervals"); // including the summaries
    QTest::addColumn<int>("summaries");

    QTest::newRow("iperf2 csv client, break") << u"iperf2-client-yC.txt"_s << 18 << 1;
    QTest::newRow("iperf2 csv server, break") << u"iperf2-server-yC.txt"_s << 18 << 1;
    QTest::newRow("iperf3 client") << u"iperf3-client.txt"_s << 8 << 2; // sender and receiver
    QTest::newRow("iperf3 server") << u"iperf3-server.txt"_s << 8 << 1; // receiver only
    QTest::newRow("iperf3 client -P 2") << u"iperf3-client-P2.txt"_s << 12 << 6; // 2 streams + SUM, both sides
    QTest::newRow("iperf3 server -P 2") << u"iperf3-server-P2.txt"_s << 12 << 3;
}

void TestIperfParser::formats()
{
    QFETCH(QString, fixture);
    QFETCH(int, intervals);
    QFETCH(int, summaries);
    const Parsed<QList<IperfInterval>> parsed = parseIperf(test::readFixture(qPrintable(fixture)));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.size(), intervals);
    // Each stream's intervals follow on without gaps until its summary.
    QHash<int, double> lastEnd;
    for (qsizetype i = 0; i < parsed.value.size(); ++i) {
        const IperfInterval &row = parsed.value[i];
        QVERIFY2(row.summary == (i >= intervals - summaries), qPrintable(QString::number(i)));
        if (row.summary) {
            QCOMPARE(row.start, 0.0);
            continue;
        }
        QCOMPARE(row.start, lastEnd.value(row.id, 0.0));
        lastEnd.insert(row.id, row.end);
    }
}

void TestIperfParser::rows_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("id");
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("end");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<double>("bitsPerSecond");
    QTest::addColumn<bool>("summary");
    QTest::addColumn<int>("side");
    QTest::addColumn<int>("retransmits");
    QTest::addColumn<qint64>("congestionWindow");

    const int unknown = int(IperfSide::Unknown);
    const int sender = int(IperfSide::Sender);
    const int receiver = int(IperfSide::Receiver);
    const QString csvClient = u"iperf2-client-yC.txt"_s;
    const QString csvServer = u"iperf2-server-yC.txt"_s;
    QTest::newRow("csv client first") << csvClient << 0 << 1 << 0.0 << 0.5 << qint64(7209020) << 115344320.0 << false
                                      << unknown << -1 << qint64(-1);
    QTest::newRow("csv client short last")
        << csvClient << 16 << 1 << 8.0 << 8.3 << qint64(131072) << 4171411.0 << false << unknown << -1 << qint64(-1);
    QTest::newRow("csv client summary") << csvClient << 17 << 1 << 0.0 << 8.3 << qint64(69397868) << 67283712.0 << true
                                        << unknown << -1 << qint64(-1);
    QTest::newRow("csv server after break")
        << csvServer << 6 << 1 << 3.0 << 3.5 << qint64(395112) << 6321792.0 << false << unknown << -1 << qint64(-1);
    QTest::newRow("csv server summary") << csvServer << 17 << 1 << 0.0 << 8.2 << qint64(69397868) << 67366613.0 << true
                                        << unknown << -1 << qint64(-1);

    const QString client = u"iperf3-client.txt"_s;
    const QString server = u"iperf3-server.txt"_s;
    QTest::newRow("iperf3 client first") << client << 0 << 5 << 0.0 << 0.5 << qint64(6.80 * 1024 * 1024 + 0.5) << 114e6
                                         << false << unknown << 0 << qint64(48.1 * 1024 + 0.5);
    QTest::newRow("iperf3 client 1.0") << client << 2 << 5 << 1.0 << 1.5 << qint64(6.58 * 1024 * 1024 + 0.5) << 110e6
                                       << false << unknown << 0 << qint64(53.7 * 1024 + 0.5);
    QTest::newRow("iperf3 client sender") << client << 6 << 5 << 0.0 << 3.0 << qint64(35.5 * 1024 * 1024 + 0.5)
                                          << 99.3e6 << true << sender << 0 << qint64(-1);
    QTest::newRow("iperf3 client receiver") << client << 7 << 5 << 0.0 << 3.0 << qint64(33.5 * 1024 * 1024 + 0.5)
                                            << 93.6e6 << true << receiver << -1 << qint64(-1);
    QTest::newRow("iperf3 server first") << server << 0 << 5 << 0.0 << 0.5 << qint64(5.30 * 1024 * 1024 + 0.5) << 89.0e6
                                         << false << unknown << -1 << qint64(-1);
    QTest::newRow("iperf3 server empty last") << server << 6 << 5 << 3.0 << 3.0 << qint64(26.4 * 1024 + 0.5) << 46.4e6
                                              << false << unknown << -1 << qint64(-1);
    QTest::newRow("iperf3 server receiver") << server << 7 << 5 << 0.0 << 3.0 << qint64(33.5 * 1024 * 1024 + 0.5)
                                            << 93.6e6 << true << receiver << -1 << qint64(-1);

    const QString clientP2 = u"iperf3-client-P2.txt"_s;
    const QString serverP2 = u"iperf3-server-P2.txt"_s;
    QTest::newRow("iperf3 -P 2 stream 7") << clientP2 << 1 << 7 << 0.0 << 0.5 << qint64(3.87 * 1024 * 1024 + 0.5)
                                          << 64.9e6 << false << unknown << 0 << qint64(59.4 * 1024 + 0.5);
    QTest::newRow("iperf3 -P 2 sum") << clientP2 << 2 << -1 << 0.0 << 0.5 << qint64(7.96 * 1024 * 1024 + 0.5) << 134e6
                                     << false << unknown << 0 << qint64(-1);
    QTest::newRow("iperf3 -P 2 sum sender") << clientP2 << 10 << -1 << 0.0 << 1.0 << qint64(13.2 * 1024 * 1024 + 0.5)
                                            << 111e6 << true << sender << 0 << qint64(-1);
    QTest::newRow("iperf3 -P 2 sum receiver") << clientP2 << 11 << -1 << 0.0 << 1.01 << qint64(11.3 * 1024 * 1024 + 0.5)
                                              << 93.8e6 << true << receiver << -1 << qint64(-1);
    QTest::newRow("iperf3 -P 2 server tail sum")
        << serverP2 << 8 << -1 << 1.0 << 1.01 << qint64(191 * 1024) << 128e6 << false << unknown << -1 << qint64(-1);
}

void TestIperfParser::rows()
{
    QFETCH(QString, fixture);
    QFETCH(int, row);
    QFETCH(int, id);
    QFETCH(double, start);
    QFETCH(double, end);
    QFETCH(qint64, bytes);
    QFETCH(double, bitsPerSecond);
    QFETCH(bool, summary);
    QFETCH(int, side);
    QFETCH(int, retransmits);
    QFETCH(qint64, congestionWindow);
    const Parsed<QList<IperfInterval>> parsed = parseIperf(test::readFixture(qPrintable(fixture)));
    QVERIFY(row < parsed.value.size());
    const IperfInterval &interval = parsed.value[row];
    QCOMPARE(interval.id, id);
    QCOMPARE(interval.start, start);
    QCOMPARE(interval.end, end);
    QCOMPARE(interval.bytes, bytes);
    QCOMPARE(interval.bitsPerSecond, bitsPerSecond);
    QCOMPARE(interval.summary, summary);
    QCOMPARE(int(interval.side), side);
    QCOMPARE(interval.retransmits, retransmits);
    QCOMPARE(interval.congestionWindow, congestionWindow);
}

void TestIperfParser::csvEndpoints()
{
    // iperf 2.1.8 names the connection client first on both sides; text lines carry no endpoints.
    for (const char *fixture : { "iperf2-client-yC.txt", "iperf2-server-yC.txt" }) {
        const Parsed<QList<IperfInterval>> parsed = parseIperf(test::readFixture(fixture));
        for (const IperfInterval &interval : parsed.value) {
            QCOMPARE(interval.localAddress, u"10.168.1.1"_s);
            QCOMPARE(interval.localPort, quint16(56922));
            QCOMPARE(interval.remoteAddress, u"10.168.1.2"_s);
            QCOMPARE(interval.remotePort, quint16(5001));
        }
    }
    const IperfInterval text = parseIperf(test::readFixture("iperf3-client.txt")).value.first();
    QVERIFY(text.localAddress.isEmpty());
    QCOMPARE(text.localPort, quint16(0));
}

void TestIperfParser::csvIntervalsAddUpToSummary()
{
    // CSV bytes are exact, so the intervals sum to the summary to the byte on both sides.
    for (const char *fixture : { "iperf2-client-yC.txt", "iperf2-server-yC.txt" }) {
        const QList<IperfInterval> rows = parseIperf(test::readFixture(fixture)).value;
        qint64 total = 0;
        for (qsizetype i = 0; i + 1 < rows.size(); ++i)
            total += rows[i].bytes;
        QCOMPARE(total, rows.last().bytes);
    }
}

void TestIperfParser::csvBreakHasZeroIntervals_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QList<int>>("zeroRows");
    QTest::addColumn<int>("firstRecovered"); // first row back above 40 Mbit/s on the other path

    // Path 1 was cut about 2.2 s in and restored 2 s later; MPTCP moved to path 2 (50 Mbit/s)
    // within a second, then back to both paths after the restore.
    QTest::newRow("client") << u"iperf2-client-yC.txt"_s << QList<int> { 6 } << 7;
    QTest::newRow("server") << u"iperf2-server-yC.txt"_s << QList<int> { 5 } << 7;
}

void TestIperfParser::csvBreakHasZeroIntervals()
{
    QFETCH(QString, fixture);
    QFETCH(QList<int>, zeroRows);
    QFETCH(int, firstRecovered);
    const QList<IperfInterval> rows = parseIperf(test::readFixture(qPrintable(fixture))).value;
    QList<int> zeros;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows[i].bytes == 0) {
            QCOMPARE(rows[i].bitsPerSecond, 0.0);
            zeros << int(i);
        }
    }
    QCOMPARE(zeros, zeroRows);
    QCOMPARE(rows[zeroRows.first()].start, 0.5 * zeroRows.first());
    QVERIFY(rows[firstRecovered - 1].bitsPerSecond < 40e6);
    QVERIFY(rows[firstRecovered].bitsPerSecond > 40e6);
}

void TestIperfParser::mixedFormats()
{
    // One stream of output holding all three shapes, as a log of several runs would.
    const QByteArray output = test::readFixture("iperf2-client-e.txt") + test::readFixture("iperf2-client-yC.txt")
        + test::readFixture("iperf3-client.txt");
    const Parsed<QList<IperfInterval>> parsed = parseIperf(output);
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.size(), 13 + 18 + 8);
    QList<qsizetype> summaries;
    for (qsizetype i = 0; i < parsed.value.size(); ++i) {
        if (parsed.value[i].summary)
            summaries << i;
    }
    QCOMPARE(summaries, (QList<qsizetype> { 12, 30, 37, 38 }));
    QCOMPARE(parsed.value[13].bytes, 7209020);
    QCOMPARE(parsed.value[31].id, 5);
}

void TestIperfParser::damagedLines_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QByteArray>("line"); // a real line of the fixture
    QTest::addColumn<QByteArray>("damaged");
    QTest::addColumn<int>("intervals"); // left after the damage

    QTest::newRow("csv cut in rate") << u"iperf2-client-yC.txt"_s << QByteArray("0.5-1.0,6029312,96468992")
                                     << QByteArray("0.5-1.0,6029312,964") << 17;
    QTest::newRow("csv cut in bytes") << u"iperf2-client-yC.txt"_s << QByteArray("0.5-1.0,6029312,96468992")
                                      << QByteArray("0.5-1.0,602") << 17;
    QTest::newRow("csv cut in interval") << u"iperf2-server-yC.txt"_s << QByteArray("3.0-3.5,395112,6321792")
                                         << QByteArray("3.0-3.") << 17;
    QTest::newRow("csv bad port") << u"iperf2-server-yC.txt"_s << QByteArray("10.168.1.2,5001,1,3.0-3.5")
                                  << QByteArray("10.168.1.2,99999,1,3.0-3.5") << 17;
    QTest::newRow("csv zero bytes, rate")
        << u"iperf2-server-yC.txt"_s << QByteArray("2.5-3.0,0,0") << QByteArray("2.5-3.0,0,500") << 17;
    QTest::newRow("iperf3 cut in unit") << u"iperf3-client.txt"_s
                                        << QByteArray("0.50-1.00   sec  5.27 MBytes  88.5 Mbits/sec")
                                        << QByteArray("0.50-1.00   sec  5.27 MBy") << 7;
    QTest::newRow("iperf3 cut in sender")
        << u"iperf3-client.txt"_s << QByteArray("0.00-3.00   sec  35.5 MBytes  99.3 Mbits/sec")
        << QByteArray("0.00-3.00   sec  35.5 MBytes  99.3") << 7;
}

void TestIperfParser::damagedLines()
{
    QFETCH(QString, fixture);
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, damaged);
    QFETCH(int, intervals);
    QByteArray output = test::readFixture(qPrintable(fixture));
    QCOMPARE(output.count(line), 1);
    output.replace(line, damaged);
    const Parsed<QList<IperfInterval>> parsed = parseIperf(output);
    QCOMPARE(parsed.skipped, 1);
    QCOMPARE(parsed.value.size(), intervals);
}

void TestIperfParser::junkNeverCrashes()
{
    // Output cut anywhere, or binary noise in it: never a crash, never a made-up row.
    const QByteArray whole = test::readFixture("iperf2-client-yC.txt") + test::readFixture("iperf3-client-P2.txt");
    const int rows = int(parseIperf(whole).value.size());
    for (qsizetype cut = 0; cut <= whole.size(); ++cut) {
        const Parsed<QList<IperfInterval>> parsed = parseIperf(whole.left(cut));
        QVERIFY(parsed.value.size() <= rows);
        QVERIFY(parsed.skipped <= 1);
    }
    QByteArray noise;
    for (int i = 0; i < 4096; ++i)
        noise.append(char((i * 131 + 7) % 256));
    noise += "\n[SUM]\n[  5]  \n20261125181215,\n,,,,,,,,,\n[  5] 1e308-1e309 sec";
    const Parsed<QList<IperfInterval>> parsed = parseIperf(noise);
    QVERIFY(parsed.value.isEmpty());
}

QTEST_GUILESS_MAIN(TestIperfParser)
#include "tst_iperfparser.moc"
