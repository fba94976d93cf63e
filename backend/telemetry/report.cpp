#include "telemetry/report.h"

#include "telemetry/subflowmodel.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

// Time-weighted mean of a rate series over [from, to). Point i stands for the rate over
// (point[i-1].atMs, point[i].atMs]; the first point for the window-length interval before it.
std::optional<double> averageOver(const QList<TimePoint> &points, qint64 from, qint64 to)
{
    auto it = std::lower_bound(
        points.cbegin(), points.cend(), from, [](const TimePoint &p, qint64 t) { return p.atMs <= t; });
    double weighted = 0;
    qint64 covered = 0;
    for (; it != points.cend(); ++it) {
        const qint64 intervalStart = it == points.cbegin() ? it->atMs - ReportWindowMs : std::prev(it)->atMs;
        const qint64 a = std::max(intervalStart, from);
        const qint64 b = std::min(it->atMs, to);
        if (b > a) {
            weighted += it->value * double(b - a);
            covered += b - a;
        }
        if (it->atMs >= to)
            break;
    }
    if (covered == 0)
        return std::nullopt;
    return weighted / double(covered);
}

struct Window
{
    qint64 startMs = 0;
    QMap<QString, double> paths;
    double total = 0;
};

// Windows aligned on the break, covering [from, to); those without data are left out.
QList<Window> windows(const ReportInput &in, qint64 from, qint64 to)
{
    QList<Window> out;
    const qint64 first = in.breakAtMs - ((in.breakAtMs - from + ReportWindowMs - 1) / ReportWindowMs) * ReportWindowMs;
    for (qint64 start = first; start < to; start += ReportWindowMs) {
        const qint64 a = std::max(start, from);
        const qint64 b = std::min(start + ReportWindowMs, to);
        const std::optional<double> total = averageOver(in.total, a, b);
        if (!total || b - a < ReportWindowMs / 2)
            continue; // a sliver at a phase edge would weigh as much as a whole window
        Window w { start, {}, *total };
        for (auto it = in.paths.cbegin(); it != in.paths.cend(); ++it)
            w.paths.insert(it.key(), averageOver(it.value(), a, b).value_or(0));
        out.append(w);
    }
    return out;
}

