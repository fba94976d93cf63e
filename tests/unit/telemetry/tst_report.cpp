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
    void backupPath_data();
    void backupPath();
    void summary_data();
    void summary();
    void slowFailoverCauses();
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

// The real ss -tniM snapshots of NodeA during a cut (telemetry-ss-break-sequence.txt), as the subflow table of a
// lab with the given routing saw them, moved onto a timeline whose break is at breakAt.
QList<SubflowSnapshotJson> snapshotsOfTheCapture(const QString &routing, qint64 breakAt)
{
    const test::Capture ss = test::readCapture("telemetry-ss-break-sequence.txt");
    Lab lab = test::seedLab();
    lab.failover.routing = routing;
    SubflowModel model(lab);
    QList<SubflowSnapshotJson> snapshots;
    for (const test::CaptureBlock &block : ss.blocks) {
        const qint64 atMs = block.atMs - ss.breakAtMs + breakAt;
        model.update({ u"NodeA"_s, atMs, parseSs(block.text).value });
        snapshots.append({ atMs, model.toJson() });
    }
    return snapshots;
}

QString failing(const QString &words, const QString &text)
{
    return u"\"%1\" in:\n%2"_s.arg(words, text);
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
        << qint64(800) << qint64(600) << qint64(200) << u"path1 carried data again 0.2 s after the restore"_s;
    QTest::newRow("no dip at all") << path1Back200 << Rate([](qint64) { return 50.0; }) << QList<qint64> { 100 }
                                   << qint64(0) << qint64(-1) << qint64(200) << u"no outage"_s;
    // Never more than a quarter of the pre-break total (100 Mbit/s): 20 Mbit/s is not a failover.
    QTest::newRow("never fails over") << path1Back1700 << Rate([](qint64 t) { return t < 0 ? 50.0 : 20.0; })
                                      << QList<qint64> { 100 } << qint64(-1) << qint64(-1) << qint64(1700)
                                      << u"did NOT move"_s;
    // More than a quarter of the total, but less than 80% of what path2 carried on its own before: not yet.
    QTest::newRow("below 80% of its own rate")
        << path1Back1700 << Rate([](qint64 t) { return t < 0 || t >= 1000 ? 50.0 : 35.0; }) << QList<qint64> { 100 }
        << qint64(1000) << qint64(-1) << qint64(1700) << u"took over only 1.0 s after the cut"_s;
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

void TestReport::backupPath_data()
{
    QTest::addColumn<double>("backupMbits"); // what path2 carries once it takes over
    QTest::addColumn<qint64>("failover");
    // path2 carried nothing before the break: 80% of nothing is nothing, so only the quarter of the pre-break
    // total (50 Mbit/s, all on path1) decides.
    QTest::newRow("backup takes over after 300 ms") << 50.0 << qint64(300);
    QTest::newRow("backup carries too little") << 10.0 << qint64(-1);
}

void TestReport::backupPath()
{
    QFETCH(double, backupMbits);
    QFETCH(qint64, failover);
    const DemoReport r = computeReport(syntheticRun(
        3000, 8000, 12000, [](qint64 t) { return t < 0 || t >= 5200 ? 50.0 : 0.0; },
        [backupMbits](qint64 t) { return t >= 300 && t < 5200 ? backupMbits : 0.0; }));
    QCOMPARE(r.preBreakTotalMeanBits, 50e6);
    QCOMPARE(r.failoverMs.value_or(-1), failover);
}

void TestReport::summary_data()
{
    QTest::addColumn<QString>("breakMode");
    QTest::addColumn<QString>("routing");
    QTest::addColumn<qint64>("path2DipMs"); // path2 carries nothing this long after the break; -1: 20 Mbit/s
    QTest::addColumn<QStringList>("mentions");
    QTest::addColumn<QStringList>("absent");

    const QString whySlow = u"Why it took so long"_s;
    const QString tutorialHint = u"This lab uses the tutorial's routing (failover.routing \"tutorial\")"_s;
    QTest::newRow("fast failover after a cut")
        << u"cut"_s << u"symmetric"_s << qint64(400)
        << QStringList { u"path1 (NodeA:eth0) was cut silently: its cable was moved to a dead network"_s,
               u"path2 took over 0.4 s after the cut — under a second, so a viewer sees at most a brief dip"_s,
               u"For 0.4 s in all, almost nothing got through"_s,
               u"path1 was restored (its cable moved back to its network); path1 carried data again 1.7 s after "
               "the restore."_s }
        << QStringList { whySlow, tutorialHint, u"unplugged"_s };
    // The joins were there, but failover was quick: nothing to blame them for.
    QTest::newRow("fast failover, tutorial routing")
        << u"cut"_s << u"tutorial"_s << qint64(400) << QStringList { u"under a second"_s }
        << QStringList { whySlow, tutorialHint };
    QTest::newRow("slow failover, tutorial routing")
        << u"cut"_s << u"tutorial"_s << qint64(2400)
        << QStringList { u"path2 took over only 2.4 s after the cut: long enough for a viewer to see the stream "
                         "stall"_s,
               whySlow + u": 2 of the connection's extra subflows"_s, u"these half-open joins, resending their SYN"_s,
               u"NodeA 10.168.1.1:57451 -> 10.168.2.2:5001 (path1 to path2, SYN retransmissions: 5, backoff: 1)"_s,
               u"NodeA 10.168.2.1:39945 -> 10.168.1.2:5001 (path2 to path1"_s,
               u"the data lost on path1 is resent on path2 only when that connection-level timer fires"_s, tutorialHint,
               u"NodeB sends its answer to a cross-path join"_s, u"where NodeA resets it"_s,
               u"With failover.routing \"symmetric\" every join completes on its own path"_s }
        << QStringList { u"under a second"_s };
    QTest::newRow("slow failover, symmetric routing")
        << u"cut"_s << u"symmetric"_s << qint64(2400) << QStringList { whySlow + u": 2 of"_s }
        << QStringList { tutorialHint };
    QTest::newRow("never, tutorial routing")
        << u"cut"_s << u"tutorial"_s << qint64(-1)
        << QStringList { u"did NOT move to path2 while path1 was cut"_s, whySlow, tutorialHint } << QStringList {};
    QTest::newRow("unplug") << u"unplug"_s << u"symmetric"_s << qint64(400)
                            << QStringList { u"path1 (NodeA:eth0) was unplugged: NodeA's network interface lost its "
                                             "carrier and went down"_s,
                                   u"NodeA itself sees that this path is gone"_s,
                                   u"path2 took over 0.4 s after the unplug — under a second"_s,
                                   u"restored (its interface brought back up)"_s }
                            << QStringList { u"cut silently"_s, u"after the cut"_s, whySlow };
}

void TestReport::summary()
{
    QFETCH(QString, breakMode);
    QFETCH(QString, routing);
    QFETCH(qint64, path2DipMs);
    QFETCH(QStringList, mentions);
    QFETCH(QStringList, absent);
    const Rate path2 = [path2DipMs](qint64 t) {
        if (t < 0)
            return 50.0;
        return path2DipMs < 0 ? 20.0 : t < path2DipMs ? 0.0 : 50.0;
    };
    ReportInput in = syntheticRun(
        3000, 8000, 12000, [](qint64 t) { return t < 0 || t >= 6700 ? 50.0 : 0.0; }, path2);
    in.breakMode = breakMode;
    in.routing = routing;
    in.subflowSnapshots = snapshotsOfTheCapture(routing, in.breakAtMs);
    const DemoReport r = computeReport(in);
    QCOMPARE(r.breakMode, breakMode);
    QCOMPARE(r.routing, routing);
    const QString text = summaryText(r);
    for (const QString &words : mentions)
        QVERIFY2(text.contains(words), qPrintable(failing(words, text)));
    for (const QString &words : absent)
        QVERIFY2(!text.contains(words), qPrintable(u"not "_s + failing(words, text)));
}

void TestReport::slowFailoverCauses()
{
    // The capture's two cross joins were in SYN-SENT all along; path 2 takes over after path2DipMs.
    auto run = [](qint64 path2DipMs) {
        ReportInput in = syntheticRun(
            3000, 8000, 12000, [](qint64 t) { return t < 0 || t >= 5200 ? 50.0 : 0.0; },
            [path2DipMs](qint64 t) { return t >= 0 && t < path2DipMs ? 0.0 : 50.0; });
        in.breakMode = u"unplug"_s;
        in.routing = u"tutorial"_s;
        in.subflowSnapshots = snapshotsOfTheCapture(in.routing, in.breakAtMs);
        return computeReport(in);
    };
    const DemoReport r = run(2400);
    QCOMPARE(r.failoverMs.value_or(-1), 2400);
    QVERIFY(r.failoverIsSlow());
    const QJsonObject o = toJson(r);
    QCOMPARE(o.value(u"breakMode"_s).toString(), u"unplug"_s);
    QCOMPARE(o.value(u"routing"_s).toString(), u"tutorial"_s);
    const QJsonArray causes = o.value(u"slowFailoverCauses"_s).toArray();
    QCOMPARE(causes.size(), 2);
    const QJsonObject first = causes.at(0).toObject();
    QCOMPARE(first.value(u"node"_s).toString(), u"NodeA"_s);
    QCOMPARE(first.value(u"remoteNode"_s).toString(), u"NodeB"_s);
    QCOMPARE(first.value(u"local"_s).toString(), u"10.168.1.1:57451"_s);
    QCOMPARE(first.value(u"remote"_s).toString(), u"10.168.2.2:5001"_s);
    QCOMPARE(first.value(u"path"_s).toString(), u"path1"_s);
    QCOMPARE(first.value(u"remotePath"_s).toString(), u"path2"_s);
    QVERIFY(first.value(u"crossPath"_s).toBool());
    // Until the restore (5 s after the break) the SYN was resent 5 times; the 6th, with backoff 2, came after.
    QCOMPARE(first.value(u"retransmits"_s).toInt(), 5);
    QCOMPARE(first.value(u"backoff"_s).toInt(), 1);
    QCOMPARE(first.value(u"rtoMs"_s).toDouble(), 2000.0);
    // Seen from the last snapshot before the break (134 ms before it) to the last one before the restore.
    QCOMPARE(first.value(u"firstSeenMs"_s).toInteger(), 3000 - 134);
    QVERIFY(first.value(u"lastSeenMs"_s).toInteger() < 8000);
    QVERIFY(first.value(u"lastSeenMs"_s).toInteger() > 7700);
    QVERIFY2(first.value(u"reason"_s).toString().contains(u"Likely cause"_s),
        qPrintable(first.value(u"reason"_s).toString()));
    QCOMPARE(causes.at(1).toObject().value(u"local"_s).toString(), u"10.168.2.1:39945"_s);

    // One join alone, in the singular.
    ReportInput oneJoin = syntheticRun(
        3000, 8000, 12000, [](qint64 t) { return t < 0 ? 50.0 : 0.0; }, [](qint64 t) { return t < 0 ? 50.0 : 0.0; });
    for (SubflowSnapshotJson &snap : snapshotsOfTheCapture(u"symmetric"_s, oneJoin.breakAtMs)) {
        QJsonArray kept;
        for (const QJsonValue &v : std::as_const(snap.subflows)) {
            if (!v.toObject().value(u"key"_s).toString().endsWith(u"/10.168.2.1:39945"_s))
                kept.append(v);
        }
        oneJoin.subflowSnapshots.append({ snap.atMs, kept });
    }
    const QString text = summaryText(computeReport(oneJoin));
    const QString singular
        = u"Why it took so long: one of the connection's extra subflows (joins: MPTCP tries one "
          "between each address of one computer and each of the other) never completed its "
          "handshake and was still waiting for an answer during the break: NodeA "
          "10.168.1.1:57451 -> 10.168.2.2:5001 (path1 to path2, SYN retransmissions: 5, backoff: "
          "1). MPTCP uses the longest retransmit timer among its subflows as its own; after the "
          "break the data lost on path1 is resent on path2 only when that connection-level timer "
          "fires, and this half-open join, resending its SYN with ever longer waits, held it back."_s;
    QVERIFY2(text.contains(singular), qPrintable(text));

    // The same joins with a quick failover are no cause of anything.
    const DemoReport quick = run(300);
    QCOMPARE(quick.failoverMs.value_or(-1), 300);
    QVERIFY(!quick.failoverIsSlow());
    QCOMPARE(toJson(quick).value(u"slowFailoverCauses"_s).toArray().size(), 0);
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
    QCOMPARE(o.value(u"breakMode"_s).toString(), u"cut"_s); // the default
    QVERIFY(o.value(u"slowFailoverCauses"_s).isArray()); // never failed over, but no snapshots to blame
    QCOMPARE(o.value(u"slowFailoverCauses"_s).toArray().size(), 0);
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
