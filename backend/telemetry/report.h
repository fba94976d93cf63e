#pragma once

// The demo's report: per-phase statistics (before, during, after a break) and derived times, computed from the
// throughput series alone, so the same report comes out of a live run or a saved capture. Pure: no I/O.
//
// Everything is measured on 100 ms windows laid from the break time (before it: backwards from the break).
// A window's value is the time-weighted mean of the rate series over it; a point stands for the rate over the
// interval since the previous point, so irregular sampling is handled. Windows with no data are left out.
//
// Derived times (each absent when it did not happen):
//   failover   break -> start of the first run of >= 5 consecutive windows in which the surviving paths
//              together carry more than a quarter of the pre-break mean total. The run length keeps the data
//              still in flight just after the break, before the dip, from counting as recovery.
//   outage     the summed length of the windows between break and restore (or the end) in which the total
//              stayed below 10% of the pre-break mean total.
//   pathReturn restore -> start of the first window in which the broken path carries more than 5% of its
//              pre-break mean.

#include "telemetry/eventlog.h"
#include "telemetry/timeseries.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace mlab {

struct SubflowSnapshotJson
{
    qint64 atMs = 0;
    QJsonArray subflows; // SubflowModel::toJson()
};

struct ReportInput
{
    QString labName;
    QMap<QString, QList<TimePoint>> paths; // path name -> bits/s ("path/<name>" or "switch/path/<name>")
    QList<TimePoint> total; // bits/s
    qint64 breakAtMs = 0;
    std::optional<qint64> restoreAtMs;
    QString brokenPath; // e.g. "path1"
    QString brokenLink; // e.g. "NodeA:eth0", for the text
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

struct DemoReport
{
    QString labName;
    QStringList paths;
    QString brokenPath;
    QString brokenLink;
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
    QList<LabEvent> events;

    const PhaseStats *phase(const QString &name) const;
};

constexpr qint64 ReportWindowMs = 100;

DemoReport computeReport(const ReportInput &in);
QJsonObject toJson(const DemoReport &report);
// One row per total point: "at_ms,t_s,<path>_bps...,total_bps"; t_s is seconds since the first point.
QString toCsv(const QMap<QString, QList<TimePoint>> &paths, const QList<TimePoint> &total);
// A few plain-English paragraphs for someone who has never seen MPTCP.
QString summaryText(const DemoReport &report);

} // namespace mlab
