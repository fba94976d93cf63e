#include "telemetry/procnetdev.h"
#include "telemetry/rates.h"

#include "telemetrytest.h"

#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestPathThroughput : public QObject
{
    Q_OBJECT

private slots:
    void bothNodesSumRx();
    void staleNodeStopsCounting();
    void switchPorts();
    void realCaptureFromNodeB();
    void bunchedArrivalsUseTheNodesClock();
};

namespace {

CounterSample counters(const QString &node, qint64 atMs, qint64 eth0Rx, qint64 eth1Rx, qint64 eth2Rx = 0)
{
    // tx is set to junk: only rx may count, or every frame would count twice.
    return CounterSample { node, atMs, 0,
        { { u"lo"_s, 999999, 1, 999999, 1 }, { u"eth0"_s, eth0Rx, 1, 77777777, 1 },
            { u"eth1"_s, eth1Rx, 1, 7777777, 1 }, { u"eth2"_s, eth2Rx, 1, 0, 0 } } };
}

QMap<QString, double> byName(const QList<SeriesPoint> &points)
{
    QMap<QString, double> out;
    for (const SeriesPoint &p : points)
        out.insert(p.name, p.value);
    return out;
}

} // namespace

void TestPathThroughput::bothNodesSumRx()
{
    PathThroughput paths(test::seedLab());
    QVERIFY(paths.addCounters(counters(u"NodeA"_s, 0, 0, 0)).isEmpty()); // primes only
    QVERIFY(paths.addCounters(counters(u"NodeB"_s, 10, 0, 0)).isEmpty());
    // NodeA receives the acks (1 Mbit/s on each path), NodeB the data (40 and 20 Mbit/s); eth2 is management.
    const QMap<QString, double> a = byName(paths.addCounters(counters(u"NodeA"_s, 100, 12500, 12500, 5000000)));
    QCOMPARE(a.value(u"path/path1"_s), 1e6); // NodeB has no rate yet
    const QMap<QString, double> b = byName(paths.addCounters(counters(u"NodeB"_s, 110, 500000, 250000)));
    QCOMPARE(b.size(), 3);
    QCOMPARE(b.value(u"path/path1"_s), 41e6);
    QCOMPARE(b.value(u"path/path2"_s), 21e6);
    QCOMPARE(b.value(u"total"_s), 62e6);
}

void TestPathThroughput::staleNodeStopsCounting()
{
    PathThroughput paths(test::seedLab(), 1000);
    paths.addCounters(counters(u"NodeA"_s, 0, 0, 0));
    paths.addCounters(counters(u"NodeB"_s, 0, 0, 0));
    paths.addCounters(counters(u"NodeA"_s, 100, 125000, 0));
    paths.addCounters(counters(u"NodeB"_s, 100, 125000, 0));
    // NodeA's sampler goes quiet; two seconds later its last rate must not be added forever.
    const QMap<QString, double> later = byName(paths.addCounters(counters(u"NodeB"_s, 2100, 125000 + 250000, 0)));
    QCOMPARE(later.value(u"path/path1"_s), 1e6);
}

void TestPathThroughput::switchPorts()
{
    PathThroughput paths(test::seedLab());
    auto sample = [](qint64 atMs, qint64 p10, qint64 p20, qint64 p11, qint64 p21) {
        return SwitchSample { atMs,
            { { 2, 3, true, 0, atMs * 1000 }, { 10, 1, true, 0, p10 }, { 20, 1, true, 0, p20 }, { 11, 2, true, 0, p11 },
                { 21, 2, true, 0, p21 } } };
    };
    QVERIFY(paths.addSwitch(sample(0, 0, 0, 0, 0)).isEmpty());
    const QMap<QString, double> got = byName(paths.addSwitch(sample(100, 12500, 625000, 0, 12500)));
    QCOMPARE(got.value(u"switch/path/path1"_s), 51e6);
    QCOMPARE(got.value(u"switch/path/path2"_s), 1e6);
    QCOMPARE(got.value(u"switch/total"_s), 52e6); // port 2 (management) left out
}

void TestPathThroughput::bunchedArrivalsUseTheNodesClock()
{
    // Read on the node 100 ms apart, received 1 ms apart (a busy host): the rate is over the node's 100 ms.
    PathThroughput paths(test::seedLab());
    CounterSample first = counters(u"NodeB"_s, 1000, 0, 0);
    first.nodeClockMs = 50000;
    CounterSample second = counters(u"NodeB"_s, 1001, 625000, 625000); // 50 Mbit/s each over 100 ms
    second.nodeClockMs = 50100;
    QVERIFY(paths.addCounters(first).isEmpty());
    const QList<SeriesPoint> points = paths.addCounters(second);
    const QMap<QString, double> got = byName(points);
    QCOMPARE(got.value(u"path/path1"_s), 50e6);
    QCOMPARE(got.value(u"total"_s), 100e6);
    QCOMPARE(points.first().atMs, 1001); // stamped when it arrived, on the host's clock like every series

    // Two readings in one 10 ms step of the node's clock give no rate; the next one covers both intervals.
    CounterSample sameTick = counters(u"NodeB"_s, 1050, 650000, 650000);
    sameTick.nodeClockMs = 50100;
    QVERIFY(paths.addCounters(sameTick).isEmpty());
    CounterSample third = counters(u"NodeB"_s, 1101, 1250000, 1250000);
    third.nodeClockMs = 50200;
    QCOMPARE(byName(paths.addCounters(third)).value(u"path/path2"_s), 50e6);
}

void TestPathThroughput::realCaptureFromNodeB()
{
    // Data flows NodeA -> NodeB, so NodeB's rx is the data direction: ~50 Mbit/s per path (50mbit tbf).
    const test::Capture capture = test::readCapture("telemetry-counters-break.txt");
    PathThroughput paths(test::seedLab());
    QList<double> path1Before, path2Before, path1During, path2During;
    for (const test::CaptureBlock &block : capture.blocks) {
        const Parsed<QList<InterfaceCounters>> parsed = parseProcNetDev(block.text);
        const QMap<QString, double> got
            = byName(paths.addCounters(CounterSample { u"NodeB"_s, block.atMs, 0, parsed.value }));
        if (got.isEmpty())
            continue;
        QCOMPARE(got.value(u"total"_s), got.value(u"path/path1"_s) + got.value(u"path/path2"_s));
        const qint64 t = block.atMs - capture.breakAtMs;
        if (t > -1500 && t < -100) {
            path1Before.append(got.value(u"path/path1"_s));
            path2Before.append(got.value(u"path/path2"_s));
        } else if (t > 1000 && block.atMs < capture.restoreAtMs) {
            path1During.append(got.value(u"path/path1"_s));
            path2During.append(got.value(u"path/path2"_s));
        }
    }
    QVERIFY(path1Before.size() >= 10);
    QVERIFY(path1During.size() >= 30);
    for (double v : path1Before)
        QVERIFY2(v > 35e6 && v < 65e6, qPrintable(QString::number(v)));
    for (double v : path2Before)
        QVERIFY2(v > 35e6 && v < 65e6, qPrintable(QString::number(v)));
    for (double v : path1During)
        QCOMPARE(v, 0.0); // the cut path delivers nothing
    for (double v : path2During)
        QVERIFY2(v > 35e6, qPrintable(QString::number(v)));
}

QTEST_GUILESS_MAIN(TestPathThroughput)
#include "tst_paththroughput.moc"
