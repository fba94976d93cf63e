#include "telemetry/timeseries.h"

#include <QDeadlineTimer>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestTimeSeriesStore : public QObject
{
    Q_OBJECT

private slots:
    void rangeReads_data();
    void rangeReads();
    void ringKeepsNewest();
    void defaultHoldsAnHourAtTenHertz();
    void ringGrowsOnDemand_data();
    void ringGrowsOnDemand();
    void manyShortSeriesStaySmall();
    void rejectsOutOfOrderAndTooManySeries();
    void namesAndLatest();
    void appendedSinceSeesEachPointOnce();
    void pagesOldestFirst_data();
    void pagesOldestFirst();
    void concurrentReaders();
};

void TestTimeSeriesStore::rangeReads_data()
{
    QTest::addColumn<qint64>("since");
    QTest::addColumn<int>("expectedCount");
    QTest::addColumn<qint64>("expectedFirst");
    QTest::newRow("everything") << std::numeric_limits<qint64>::min() << 10 << qint64(1000);
    QTest::newRow("exact stamp") << qint64(1300) << 7 << qint64(1300);
    QTest::newRow("between stamps") << qint64(1350) << 6 << qint64(1400);
    QTest::newRow("after the last") << qint64(2000) << 0 << qint64(0);
}

void TestTimeSeriesStore::rangeReads()
{
    QFETCH(qint64, since);
    QFETCH(int, expectedCount);
    QFETCH(qint64, expectedFirst);
    TimeSeriesStore store(100);
    for (int i = 0; i < 10; ++i)
        QVERIFY(store.append(u"path/path1"_s, 1000 + i * 100, i * 1.5));
    const QList<TimePoint> points = store.points(u"path/path1"_s, since);
    QCOMPARE(points.size(), expectedCount);
    if (expectedCount > 0) {
        QCOMPARE(points.first().atMs, expectedFirst);
        QCOMPARE(points.last(), (TimePoint { 1900, 13.5 }));
    }
}

void TestTimeSeriesStore::ringKeepsNewest()
{
    TimeSeriesStore store(5);
    for (int i = 0; i < 12; ++i)
        QVERIFY(store.append(u"total"_s, i * 100, i));
    QCOMPARE(store.size(u"total"_s), 5);
    const QList<TimePoint> points = store.points(u"total"_s);
    QCOMPARE(points.size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(points.at(i), (TimePoint { (7 + i) * 100, double(7 + i) }));
    // The binary search must work across the ring's wrap point too.
    QCOMPARE(store.points(u"total"_s, 950).size(), 2);
}

void TestTimeSeriesStore::defaultHoldsAnHourAtTenHertz()
{
    TimeSeriesStore store;
    QVERIFY(store.capacity() >= 3600 * 10);
    for (qint64 i = 0; i < 3600 * 10; ++i)
        store.append(u"total"_s, i * 100, 1);
    QCOMPARE(store.points(u"total"_s).first().atMs, qint64(0)); // the hour's first point is still there
    for (qint64 i = 0; i < 10000; ++i)
        store.append(u"total"_s, (36000 + i) * 100, 1);
    QCOMPARE(store.size(u"total"_s), store.capacity()); // bounded
}

void TestTimeSeriesStore::ringGrowsOnDemand_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("points");
    QTest::addColumn<qsizetype>("reserved");
    QTest::addColumn<qint64>("evicted");
    const int initial = TimeSeriesStore::InitialReserve;
    QTest::newRow("one point") << 40000 << 1 << qsizetype(initial) << qint64(0);
    QTest::newRow("just full") << 40000 << initial << qsizetype(initial) << qint64(0);
    QTest::newRow("doubles") << 40000 << initial + 1 << qsizetype(2 * initial) << qint64(0);
    QTest::newRow("doubles again") << 40000 << 3 * initial << qsizetype(4 * initial) << qint64(0);
    QTest::newRow("stops at capacity") << 100 << 150 << qsizetype(100) << qint64(50);
    QTest::newRow("capacity below the first reserve") << 10 << 25 << qsizetype(10) << qint64(15);
}

void TestTimeSeriesStore::ringGrowsOnDemand()
{
    QFETCH(int, capacity);
    QFETCH(int, points);
    QFETCH(qsizetype, reserved);
    QFETCH(qint64, evicted);
    TimeSeriesStore store(capacity);
    for (int i = 0; i < points; ++i)
        QVERIFY(store.append(u"total"_s, i, i));
    QCOMPARE(store.reserved(u"total"_s), reserved);
    QCOMPARE(store.evicted(), evicted);
    // Growing and wrapping keep every point that fits, in order.
    const QList<TimePoint> kept = store.points(u"total"_s);
    QCOMPARE(kept.size(), std::min(points, capacity));
    for (qsizetype i = 0; i < kept.size(); ++i)
        QCOMPARE(kept.at(i), (TimePoint { points - kept.size() + i, double(points - kept.size() + i) }));
}

