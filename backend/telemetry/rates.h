#pragma once

// Cumulative counters -> rates, and per-path throughput.
//
// Series names (all values in bits/s, stamped with the sample's monotonicMs()):
//   "path/<path>"          bits/s delivered on the path in both directions: the sum of the rx byte rates of the
//                          path's interfaces on every node (each frame is received exactly once), from the
//                          nodes' /proc/net/dev counters.
//   "total"                the sum of every "path/<path>" (management traffic not included).
//   "switch/path/<path>"   the same seen by the switch: the sum of the OUT byte rates of the switch ports the
//                          path's interfaces are plugged into (SSH-free, so it still works if a node is slow).
//   "switch/total"         the sum of every "switch/path/<path>".
//   "subflow/<node>/<token>/<localaddr:port>"  bytes_acked + bytes_received rate of one MPTCP subflow, from the
//                          `ss -tniM` snapshots (SubflowModel::update()). The engine drops the series a while after
//                          the subflow closed (TelemetryHub::ClosedSubflowSeriesKeepMs).

#include "lab/labmodel.h"
#include "telemetry/samples.h"
#include "telemetry/timeseries.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace mlab {

namespace series {
QString path(const QString &pathName);
QString total();
QString switchPath(const QString &pathName);
QString switchTotal();
QString subflow(const QString &node, const QString &token, const QString &localAddressAndPort);
} // namespace series

// Bits/s between successive readings of one cumulative byte counter. Intervals may be irregular (a late
// sampler tick); the rate is always over the real elapsed time.
class CounterRate
{
public:
    // nullopt for the first reading, when time did not advance, and after a counter reset (an interface
    // recreated: the counter restarts from ~0), which only rebases. A 32-bit counter that wrapped past
    // 2^32 is unwrapped.
    std::optional<double> update(qint64 atMs, qint64 bytes);
    void reset() { m_hasPrevious = false; }

private:
    bool m_hasPrevious = false;
    qint64 m_lastMs = 0;
    qint64 m_lastBytes = 0;
};

class PathThroughput
{
public:
    // A node or switch reading older than this no longer counts towards the paths (the sampler died).
    static constexpr qint64 DefaultStaleAfterMs = 1000;

    explicit PathThroughput(Lab lab, qint64 staleAfterMs = DefaultStaleAfterMs);

    // One node's counters; returns "path/<p>" for every path and "total", stamped sample.atMs, using the
    // latest fresh rates of the other nodes. Empty until a rate exists (the node's first sample only primes).
    QList<SeriesPoint> addCounters(const CounterSample &sample);
    // The switch's port counters; returns "switch/path/<p>" and "switch/total".
    QList<SeriesPoint> addSwitch(const SwitchSample &sample);

private:
    struct RateState
    {
        CounterRate counter;
        double bitsPerSecond = 0;
        qint64 atMs = 0;
        bool valid = false;
    };

    Lab m_lab;
    qint64 m_staleAfterMs;
    QHash<QString, RateState> m_interfaceRx; // "node/ifname"
    QHash<int, RateState> m_portOut; // switch port
};

} // namespace mlab
