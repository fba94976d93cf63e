#include "telemetry/procnetdev.h"
#include "telemetry/rates.h"
#include "telemetry/report.h"
#include "telemetry/subflowmodel.h"

#include "telemetrytest.h"

#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void synthetic_data();
    void synthetic();
    void noRestore();
    void csv();
    void json();
    void realCapture();
};

namespace {

using Rate = std::function<double(qint64 tFromBreak)>; // Mbit/s

// A lab run sampled at the given intervals (cycled); each point holds the rate over the interval it ends.
ReportInput syntheticRun(qint64 breakAt, std::optional<qint64> restoreAt, qint64 endAt, const Rate &path1,
    const Rate &path2, const QList<qint64> &intervals = { 100 })
{
    ReportInput in;
    in.labName = u"seed"_s;
    in.breakAtMs = breakAt;
    in.restoreAtMs = restoreAt;
    in.brokenPath = u"path1"_s;
    in.brokenLink = u"NodeA:eth0"_s;
    qint64 t = 100;
    for (int i = 0; t <= endAt; ++i) {
        const qint64 next = t + intervals.at(i % intervals.size());
        // What a byte counter gives: the exact mean rate over the interval.
        double a = 0;
        double b = 0;
        for (qint64 ms = t; ms < next; ++ms) {
            a += path1(ms - breakAt) * 1e6 / double(next - t);
            b += path2(ms - breakAt) * 1e6 / double(next - t);
        }
        in.paths[u"path1"_s].append({ next, a });
        in.paths[u"path2"_s].append({ next, b });
        in.total.append({ next, a + b });
        t = next;
    }
    return in;
}

} // namespace

void TestReport::synthetic_data()
{
    QTest::addColumn<Rate>("path1");
    QTest::addColumn<Rate>("path2");
    QTest::addColumn<QList<qint64>>("intervals");
    QTest::addColumn<qint64>("failover"); // -1 = absent
    QTest::addColumn<qint64>("outage");
    QTest::addColumn<qint64>("pathReturn");
    QTest::addColumn<QString>("textMentions");

    // break at 3000, restore at 8000 (t = 5000 from the break), end at 12000
    const Rate path1Back1700 = [](qint64 t) { return t < 0 || t >= 6700 ? 50.0 : 0.0; };
    const Rate path1Back200 = [](qint64 t) { return t < 0 || t >= 5200 ? 50.0 : 0.0; };
    const Rate path1Never = [](qint64 t) { return t < 0 ? 50.0 : 0.0; };
    const Rate path2Dip400 = [](qint64 t) { return t >= 0 && t < 400 ? 0.0 : 50.0; };

    QTest::newRow("shaped lab: dip, failover, slow return")
        << path1Back1700 << path2Dip400 << QList<qint64> { 100 } << qint64(400) << qint64(400) << qint64(1700)
        << u"retransmission"_s;
    QTest::newRow("irregular sampling") << path1Back1700 << path2Dip400 << QList<qint64> { 80, 130, 90 } << qint64(400)
                                        << qint64(400) << qint64(1700) << u"backoff"_s;
    // Data still in flight right after the break is not recovery: 200 ms of traffic, then 600 ms of nothing.
    QTest::newRow("in-flight data before the dip")
        << path1Back200 << Rate([](qint64 t) { return t >= 200 && t < 800 ? 0.0 : 50.0; }) << QList<qint64> { 100 }
        << qint64(800) << qint64(600) << qint64(200) << u"carried data again 0.2 s later"_s;
    QTest::newRow("no dip at all") << path1Back200 << Rate([](qint64) { return 50.0; }) << QList<qint64> { 100 }
                                   << qint64(0) << qint64(-1) << qint64(200) << u"no outage"_s;
    // Never more than a quarter of the pre-break total (100 Mbit/s): 20 Mbit/s is not a failover.
    QTest::newRow("never fails over") << path1Back1700 << Rate([](qint64 t) { return t < 0 ? 50.0 : 20.0; })
                                      << QList<qint64> { 100 } << qint64(-1) << qint64(-1) << qint64(1700)
                                      << u"did NOT move"_s;
    QTest::newRow("path1 never returns") << path1Never << path2Dip400 << QList<qint64> { 100 } << qint64(400)
                                         << qint64(400) << qint64(-1) << u"carried no data again"_s;
}