void TestTimeSeriesStore::manyShortSeriesStaySmall()
{
    // A long run's subflows: hundreds of series of a few points must not each hold an hour's worth.
    TimeSeriesStore store;
    for (int s = 0; s < TimeSeriesStore::DefaultMaxSeries; ++s) {
        for (int i = 0; i < 20; ++i)
            store.append(u"subflow/NodeA/%1/10.168.1.1:%2"_s.arg(s).arg(40000 + s), i * 250, 1);
    }
    qsizetype reserved = 0;
    for (const QString &name : store.names())
        reserved += store.reserved(name);
    QCOMPARE(reserved, qsizetype(TimeSeriesStore::DefaultMaxSeries) * TimeSeriesStore::InitialReserve);
}

void TestTimeSeriesStore::rejectsOutOfOrderAndTooManySeries()
{
    TimeSeriesStore store(10, 2);
    QVERIFY(store.append(u"a"_s, 100, 1));
    QVERIFY(store.append(u"a"_s, 100, 2)); // same stamp is fine
    QVERIFY(!store.append(u"a"_s, 99, 3));
    QVERIFY(store.append(u"b"_s, 50, 1));
    QVERIFY(!store.append(u"c"_s, 200, 1));
    QCOMPARE(store.rejected(), 2);
    QCOMPARE(store.rejected(TimeSeriesStore::Rejection::OutOfOrder), 1);
    QCOMPARE(store.rejected(TimeSeriesStore::Rejection::TooManySeries), 1);
    QCOMPARE(store.append({ { u"a"_s, 300, 1 }, { u"c"_s, 300, 1 }, { u"b"_s, 300, 1 } }), 2);
    QCOMPARE(store.rejected(TimeSeriesStore::Rejection::TooManySeries), 2);
    QCOMPARE(store.evicted(), 0);
    store.remove(u"a"_s);
    QVERIFY(store.append(u"c"_s, 400, 1));
    QCOMPARE(store.names(), (QStringList { u"b"_s, u"c"_s }));
}

void TestTimeSeriesStore::namesAndLatest()
{
    TimeSeriesStore store(10);
    QVERIFY(!store.latest(u"total"_s));
    QVERIFY(store.points(u"nothing"_s).isEmpty());
    store.append(u"total"_s, 5, 1);
    store.append(u"path/path2"_s, 5, 2);
    store.append(u"path/path1"_s, 5, 3);
    store.append(u"total"_s, 6, 4);
    QCOMPARE(store.names(), (QStringList { u"path/path1"_s, u"path/path2"_s, u"total"_s }));
    QCOMPARE(*store.latest(u"total"_s), (TimePoint { 6, 4 }));
    store.clear();
    QVERIFY(store.names().isEmpty());
}

void TestTimeSeriesStore::appendedSinceSeesEachPointOnce()
{
    using Points = QMap<QString, QList<TimePoint>>;
    TimeSeriesStore store(5);
    TimeSeriesStore::Cursor cursor;
    QVERIFY(store.appendedSince(cursor).isEmpty());
    store.append(u"a"_s, 100, 1);
    store.append(u"b"_s, 50, 2);
    QCOMPARE(store.appendedSince(cursor), (Points { { u"a"_s, { { 100, 1 } } }, { u"b"_s, { { 50, 2 } } } }));
    QVERIFY(store.appendedSince(cursor).isEmpty());

    // Stamped at or before what was read already: still new.
    store.append(u"a"_s, 100, 3);
    store.append(u"b"_s, 60, 4);
    QCOMPARE(store.appendedSince(cursor), (Points { { u"a"_s, { { 100, 3 } } }, { u"b"_s, { { 60, 4 } } } }));

    // More than a ring holds between two reads: the ones pushed out are gone, the rest come once.
    for (int i = 0; i < 7; ++i)
        store.append(u"a"_s, 200 + i, i);
    const QList<TimePoint> a = store.appendedSince(cursor).value(u"a"_s);
    QCOMPARE(a.size(), 5);
    QCOMPARE(a.first(), (TimePoint { 202, 2 }));

    // A series removed and made again under the same name is new, though its own count starts over.
    store.remove(u"b"_s);
    store.append(u"b"_s, 10, 5);
    QCOMPARE(store.appendedSince(cursor), (Points { { u"b"_s, { { 10, 5 } } } }));

    // Two readers do not disturb each other.
    TimeSeriesStore::Cursor late;
    QCOMPARE(store.appendedSince(late).value(u"a"_s).size(), 5);
    QVERIFY(store.appendedSince(cursor).isEmpty());
}

