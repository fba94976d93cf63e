#include "engine/telemetryhub.h"

#include "engine/historyjson.h"
#include "telemetry/procnetdev.h"
#include "telemetry/rates.h"

#include "telemetry/telemetrytest.h"

#include <QTest>

#include <algorithm>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestTelemetryHub : public QObject
{
    Q_OBJECT

private slots:
    void everyPointOnceAcrossBatches_data();
    void everyPointOnceAcrossBatches();
    void everyEventOnceAcrossBatches();
};

namespace {

// NodeB's real /proc/net/dev counters, every ~100 ms during a run with a break.
QList<CounterSample> nodeBCounters()
{
    QList<CounterSample> samples;
    for (const test::CaptureBlock &block : test::readCapture("telemetry-counters-break.txt").blocks) {
        const Parsed<QList<InterfaceCounters>> parsed = parseProcNetDev(block.text);
        if (parsed.skipped != 0)
            qFatal("counter fixture has %d lines the parser skipped", parsed.skipped);
        samples.append(CounterSample { u"NodeB"_s, block.atMs, 0, parsed.value });
    }
    return samples;
}

QList<MptcpEventSample> monitorEvents(const char *fixture, const QString &node)
{
    const Parsed<QList<MptcpEvent>> parsed = parseMonitor(test::readFixture(fixture));
    if (parsed.skipped != 0)
        qFatal("monitor fixture %s has %d lines the parser skipped", fixture, parsed.skipped);
    QList<MptcpEventSample> samples;
    for (const MptcpEvent &event : parsed.value)
        samples.append(MptcpEventSample { node, 0, event });
    return samples;
}

// What a subscriber pieces together from the batches it got, series by series.
void collect(const QJsonObject &batch, QMap<QString, QList<TimePoint>> &received)
{
    const QJsonObject series = batch.value(u"series"_s).toObject();
    for (auto it = series.begin(); it != series.end(); ++it)
        received[it.key()] += seriesFromJson(batch, it.key());
}

} // namespace

void TestTelemetryHub::everyPointOnceAcrossBatches_data()
{
    QTest::addColumn<int>("blockSize"); // samples the sampler hands over at once
    QTest::addColumn<qint64>("lateMs"); // from the newest sample's stamp to its delivery
    QTest::addColumn<qint64>("batchEveryMs"); // 0: a batch stamped with each delivery's own time

    QTest::newRow("one at a time, on time") << 1 << qint64(0) << qint64(200);
    QTest::newRow("blocks of three span a batch") << 3 << qint64(150) << qint64(200);
    QTest::newRow("block older than the last batch") << 4 << qint64(450) << qint64(200);
    QTest::newRow("batch at a sample's own stamp") << 1 << qint64(0) << qint64(0);
    QTest::newRow("block ending at the batch's stamp") << 2 << qint64(0) << qint64(0);
}

void TestTelemetryHub::everyPointOnceAcrossBatches()
{
    QFETCH(int, blockSize);
    QFETCH(qint64, lateMs);
    QFETCH(qint64, batchEveryMs);
    const QList<CounterSample> samples = nodeBCounters();

    // What the hub's store should end up with: the same samples through the same rate code.
    QMap<QString, QList<TimePoint>> expected;
    PathThroughput reference(test::seedLab());
    for (const CounterSample &sample : samples) {
        for (const SeriesPoint &point : reference.addCounters(sample))
            expected[point.name].append(TimePoint { point.atMs, point.value });
    }
    QCOMPARE(expected.size(), 3); // path/path1, path/path2, total

    TelemetryHub hub(test::seedLab());
    QMap<QString, QList<TimePoint>> received;
    qint64 nextBatchMs = samples.first().atMs;
    int batches = 0;
    for (qsizetype first = 0; first < samples.size(); first += blockSize) {
        const qsizetype end = std::min<qsizetype>(first + blockSize, samples.size());
        const qint64 deliveredMs = samples.at(end - 1).atMs + lateMs;
        // The batch timer fires while the block is still on its way.
        while (batchEveryMs > 0 && nextBatchMs < deliveredMs) {
            collect(hub.takeBatch(nextBatchMs), received);
            nextBatchMs += batchEveryMs;
            ++batches;
        }
        for (qsizetype i = first; i < end; ++i)
            hub.onCounters(samples.at(i));
        if (batchEveryMs == 0) {
            collect(hub.takeBatch(deliveredMs), received);
            ++batches;
        }
    }
    collect(hub.takeBatch(samples.last().atMs + lateMs + 1000), received);
    QVERIFY(batches > 10);

    QCOMPARE(received.keys(), expected.keys());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const QList<TimePoint> &got = received.value(it.key());
        QCOMPARE(got.size(), it->size()); // none lost, none twice
        QCOMPARE(got, *it); // and in order
    }
}

void TestTelemetryHub::everyEventOnceAcrossBatches()
{
    // Two nodes' monitors: NodeB's lines reach the hub 300 ms late, so they arrive after batches that are
    // already past their stamps, and some are stamped exactly at a batch's time.
    QList<MptcpEventSample> nodeA = monitorEvents("ip-mptcp-monitor.txt", u"NodeA"_s);
    QList<MptcpEventSample> nodeB = monitorEvents("ip-mptcp-monitor-server.txt", u"NodeB"_s);
    for (qsizetype i = 0; i < nodeA.size(); ++i)
        nodeA[i].atMs = 10000 + i * 100;
    for (qsizetype i = 0; i < nodeB.size(); ++i)
        nodeB[i].atMs = 10000 + i * 50;

    TelemetryHub hub(test::seedLab());
    QList<LabEvent> received;
    qsizetype a = 0;
    qsizetype b = 0;
    for (qint64 now = 10000; now <= 12000; now += 100) {
        while (a < nodeA.size() && nodeA.at(a).atMs <= now)
            hub.onMptcpEvent(nodeA.at(a++));
        while (b < nodeB.size() && nodeB.at(b).atMs + 300 <= now)
            hub.onMptcpEvent(nodeB.at(b++));
        const QList<LabEvent> batch = eventsFromJson(hub.takeBatch(now));
        QVERIFY(std::is_sorted(
            batch.cbegin(), batch.cend(), [](const LabEvent &x, const LabEvent &y) { return x.atMs < y.atMs; }));
        received += batch;
    }
    QCOMPARE(a, nodeA.size());
    QCOMPARE(b, nodeB.size());

    QCOMPARE(received.size(), nodeA.size() + nodeB.size());
    auto byTimeNodeText = [](const LabEvent &x, const LabEvent &y) {
        return std::tie(x.atMs, x.node, x.text) < std::tie(y.atMs, y.node, y.text);
    };
    std::sort(received.begin(), received.end(), byTimeNodeText);
    QList<LabEvent> expected = eventsFromJson(hub.history(0));
    std::sort(expected.begin(), expected.end(), byTimeNodeText);
    QCOMPARE(expected.size(), nodeA.size() + nodeB.size());
    QCOMPARE(received, expected);
}

QTEST_GUILESS_MAIN(TestTelemetryHub)
#include "tst_telemetryhub.moc"
