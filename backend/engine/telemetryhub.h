#pragma once

#include "lab/labmodel.h"
#include "ssh/sshconnection.h"
#include "telemetry/eventlog.h"
#include "telemetry/rates.h"
#include "telemetry/samples.h"
#include "telemetry/subflowmodel.h"
#include "telemetry/timeseries.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace mlab {

class NodeSampler;
class SwitchSampler;

// The engine's telemetry: samplers on every node and on the switch feed one
// store of time series, one subflow model and one event log, all on the
// same monotonic clock. Clients get what is new every batchMs as one pushed
// message, and can fetch the history when they attach late.
// Lives on the engine's telemetry thread; note(), history() and subflowTable()
// may be called from any thread.
class TelemetryHub : public QObject
{
    Q_OBJECT
public:
    // A history reply holds about this many points at most (~6 MB of JSON); a client pages for the rest.
    static constexpr int DefaultHistoryMaxPoints = 200000;
    // A closed subflow's series stays this long after its last point, so that a history fetched a little later
    // still shows how it ended; then it goes: a long run opens thousands of subflows.
    static constexpr qint64 ClosedSubflowSeriesKeepMs = 5 * 60 * 1000;

    struct StoreLimits
    {
        int pointsPerSeries = TimeSeriesStore::DefaultCapacity;
        int maxSeries = TimeSeriesStore::DefaultMaxSeries;
    };

    explicit TelemetryHub(Lab lab, QObject *parent = nullptr);
    TelemetryHub(Lab lab, StoreLimits limits, QObject *parent = nullptr);
    ~TelemetryHub() override;

    void start(const QMap<QString, SshTarget> &nodes, const QString &switchManagementSocket);
    void stop();
    bool isRunning() const { return m_running; }

    // A break, a restore, a demo phase: stamped now, kept with the samples.
    void note(const QString &kind, const QString &text, const QJsonObject &detail = {});

    // {now, series, events, subflows, subflowHistory, truncated[, nextSinceMs]}: the oldest points with
    // atMs >= sinceMs, about maxPoints in all (TimeSeriesStore::page()). When truncated, series, events and
    // subflowHistory all stop before nextSinceMs, and asking again from nextSinceMs gives the rest, each
    // point once (appendHistoryPage() in historyjson.h puts pages together); subflows is the table now.
    // The tables of the past are left out on request: a whole table every half second, they can outweigh the
    // points many times over, and only the report needs them.
    enum class SubflowTables { Included, Left };
    QJsonObject history(
        qint64 sinceMs, int maxPoints = DefaultHistoryMaxPoints, SubflowTables tables = SubflowTables::Included) const;
    QJsonArray subflowTable() const;

    // The samplers' signals land here (start() connects them); public so that tests feed samples without SSH.
    void onCounters(const CounterSample &sample);
    void onSubflows(const SubflowSample &sample);
    void onMptcpEvent(const MptcpEventSample &sample);
    void onNstat(const NstatSample &sample);
    void onSwitch(const SwitchSample &sample);

    // What publishBatch() sends every BatchMs: {now: nowMs, series, events[, subflows]} with every point and
    // event that reached the hub since the previous batch, each exactly once, whatever its stamp; subflows
    // when the table changed. Public so that tests choose the moments.
    QJsonObject takeBatch(qint64 nowMs);

Q_SIGNALS:
    void batchReady(const QJsonObject &batch);
    void samplerFailed(const QString &reason);

private:
    void publishBatch();
    void appendPoints(const QList<SeriesPoint> &points);
    void dropClosedSubflowSeries(qint64 nowMs);

    Lab m_lab;
    TimeSeriesStore m_store;
    EventLog m_events;
    PathThroughput m_throughput;
    SubflowModel m_subflows;
    mutable QMutex m_subflowMutex; // m_subflowJson is read from other threads
    QJsonArray m_subflowJson;
    // Recent subflow tables with their time, for reports on a run (bounded).
    QList<QPair<qint64, QJsonArray>> m_subflowHistory;
    bool m_subflowsChanged = false;
    QHash<QString, QMap<QString, qint64>> m_lastNstat; // node -> counter -> value
    std::vector<std::unique_ptr<NodeSampler>> m_nodeSamplers;
    std::unique_ptr<SwitchSampler> m_switchSampler;
    QTimer m_batchTimer;
    TimeSeriesStore::Cursor m_publishedPoints;
    quint64 m_publishedEvents = 0; // EventLog sequence
    bool m_seriesCapNoted = false;
    bool m_pointCapNoted = false;
    bool m_running = false;
};

} // namespace mlab