double mean(const QList<double> &values)
{
    if (values.isEmpty())
        return 0;
    double sum = 0;
    for (double v : values)
        sum += v;
    return sum / double(values.size());
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

PhaseStats phaseStats(const ReportInput &in, const QString &name, qint64 from, qint64 to)
{
    PhaseStats p;
    p.name = name;
    p.startMs = from;
    p.endMs = to;
    const QList<Window> ws = windows(in, from, to);
    p.windows = int(ws.size());
    for (const QString &path : in.paths.keys()) {
        QList<double> values;
        for (const Window &w : ws)
            values.append(w.paths.value(path));
        p.meanBits.insert(path, mean(values));
        p.medianBits.insert(path, median(values));
    }
    QList<double> totals;
    for (const Window &w : ws)
        totals.append(w.total);
    p.totalMeanBits = mean(totals);
    p.totalMedianBits = median(totals);

    // The last state of each subflow seen in the phase, and every health it showed.
    QMap<QString, QJsonObject> last;
    QHash<QString, QStringList> healths;
    for (const SubflowSnapshotJson &snap : in.subflowSnapshots) {
        if (snap.atMs < from || snap.atMs >= to)
            continue;
        for (const QJsonValue &v : snap.subflows) {
            const QJsonObject o = v.toObject();
            const QString key = o.value(u"key"_s).toString();
            last.insert(key, o);
            const QString health = o.value(u"health"_s).toString();
            if (!healths[key].contains(health))
                healths[key].append(health);
            if (o.value(u"path"_s).toString() == in.brokenPath)
                p.maxBackoffOnBrokenPath = std::max(p.maxBackoffOnBrokenPath, o.value(u"backoff"_s).toInt());
        }
    }
    for (auto it = last.begin(); it != last.end(); ++it) {
        it->insert(u"healthsSeen"_s, QJsonArray::fromStringList(healths.value(it.key())));
        p.subflows.append(*it);
    }
    return p;
}

// The joins in SYN-SENT from the last snapshot before the break until untilMs: pending when the break came, or
// during it. Each one's pending SYN timer fed MPTCP's connection-level retransmit timer (mptcp_set_timeout takes
// the longest), so the data lost on the broken path waited for it before it was resent on another path.
QList<SlowFailoverCause> pendingJoins(const QList<SubflowSnapshotJson> &snapshots, qint64 breakAtMs, qint64 untilMs)
{
    qint64 fromMs = std::numeric_limits<qint64>::min();
    for (const SubflowSnapshotJson &snap : snapshots) {
        if (snap.atMs < breakAtMs)
            fromMs = std::max(fromMs, snap.atMs);
    }
    QMap<QString, SlowFailoverCause> byKey; // a stable order for the text
    for (const SubflowSnapshotJson &snap : snapshots) {
        if (snap.atMs < fromMs || snap.atMs >= untilMs)
            continue;
        for (const QJsonValue &v : snap.subflows) {
            const QJsonObject o = v.toObject();
            // A vanished subflow keeps its last state in the table: only a live handshake holds a timer.
            if (o.value(u"state"_s).toString() != u"SYN-SENT"_s || o.value(u"health"_s).toString() == u"closed"_s)
                continue;
            const QString key = o.value(u"key"_s).toString();
            auto it = byKey.find(key);
            if (it == byKey.end()) {
                SlowFailoverCause c;
                c.key = key;
                c.node = o.value(u"node"_s).toString();
                c.remoteNode = o.value(u"remoteNode"_s).toString();
                c.localEndpoint = endpointText(o.value(u"localAddress"_s).toString(), o.value(u"localPort"_s).toInt());
                c.remoteEndpoint
                    = endpointText(o.value(u"remoteAddress"_s).toString(), o.value(u"remotePort"_s).toInt());
                c.path = o.value(u"path"_s).toString();
                c.remotePath = o.value(u"remotePath"_s).toString();
                c.crossPath = o.value(u"crossPath"_s).toBool();
                c.firstSeenMs = snap.atMs;
                it = byKey.insert(key, c);
            }
            // Snapshots come oldest first, as the history keeps them.
            it->lastSeenMs = snap.atMs;
            it->reason = o.value(u"reason"_s).toString();
            it->backoff = std::max(it->backoff, o.value(u"backoff"_s).toInt());
            it->retransmits = std::max(it->retransmits, o.value(u"retransmits"_s).toInt());
            it->rtoMs = std::max(it->rtoMs, o.value(u"rtoMs"_s).toDouble());
        }
    }
    return byKey.values();
}

QJsonObject toJson(const SlowFailoverCause &c)
{
    return QJsonObject { { u"key"_s, c.key }, { u"node"_s, c.node }, { u"remoteNode"_s, c.remoteNode },
        { u"local"_s, c.localEndpoint }, { u"remote"_s, c.remoteEndpoint }, { u"path"_s, c.path },
        { u"remotePath"_s, c.remotePath }, { u"crossPath"_s, c.crossPath }, { u"backoff"_s, c.backoff },
        { u"retransmits"_s, c.retransmits }, { u"rtoMs"_s, c.rtoMs }, { u"firstSeenMs"_s, double(c.firstSeenMs) },
        { u"lastSeenMs"_s, double(c.lastSeenMs) }, { u"reason"_s, c.reason } };
}

QJsonValue optionalMs(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(double(*ms)) : QJsonValue(QJsonValue::Null);
}

QJsonObject toJson(const PhaseStats &p)
{
    QJsonObject mean;
    QJsonObject median;
    for (auto it = p.meanBits.cbegin(); it != p.meanBits.cend(); ++it) {
        mean.insert(it.key(), it.value());
        median.insert(it.key(), p.medianBits.value(it.key()));
    }
    return QJsonObject { { u"name"_s, p.name }, { u"startMs"_s, double(p.startMs) }, { u"endMs"_s, double(p.endMs) },
        { u"durationMs"_s, double(p.durationMs()) }, { u"windows"_s, p.windows }, { u"meanBitsPerSecond"_s, mean },
        { u"medianBitsPerSecond"_s, median }, { u"totalMeanBitsPerSecond"_s, p.totalMeanBits },
        { u"totalMedianBitsPerSecond"_s, p.totalMedianBits }, { u"maxBackoffOnBrokenPath"_s, p.maxBackoffOnBrokenPath },
        { u"subflows"_s, p.subflows } };
}

} // namespace