void TestReport::synthetic()
{
    QFETCH(Rate, path1);
    QFETCH(Rate, path2);
    QFETCH(QList<qint64>, intervals);
    QFETCH(qint64, failover);
    QFETCH(qint64, outage);
    QFETCH(qint64, pathReturn);
    QFETCH(QString, textMentions);
    const DemoReport r = computeReport(syntheticRun(3000, 8000, 12000, path1, path2, intervals));
    auto ms = [](const std::optional<qint64> &v) { return v.value_or(-1); };
    QCOMPARE(ms(r.failoverMs), failover);
    QCOMPARE(ms(r.outageMs), outage);
    QCOMPARE(ms(r.pathReturnMs), pathReturn);
    QCOMPARE(r.phases.size(), 3);
    const PhaseStats *before = r.phase(u"before"_s);
    QCOMPARE(before->medianBits.value(u"path2"_s), 50e6);
    if (intervals == QList<qint64> { 100 }) {
        QCOMPARE(before->meanBits.value(u"path1"_s), 50e6);
        QCOMPARE(before->totalMeanBits, 100e6);
        QCOMPARE(r.preBreakTotalMeanBits, 100e6);
    } else {
        // An interval that straddles the break mixes both sides: the windows next to it cannot be exact.
        QVERIFY(qAbs(before->meanBits.value(u"path1"_s) - 50e6) < 0.5e6);
        QVERIFY(qAbs(r.preBreakTotalMeanBits - 100e6) < 1e6);
    }
    QCOMPARE(r.phase(u"during"_s)->medianBits.value(u"path1"_s), 0.0);
    if (intervals == QList<qint64> { 100 })
        QCOMPARE(r.phase(u"during"_s)->meanBits.value(u"path1"_s), 0.0);
    QCOMPARE(r.phase(u"during"_s)->durationMs(), qint64(5000));
    const QString text = summaryText(r);
    QVERIFY2(text.contains(textMentions), qPrintable(text));
    if (pathReturn < 0 || pathReturn >= 1000)
        QVERIFY2(text.contains(u"exponential backoff"_s), qPrintable(text));
    else
        QVERIFY2(!text.contains(u"exponential backoff"_s), qPrintable(text));
}

void TestReport::noRestore()
{
    const DemoReport r = computeReport(syntheticRun(
        3000, std::nullopt, 6000, [](qint64 t) { return t < 0 ? 30.0 : 0.0; }, [](qint64) { return 30.0; }));
    QCOMPARE(r.phases.size(), 2);
    QVERIFY(!r.phase(u"after"_s));
    QVERIFY(!r.pathReturnMs);
    QCOMPARE(r.failoverMs.value_or(-1), 0);
    QVERIFY(summaryText(r).contains(u"was not restored"_s));
}

void TestReport::csv()
{
    QMap<QString, QList<TimePoint>> paths;
    paths[u"path1"_s] = { { 1000, 1e6 }, { 1100, 2e6 } };
    paths[u"path2"_s] = { { 1100, 3e6 } };
    const QString out = toCsv(paths, { { 1000, 1e6 }, { 1100, 5e6 } });
    QCOMPARE(out,
        u"at_ms,t_s,path1_bps,path2_bps,total_bps\n"
        "1000,0.000,1000000,,1000000\n"
        "1100,0.100,2000000,3000000,5000000\n"_s);
}

void TestReport::json()
{
    const DemoReport r = computeReport(syntheticRun(
        3000, 8000, 9000, [](qint64 t) { return t < 0 ? 50.0 : 0.0; }, [](qint64 t) { return t < 0 ? 50.0 : 0.0; }));
    const QJsonObject o = toJson(r);
    QCOMPARE(o.value(u"lab"_s).toString(), u"seed"_s);
    QVERIFY(o.value(u"failoverMs"_s).isNull());
    QVERIFY(o.value(u"pathReturnMs"_s).isNull());
    QCOMPARE(o.value(u"outageMs"_s).toInteger(), 5000);
    QCOMPARE(o.value(u"restoreAtMs"_s).toInteger(), 8000);
    QCOMPARE(o.value(u"phases"_s).toArray().size(), 3);
    QCOMPARE(o.value(u"phases"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"meanBitsPerSecond"_s)
                 .toObject()
                 .value(u"path1"_s)
                 .toDouble(),
        50e6);
    QVERIFY(o.value(u"summary"_s).toString().contains(u"did NOT move"_s));
}