void TestTimeSeriesStore::pagesOldestFirst_data()
{
    QTest::addColumn<qint64>("since");
    QTest::addColumn<qsizetype>("maxPoints");
    QTest::addColumn<QList<qint64>>("pageStarts"); // sinceMs of every page after the first
    QTest::addColumn<QList<qsizetype>>("pageSizes");
    // a: 100 200 300 400 500; b: 200 300 300 350; c: 1000 (10 points in all)
    QTest::newRow("everything fits") << qint64(0) << qsizetype(10) << QList<qint64> {} << QList<qsizetype> { 10 };
    // 300 is three points: the first page stops before it, the second takes it whole.
    QTest::newRow("cut before a stamp") << qint64(0) << qsizetype(5) << QList<qint64> { 300, 500 }
                                        << QList<qsizetype> { 3, 5, 2 };
    // A page takes its first stamp whole even when that passes maxPoints, or paging would never move on.
    QTest::newRow("a stamp larger than a page")
        << qint64(250) << qsizetype(2) << QList<qint64> { 301, 500 } << QList<qsizetype> { 3, 2, 2 };
    QTest::newRow("one point per page") << qint64(0) << qsizetype(1) << QList<qint64> { 200, 201, 301, 400, 500, 1000 }
                                        << QList<qsizetype> { 1, 2, 3, 1, 1, 1, 1 };
    QTest::newRow("from the middle") << qint64(400) << qsizetype(2) << QList<qint64> { 1000 }
                                     << QList<qsizetype> { 2, 1 };
    QTest::newRow("after the last") << qint64(1001) << qsizetype(2) << QList<qint64> {} << QList<qsizetype> { 0 };
}

void TestTimeSeriesStore::pagesOldestFirst()
{
    QFETCH(qint64, since);
    QFETCH(qsizetype, maxPoints);
    QFETCH(QList<qint64>, pageStarts);
    QFETCH(QList<qsizetype>, pageSizes);
    TimeSeriesStore store(100);
    for (qint64 t : { 100, 200, 300, 400, 500 })
        store.append(u"a"_s, t, double(t));
    for (qint64 t : { 200, 300, 300, 350 })
        store.append(u"b"_s, t, double(t));
    store.append(u"c"_s, 1000, 1);

    QList<qint64> starts;
    QList<qsizetype> sizes;
    QMap<QString, QList<TimePoint>> got;
    for (qint64 from = since;;) {
        const TimeSeriesStore::Page page = store.page(from, maxPoints);
        sizes.append(page.pointCount);
        for (auto it = page.series.cbegin(); it != page.series.cend(); ++it) {
            for (const TimePoint &p : *it) {
                QVERIFY(p.atMs >= from);
                QVERIFY(!page.truncated || p.atMs < page.nextSinceMs);
            }
            got[it.key()] += *it;
        }
        if (!page.truncated)
            break;
        starts.append(page.nextSinceMs);
        from = page.nextSinceMs;
    }
    QCOMPARE(starts, pageStarts);
    QCOMPARE(sizes, pageSizes);
    for (const QString &name : store.names())
        QCOMPARE(got.value(name), store.points(name, since)); // every point once, oldest first
}

void TestTimeSeriesStore::concurrentReaders()
{
    // One writer, two readers: every copy a reader gets must be in time order and internally consistent.
    TimeSeriesStore store(1000);
    std::atomic<bool> done = false;
    std::atomic<int> badReads = 0;
    std::atomic<int> reads = 0;
    auto reader = [&] {
        while (!done) {
            const QList<TimePoint> points = store.points(u"total"_s, 0);
            for (qsizetype i = 1; i < points.size(); ++i) {
                if (points.at(i).atMs <= points.at(i - 1).atMs || points.at(i).value != double(points.at(i).atMs))
                    ++badReads;
            }
            ++reads;
        }
    };
    std::unique_ptr<QThread> r1(QThread::create(reader));
    std::unique_ptr<QThread> r2(QThread::create(reader));
    r1->start();
    r2->start();
    // On a loaded machine the readers can start after 50000 appends are over: write until they have read.
    qint64 written = 0;
    const QDeadlineTimer deadline(30000);
    while (written < 50000 || (reads.load() < 20 && !deadline.hasExpired())) {
        ++written;
        store.append(u"total"_s, written, double(written));
    }
    done = true;
    r1->wait();
    r2->wait();
    QCOMPARE(badReads.load(), 0);
    QVERIFY(reads.load() >= 20);
    QCOMPARE(store.latest(u"total"_s)->atMs, written);
    QCOMPARE(store.size(u"total"_s), 1000);
}

QTEST_GUILESS_MAIN(TestTimeSeriesStore)
#include "tst_timeseriesstore.moc"