const PhaseStats *DemoReport::phase(const QString &name) const
{
    for (const PhaseStats &p : phases) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

bool DemoReport::failoverMeasured() const
{
    return preBreakTotalMeanBits > 0 && breakAtMs < endMs;
}

bool DemoReport::failoverIsSlow() const
{
    return failoverMeasured() && (!failoverMs || *failoverMs >= SlowFailoverMs);
}

DemoReport computeReport(const ReportInput &in)
{
    DemoReport r;
    r.labName = in.labName;
    r.paths = in.paths.keys();
    r.brokenPath = in.brokenPath;
    r.brokenLink = in.brokenLink;
    r.breakMode = in.breakMode;
    r.routing = in.routing;
    r.breakAtMs = in.breakAtMs;
    r.restoreAtMs = in.restoreAtMs;
    r.events = in.events;
    if (in.total.isEmpty())
        return r;
    r.startMs = in.total.first().atMs - ReportWindowMs; // the first point stands for the interval before it
    r.endMs = in.total.last().atMs;

    const qint64 duringEnd = in.restoreAtMs ? std::min(*in.restoreAtMs, r.endMs) : r.endMs;
    const PhaseStats before = phaseStats(in, u"before"_s, r.startMs, std::min(in.breakAtMs, r.endMs));
    r.phases.append(before);
    if (in.breakAtMs < r.endMs)
        r.phases.append(phaseStats(in, u"during"_s, in.breakAtMs, duringEnd));
    if (in.restoreAtMs && *in.restoreAtMs < r.endMs)
        r.phases.append(phaseStats(in, u"after"_s, *in.restoreAtMs, r.endMs));
    r.preBreakTotalMeanBits = before.totalMeanBits;
    r.brokenPathPreBreakMeanBits = before.meanBits.value(in.brokenPath);
    if (!r.failoverMeasured())
        return r; // no traffic before the break (or no break in the recording): nothing to fail over from

    auto survivingBits = [&in](const QMap<QString, double> &perPath) {
        double sum = 0;
        for (auto it = perPath.cbegin(); it != perPath.cend(); ++it)
            sum += it.key() == in.brokenPath ? 0 : it.value();
        return sum;
    };
    const double tookOverAt = std::max(0.8 * survivingBits(before.meanBits), r.preBreakTotalMeanBits / 4);
    const QList<Window> during = windows(in, in.breakAtMs, r.endMs);
    constexpr int RunLength = 5;
    int run = 0;
    qint64 outage = 0;
    for (const Window &w : during) {
        run = survivingBits(w.paths) >= tookOverAt ? run + 1 : 0;
        const qint64 runStart = w.startMs - (RunLength - 1) * ReportWindowMs;
        // A run that only starts after the restore is the old path coming back, not a failover.
        if (run >= RunLength && !r.failoverMs && runStart < duringEnd)
            r.failoverMs = runStart - in.breakAtMs;
        if (w.startMs < duringEnd && w.total < r.preBreakTotalMeanBits / 10)
            outage += ReportWindowMs;
    }
    if (outage > 0)
        r.outageMs = outage;
    if (r.failoverIsSlow())
        r.slowFailoverCauses = pendingJoins(in.subflowSnapshots, in.breakAtMs, duringEnd);

    if (in.restoreAtMs && r.brokenPathPreBreakMeanBits > 0) {
        for (const Window &w : windows(in, *in.restoreAtMs, r.endMs)) {
            if (w.paths.value(in.brokenPath) > r.brokenPathPreBreakMeanBits / 20) {
                r.pathReturnMs = std::max<qint64>(0, w.startMs - *in.restoreAtMs);
                break;
            }
        }
    }
    return r;
}

QJsonObject toJson(const DemoReport &r)
{
    QJsonArray phases;
    for (const PhaseStats &p : r.phases)
        phases.append(toJson(p));
    QJsonArray events;
    for (const LabEvent &e : r.events)
        events.append(toJson(e));
    QJsonArray causes;
    for (const SlowFailoverCause &c : r.slowFailoverCauses)
        causes.append(toJson(c));
    return QJsonObject {
        { u"lab"_s, r.labName },
        { u"paths"_s, QJsonArray::fromStringList(r.paths) },
        { u"brokenPath"_s, r.brokenPath },
        { u"brokenLink"_s, r.brokenLink },
        { u"breakMode"_s, r.breakMode },
        { u"routing"_s, r.routing },
        { u"startMs"_s, double(r.startMs) },
        { u"endMs"_s, double(r.endMs) },
        { u"breakAtMs"_s, double(r.breakAtMs) },
        { u"restoreAtMs"_s, optionalMs(r.restoreAtMs) },
        { u"windowMs"_s, double(ReportWindowMs) },
        { u"preBreakTotalMeanBitsPerSecond"_s, r.preBreakTotalMeanBits },
        { u"brokenPathPreBreakMeanBitsPerSecond"_s, r.brokenPathPreBreakMeanBits },
        { u"failoverMs"_s, optionalMs(r.failoverMs) },
        { u"outageMs"_s, optionalMs(r.outageMs) },
        { u"pathReturnMs"_s, optionalMs(r.pathReturnMs) },
        { u"slowFailoverCauses"_s, causes },
        { u"phases"_s, phases },
        { u"events"_s, events },
        { u"summary"_s, summaryText(r) },
    };
}

QString toCsv(const QMap<QString, QList<TimePoint>> &paths, const QList<TimePoint> &total)
{
    QString out = u"at_ms,t_s"_s;
    for (const QString &path : paths.keys())
        out += u',' + path + u"_bps"_s;
    out += u",total_bps\n"_s;
    if (total.isEmpty())
        return out;
    // Path points carry the same stamps as the total point they were summed into.
    QMap<QString, QHash<qint64, double>> byTime;
    for (auto it = paths.cbegin(); it != paths.cend(); ++it) {
        for (const TimePoint &p : it.value())
            byTime[it.key()].insert(p.atMs, p.value);
    }
    const qint64 origin = total.first().atMs;
    for (const TimePoint &t : total) {
        out += QString::number(t.atMs) + u',' + QString::number(double(t.atMs - origin) / 1000.0, 'f', 3);
        for (const QString &path : paths.keys()) {
            const QHash<qint64, double> &column = byTime[path];
            const auto v = column.constFind(t.atMs);
            out += u',' + (v != column.cend() ? QString::number(*v, 'f', 0) : QString());
        }
        out += u',' + QString::number(t.value, 'f', 0) + u'\n';
    }
    return out;
}

} // namespace mlab