void TestReport::realCapture()
{
    // /proc/net/dev on NodeB every ~100 ms while NodeA:eth0 was cut for 5 s (seed lab, 50mbit paths), and
    // ss -tniM on NodeA during the same run.
    const test::Capture counters = test::readCapture("telemetry-counters-break.txt");
    const test::Capture ss = test::readCapture("telemetry-ss-break-sequence.txt");
    QCOMPARE(ss.breakAtMs, counters.breakAtMs);
    const Lab lab = test::seedLab();
    PathThroughput throughput(lab);
    ReportInput in;
    in.labName = lab.name;
    in.breakAtMs = counters.breakAtMs;
    in.restoreAtMs = counters.restoreAtMs;
    in.brokenPath = u"path1"_s;
    in.brokenLink = counters.link;
    in.events = { { counters.breakAtMs, u"break"_s, {}, u"NodeA:eth0 cut"_s, {} },
        { counters.restoreAtMs, u"restore"_s, {}, u"NodeA:eth0 restored"_s, {} } };
    for (const test::CaptureBlock &block : counters.blocks) {
        const Parsed<QList<InterfaceCounters>> parsed = parseProcNetDev(block.text);
        QCOMPARE(parsed.skipped, 0);
        for (const SeriesPoint &p : throughput.addCounters({ u"NodeB"_s, block.atMs, 0, parsed.value })) {
            if (p.name == series::total())
                in.total.append({ p.atMs, p.value });
            else
                in.paths[p.name.mid(5)].append({ p.atMs, p.value });
        }
    }
    SubflowModel subflows(lab);
    for (const test::CaptureBlock &block : ss.blocks) {
        subflows.update({ u"NodeA"_s, block.atMs, parseSs(block.text).value });
        in.subflowSnapshots.append({ block.atMs, subflows.toJson() });
    }

    const DemoReport r = computeReport(in);
    const QString text = summaryText(r);
    const QByteArray json = QJsonDocument(toJson(r)).toJson();
    QCOMPARE(r.paths, (QStringList { u"path1"_s, u"path2"_s }));
    QCOMPARE(r.phases.size(), 3);
    const PhaseStats *before = r.phase(u"before"_s);
    const PhaseStats *during = r.phase(u"during"_s);
    const PhaseStats *after = r.phase(u"after"_s);
    // Both paths carried traffic before the break (50mbit each, the data direction).
    QVERIFY2(before->meanBits.value(u"path1"_s) > 35e6, json.constData());
    QVERIFY2(before->meanBits.value(u"path2"_s) > 35e6, json.constData());
    // Path 2 carried it during the break; path 1 nothing.
    QVERIFY2(during->meanBits.value(u"path2"_s) > 40e6, json.constData());
    // Path 1 delivers only what was already in flight, in the first window after the cut.
    QCOMPARE(during->medianBits.value(u"path1"_s), 0.0);
    QVERIFY2(during->meanBits.value(u"path1"_s) < before->meanBits.value(u"path1"_s) / 100, json.constData());
    QVERIFY2(r.failoverMs && *r.failoverMs < 1500, json.constData());
    // Path 1 carried data again after the restore, late: its retransmission timer had backed off.
    QVERIFY2(r.pathReturnMs, json.constData());
    QVERIFY2(*r.pathReturnMs >= 1000 && *r.pathReturnMs <= 4000, json.constData());
    QVERIFY2(after->meanBits.value(u"path1"_s) > 25e6, json.constData());
    QVERIFY(during->maxBackoffOnBrokenPath >= 3);
    QVERIFY2(text.contains(u"exponential backoff"_s), qPrintable(text));
    QVERIFY2(text.contains(u"path1 (NodeA:eth0) was cut"_s), qPrintable(text));

    // The subflows each phase saw: during the break the path1 subflow was seen stalled, path2's active.
    bool path1Stalled = false;
    bool path2Active = false;
    for (const QJsonValue &v : during->subflows) {
        const QJsonObject s = v.toObject();
        const QJsonArray seen = s.value(u"healthsSeen"_s).toArray();
        if (s.value(u"key"_s).toString() == u"NodeA/%1/10.168.1.1:35560"_s.arg(s.value(u"token"_s).toString()))
            path1Stalled = seen.contains(u"stalled"_s);
        if (s.value(u"key"_s).toString().endsWith(u"/10.168.2.1:52721"_s))
            path2Active = seen == QJsonArray { u"active"_s };
    }
    QVERIFY(path1Stalled);
    QVERIFY(path2Active);
    qInfo().noquote() << text;
}

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
