#pragma once

// The demo's report: per-phase statistics (before, during, after a break) and derived times, computed from the
// throughput series alone, so the same report comes out of a live run or a saved capture. Pure: no I/O.
//
// Everything is measured on 100 ms windows laid from the break time (before it: backwards from the break).
// A window's value is the time-weighted mean of the rate series over it; a point stands for the rate over the
// interval since the previous point, so irregular sampling is handled. Windows with no data are left out.
//
// Derived times (each absent when it did not happen), the definitions our failover benchmark uses:
//   failover   break -> start of the first run of >= 5 consecutive windows (0.5 s) in which the surviving paths
//              together carry at least 80% of their own pre-break mean AND at least a quarter of the pre-break
//              mean total. The run length keeps the data still in flight just after the break, before the dip,
//              from counting as recovery; the quarter keeps a surviving path that carried nothing before the break
//              (a backup) from counting at once, since 80% of nothing is nothing.
//   outage     the summed length of the windows between break and restore (or the end) in which the total
//              stayed below 10% of the pre-break mean total.
//   pathReturn restore -> start of the first window in which the broken path carries more than 5% of its
//              pre-break mean.
//
// A failover of a second or more (or none) is "slow": the report then lists the subflows that held MPTCP's
// connection-level retransmit timer back, the joins seen in SYN-SENT at the break or during it (DOMAIN.md,
// "Failover after a silent break"), read from the subflow table's snapshots.

#include "telemetry/eventlog.h"
#include "telemetry/timeseries.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace mlab {

struct SubflowSnapshotJson
{
    qint64 atMs = 0;
    QJsonArray subflows; // SubflowModel::toJson()
};

// How the link was broken, as the break event's detail "mode" says.
inline constexpr QStringView BreakModeCut = u"cut"; // port moved to a dead VLAN: silent, no node sees it
inline constexpr QStringView BreakModeUnplug = u"unplug"; // carrier down inside the node: the node sees it

struct ReportInput
{
    QString labName;
    QMap<QString, QList<TimePoint>> paths; // path name -> bits/s ("path/<name>" or "switch/path/<name>")
    QList<TimePoint> total; // bits/s
    qint64 breakAtMs = 0;
    std::optional<qint64> restoreAtMs;
    QString brokenPath; // e.g. "path1"
    QString brokenLink; // e.g. "NodeA:eth0", for the text
    QString breakMode = BreakModeCut.toString(); // "cut" or "unplug"
    QString routing; // the lab's failover.routing: "symmetric" or "tutorial"
    QList<LabEvent> events;
    QList<SubflowSnapshotJson> subflowSnapshots;
};

struct PhaseStats
{
    QString name; // "before", "during", "after"
    qint64 startMs = 0;
    qint64 endMs = 0;
    int windows = 0; // 100 ms windows with data
    QMap<QString, double> meanBits; // per path
    QMap<QString, double> medianBits;
    double totalMeanBits = 0;
    double totalMedianBits = 0;
    QJsonArray subflows; // last state of every subflow seen in the phase, plus "healthsSeen"
    int maxBackoffOnBrokenPath = 0;

    qint64 durationMs() const { return endMs - startMs; }
};

// A subflow that held MPTCP's connection-level retransmit timer back during the break: a join seen in SYN-SENT
// at the break or during it, whose pending SYN timer the connection waited for.
struct SlowFailoverCause
{
    QString key; // the subflow's key in the subflow table
    QString node; // the node whose join it is (the client)
    QString remoteNode; // the node it tried to reach
    QString localEndpoint; // "10.168.1.1:57451"
    QString remoteEndpoint; // "10.168.2.2:5001"
    QString path; // the local address's path
    QString remotePath; // the remote address's path; another one for a cross-path join
    bool crossPath = false;
    int backoff = 0; // the highest SYN backoff seen
    int retransmits = 0; // the most SYN resends seen
    double rtoMs = 0; // the longest SYN retransmit timer seen
    qint64 firstSeenMs = 0; // the first and last of those snapshots that saw it in SYN-SENT
    qint64 lastSeenMs = 0;
    QString reason; // the subflow table's reason at the last of those snapshots
};

struct DemoReport
{
    QString labName;
    QStringList paths;
    QString brokenPath;
    QString brokenLink;
    QString breakMode; // "cut" or "unplug"
    QString routing; // the lab's failover.routing
    qint64 startMs = 0; // first sample
    qint64 endMs = 0; // last sample
    qint64 breakAtMs = 0;
    std::optional<qint64> restoreAtMs;
    QList<PhaseStats> phases; // before, during, and after when there was a restore
    double preBreakTotalMeanBits = 0;
    double brokenPathPreBreakMeanBits = 0;
    std::optional<qint64> failoverMs;
    std::optional<qint64> outageMs;
    std::optional<qint64> pathReturnMs;
    QList<SlowFailoverCause> slowFailoverCauses; // empty unless failoverIsSlow()
    QList<LabEvent> events;

    const PhaseStats *phase(const QString &name) const;
    bool isUnplug() const { return breakMode == BreakModeUnplug; }
    bool tutorialRouting() const { return routing == u"tutorial"; }
    // There was traffic before a break inside the recording, so failover, outage and path return were measured.
    bool failoverMeasured() const;
    // Measured, and took SlowFailoverMs or more, or never happened.
    bool failoverIsSlow() const;
};

constexpr qint64 ReportWindowMs = 100;
constexpr qint64 SlowFailoverMs = 1000; // from here on a viewer sees the stream stall

DemoReport computeReport(const ReportInput &in);
QJsonObject toJson(const DemoReport &report);
// One row per total point: "at_ms,t_s,<path>_bps...,total_bps"; t_s is seconds since the first point.
QString toCsv(const QMap<QString, QList<TimePoint>> &paths, const QList<TimePoint> &total);
// A few plain-English paragraphs for someone who has never seen MPTCP.
QString summaryText(const DemoReport &report);

} // namespace mlab
