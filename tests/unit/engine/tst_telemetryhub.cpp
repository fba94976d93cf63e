#include "engine/telemetryhub.h"

#include "engine/historyjson.h"
#include "telemetry/procnetdev.h"
#include "telemetry/rates.h"

#include "telemetry/telemetrytest.h"

#include <QDeadlineTimer>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <limits>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestTelemetryHub : public QObject
{
    Q_OBJECT

private slots:
    void everyPointOnceAcrossBatches_data();
    void everyPointOnceAcrossBatches();
    void everyEventOnceAcrossBatches();
    void listenerEventsByName();
    void capNotedOnce_data();
    void capNotedOnce();
    void closedSubflowSeriesExpire();
    void historyPages_data();
    void historyPages();
    void historyFromAnotherThread();
    void historyWithoutPastSubflowTables();
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

SubflowSample subflowSample(qint64 atMs, const QByteArray &ssOutput)
{
    const Parsed<SsSnapshot> parsed = parseSs(ssOutput);
    if (parsed.skipped != 0)
        qFatal("ss fixture has %d lines the parser skipped", parsed.skipped);
    return SubflowSample { u"NodeA"_s, atMs, parsed.value };
}

QStringList seriesNames(const TelemetryHub &hub, const QString &prefix)
{
    QStringList names = hub.history(0).value(u"series"_s).toObject().keys();
    names.removeIf([&](const QString &name) { return !name.startsWith(prefix); });
    return names;
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

void TestTelemetryHub::listenerEventsByName()
{
    // iproute2 6.1 prints the kernel's listener events by number: "[UNKNOWN 15]", "[UNKNOWN 16]".
    TelemetryHub hub(test::seedLab());
    for (const MptcpEventSample &event : monitorEvents("ip-mptcp-monitor-server.txt", u"NodeB"_s))
        hub.onMptcpEvent(event);
    const QList<LabEvent> events = eventsFromJson(hub.takeBatch(0));
    QCOMPARE(events.size(), 12);
    QCOMPARE(events.first().text, u"LISTENER_CREATED"_s);
    QCOMPARE(events.last().text, u"LISTENER_CLOSED"_s);
    for (const LabEvent &event : events)
        QVERIFY2(!event.text.contains(u"UNKNOWN"_s), qPrintable(event.text));
}

void TestTelemetryHub::capNotedOnce_data()
{
    QTest::addColumn<int>("pointsPerSeries");
    QTest::addColumn<int>("maxSeries");
    QTest::addColumn<QString>("cap");
    QTest::addColumn<qsizetype>("seriesKept");
    QTest::addColumn<qsizetype>("pointsKept"); // of path/path1
    // NodeB's counters make path/path1, path/path2 and total, ~200 points each.
    QTest::newRow("series") << TimeSeriesStore::DefaultCapacity << 2 << u"series"_s << qsizetype(2) << qsizetype(-1);
    QTest::newRow("points per series") << 16 << TimeSeriesStore::DefaultMaxSeries << u"pointsPerSeries"_s
                                       << qsizetype(3) << qsizetype(16);
}

void TestTelemetryHub::capNotedOnce()
{
    QFETCH(int, pointsPerSeries);
    QFETCH(int, maxSeries);
    QFETCH(QString, cap);
    QFETCH(qsizetype, seriesKept);
    QFETCH(qsizetype, pointsKept);
    TelemetryHub hub(test::seedLab(), TelemetryHub::StoreLimits { pointsPerSeries, maxSeries });
    QList<LabEvent> notes;
    const QList<CounterSample> samples = nodeBCounters();
    for (qsizetype i = 0; i < samples.size(); ++i) {
        hub.onCounters(samples.at(i));
        if (i % 5 == 4) {
            for (const LabEvent &event : eventsFromJson(hub.takeBatch(samples.at(i).atMs))) {
                if (event.kind == u"note"_s)
                    notes.append(event);
            }
        }
    }
    QCOMPARE(notes.size(), 1); // the cap dropped points all along; a person needs to hear it once
    QCOMPARE(notes.first().detail.value(u"cap"_s).toString(), cap);
    QCOMPARE(notes.first().detail.value(u"limit"_s).toInt(), cap == u"series"_s ? maxSeries : pointsPerSeries);
    QVERIFY2(notes.first().text.contains(QString::number(notes.first().detail.value(u"limit"_s).toInt())),
        qPrintable(notes.first().text));
    const QJsonObject series = hub.history(0).value(u"series"_s).toObject();
    QCOMPARE(series.size(), seriesKept);
    if (pointsKept >= 0)
        QCOMPARE(series.value(u"path/path1"_s).toArray().size(), pointsKept);
}

void TestTelemetryHub::closedSubflowSeriesExpire()
{
    // NodeA's real ss snapshots during a run, then the run is over: ss prints its header and no socket.
    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    TelemetryHub hub(test::seedLab());
    for (const test::CaptureBlock &block : capture.blocks)
        hub.onSubflows(subflowSample(block.atMs, block.text));
    const QStringList during = seriesNames(hub, u"subflow/"_s);
    QVERIFY(during.size() >= 2);

    const QByteArray header = capture.blocks.first().text.left(capture.blocks.first().text.indexOf('\n') + 1);
    const qint64 endMs = capture.blocks.last().atMs;
    hub.onSubflows(subflowSample(endMs + 1000, header));
    QVERIFY(!hub.subflowTable().isEmpty()); // closed, still shown
    hub.onSubflows(subflowSample(endMs + 60000, header));
    QVERIFY(hub.subflowTable().isEmpty()); // gone from the table (SubflowModel keepClosedMs)...
    QCOMPARE(seriesNames(hub, u"subflow/"_s), during); // ...but a late client's history still shows them
    hub.onSubflows(subflowSample(endMs + TelemetryHub::ClosedSubflowSeriesKeepMs + 1000, header));
    QVERIFY(seriesNames(hub, u"subflow/"_s).isEmpty());
}

void TestTelemetryHub::historyPages_data()
{
    QTest::addColumn<int>("maxPoints");
    QTest::addColumn<bool>("truncated");
    QTest::newRow("one point, three series per stamp") << 1 << true; // a page must still move on
    QTest::newRow("small pages") << 50 << true;
    QTest::newRow("large pages") << 400 << true;
    QTest::newRow("default bound") << TelemetryHub::DefaultHistoryMaxPoints << false;
}

void TestTelemetryHub::historyPages()
{
    QFETCH(int, maxPoints);
    QFETCH(bool, truncated);
    TelemetryHub hub(test::seedLab());
    const QList<CounterSample> samples = nodeBCounters();
    for (const CounterSample &sample : samples)
        hub.onCounters(sample);
    // Events on the same clock: some share stamps with points, one comes before every point.
    QList<MptcpEventSample> events = monitorEvents("ip-mptcp-monitor-server.txt", u"NodeB"_s);
    for (qsizetype i = 0; i < events.size(); ++i) {
        events[i].atMs = samples.at(i * 15).atMs - (i == 0 ? 1000 : 0);
        hub.onMptcpEvent(events.at(i));
    }

    const QJsonObject whole = hub.history(0, std::numeric_limits<int>::max());
    QCOMPARE(whole.value(u"truncated"_s).toBool(), false);
    QVERIFY(!whole.contains(u"nextSinceMs"_s));
    qsizetype wholePoints = 0;
    const QJsonObject wholeSeries = whole.value(u"series"_s).toObject();
    for (const QJsonValue &points : wholeSeries)
        wholePoints += points.toArray().size();
    QCOMPARE(wholePoints, 3 * (samples.size() - 1));

    QJsonObject paged;
    qint64 sinceMs = 0;
    int pages = 0;
    for (;;) {
        const QJsonObject page = hub.history(sinceMs, maxPoints);
        qsizetype points = 0;
        for (const QJsonValue &series : page.value(u"series"_s).toObject())
            points += series.toArray().size();
        // Whole stamps only: a page passes maxPoints by less than one point per series.
        QVERIFY2(points < qsizetype(maxPoints) + wholeSeries.size(), qPrintable(QString::number(points)));
        appendHistoryPage(paged, page);
        ++pages;
        if (!page.value(u"truncated"_s).toBool())
            break;
        const qint64 next = page.value(u"nextSinceMs"_s).toInteger();
        QVERIFY(next > sinceMs);
        sinceMs = next;
        QVERIFY(pages < 10000);
    }
    QCOMPARE(pages > 1, truncated);
    for (auto it = wholeSeries.begin(); it != wholeSeries.end(); ++it)
        QCOMPARE(seriesFromJson(paged, it.key()), seriesFromJson(whole, it.key())); // each point once, in order
    QCOMPARE(paged.value(u"series"_s).toObject().keys(), wholeSeries.keys());
    QCOMPARE(eventsFromJson(paged), eventsFromJson(whole));
    QCOMPARE(eventsFromJson(whole).size(), events.size());
}

void TestTelemetryHub::historyWithoutPastSubflowTables()
{
    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    TelemetryHub hub(test::seedLab());
    for (const test::CaptureBlock &block : capture.blocks)
        hub.onSubflows(subflowSample(block.atMs, block.text));
    const QJsonObject with = hub.history(0);
    const QJsonObject without
        = hub.history(0, TelemetryHub::DefaultHistoryMaxPoints, TelemetryHub::SubflowTables::Left);
    QVERIFY(with.value(u"subflowHistory"_s).toArray().size() >= 2);
    QVERIFY(without.value(u"subflowHistory"_s).toArray().isEmpty());
    // Everything else is the same: the points, the events and the table of now.
    for (const QString &key : { u"series"_s, u"events"_s, u"subflows"_s })
        QCOMPARE(without.value(key), with.value(key));
}

void TestTelemetryHub::historyFromAnotherThread()
{
    // The engine's API thread (or a worker) reads the history while the telemetry thread writes.
    TelemetryHub hub(test::seedLab());
    const QList<CounterSample> samples = nodeBCounters();
    std::atomic<bool> done = false;
    std::atomic<int> reads = 0;
    std::atomic<int> bad = 0;
    std::unique_ptr<QThread> reader(QThread::create([&] {
        while (!done) {
            const QJsonObject page = hub.history(0, 100);
            for (const QString &name : page.value(u"series"_s).toObject().keys()) {
                const QList<TimePoint> points = seriesFromJson(page, name);
                bad += std::is_sorted(points.cbegin(), points.cend(),
                           [](const TimePoint &x, const TimePoint &y) { return x.atMs < y.atMs; })
                    ? 0
                    : 1;
            }
            ++reads;
        }
    }));
    reader->start();
    // Write until the reader has read a while too: on a loaded machine its thread can start late.
    const QDeadlineTimer deadline(30000);
    for (int round = 0; round < 20 || (reads.load() < 20 && !deadline.hasExpired()); ++round) {
        for (CounterSample sample : samples) {
            sample.atMs += round * 100000;
            hub.onCounters(sample);
        }
        hub.note(u"note"_s, u"round %1"_s.arg(round));
    }
    QVERIFY(reads.load() >= 20);
    done = true;
    reader->wait();
    QCOMPARE(bad.load(), 0);
}

QTEST_GUILESS_MAIN(TestTelemetryHub)
#include "tst_telemetryhub.moc"
