#include "engine/telemetryhub.h"

#include "sampling/nodesampler.h"
#include "sampling/switchsampler.h"
#include "telemetry/telemetryclock.h"

#include <QMutexLocker>
#include <QSet>

namespace mlab {

namespace {
constexpr int BatchMs = 200; // 10 Hz samples reach clients 5 at a time
constexpr int SwitchSampleHz = 10;
constexpr int SubflowHistoryLimit = 4000; // ~15 minutes of 2 nodes at 2 Hz
} // namespace

TelemetryHub::TelemetryHub(Lab lab, QObject *parent)
    : TelemetryHub(std::move(lab), StoreLimits {}, parent)
{ }

TelemetryHub::TelemetryHub(Lab lab, StoreLimits limits, QObject *parent)
    : QObject(parent)
    , m_lab(lab)
    , m_store(limits.pointsPerSeries, limits.maxSeries)
    , m_throughput(lab)
    , m_subflows(std::move(lab))
    , m_batchTimer(this)
{
    // A child, so that moveToThread() takes the timer along to the telemetry thread.
    qRegisterMetaType<QMap<QString, mlab::SshTarget>>();
    m_batchTimer.setInterval(BatchMs);
    connect(&m_batchTimer, &QTimer::timeout, this, &TelemetryHub::publishBatch);
}

TelemetryHub::~TelemetryHub()
{
    stop();
}

void TelemetryHub::start(const QMap<QString, SshTarget> &nodes, const QString &switchManagementSocket)
{
    stop();
    m_running = true;
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
        auto sampler = std::make_unique<NodeSampler>(it.value(), it.key(), SamplerRates {});
        connect(sampler.get(), &NodeSampler::counters, this, &TelemetryHub::onCounters);
        connect(sampler.get(), &NodeSampler::subflows, this, &TelemetryHub::onSubflows);
        connect(sampler.get(), &NodeSampler::mptcpEvent, this, &TelemetryHub::onMptcpEvent);
        connect(sampler.get(), &NodeSampler::nstat, this, &TelemetryHub::onNstat);
        connect(sampler.get(), &NodeSampler::failed, this, [this](const QString &reason) {
            note(QStringLiteral("note"), reason);
            Q_EMIT samplerFailed(reason);
        });
        sampler->start();
        m_nodeSamplers.push_back(std::move(sampler));
    }
    m_switchSampler = std::make_unique<SwitchSampler>(switchManagementSocket, SwitchSampleHz);
    connect(m_switchSampler.get(), &SwitchSampler::sample, this, &TelemetryHub::onSwitch);
    connect(m_switchSampler.get(), &SwitchSampler::failed, this, [this](const QString &reason) {
        note(QStringLiteral("note"), reason);
        Q_EMIT samplerFailed(reason);
    });
    m_switchSampler->start();
    m_batchTimer.start();
}

void TelemetryHub::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_batchTimer.stop();
    for (const auto &sampler : m_nodeSamplers) {
        sampler->disconnect(this);
        sampler->stop();
    }
    m_nodeSamplers.clear();
    if (m_switchSampler) {
        m_switchSampler->disconnect(this);
        m_switchSampler->stop();
    }
    m_switchSampler.reset();
}

void TelemetryHub::note(const QString &kind, const QString &text, const QJsonObject &detail)
{
    m_events.append(LabEvent { monotonicMs(), kind, QString(), text, detail });
}

void TelemetryHub::appendPoints(const QList<SeriesPoint> &points)
{
    if (points.isEmpty())
        return;
    m_store.append(points);
    // Once each: a cap that drops points keeps dropping them, and a note per point would flood the log.
    const qint64 atMs = points.last().atMs;
    if (!m_seriesCapNoted && m_store.rejected(TimeSeriesStore::Rejection::TooManySeries) > 0) {
        m_seriesCapNoted = true;
        m_events.append(LabEvent { atMs, QStringLiteral("note"), QString(),
            QStringLiteral("telemetry holds at most %1 series: a new series is dropped while that many exist")
                .arg(m_store.maxSeries()),
            { { QStringLiteral("cap"), QStringLiteral("series") },
                { QStringLiteral("limit"), m_store.maxSeries() } } });
    }
    if (!m_pointCapNoted && m_store.evicted() > 0) {
        m_pointCapNoted = true;
        m_events.append(LabEvent { atMs, QStringLiteral("note"), QString(),
            QStringLiteral("telemetry keeps the last %1 points of each series: older points are dropped from now on")
                .arg(m_store.capacity()),
            { { QStringLiteral("cap"), QStringLiteral("pointsPerSeries") },
                { QStringLiteral("limit"), m_store.capacity() } } });
    }
}

void TelemetryHub::onCounters(const CounterSample &sample)
{
    appendPoints(m_throughput.addCounters(sample));
}

void TelemetryHub::onSwitch(const SwitchSample &sample)
{
    appendPoints(m_throughput.addSwitch(sample));
}

// A subflow leaves the model keepClosedMs after it closed; its series stays ClosedSubflowSeriesKeepMs after its
// last point (written while the subflow was alive), then goes.
void TelemetryHub::dropClosedSubflowSeries(qint64 nowMs)
{
    QSet<QString> live;
    for (const SubflowInfo &subflow : m_subflows.subflows())
        live.insert(series::subflow(subflow.node, subflow.token, subflow.localEndpoint()));
    for (const QString &name : m_store.names()) {
        if (!name.startsWith(QLatin1String("subflow/")) || live.contains(name))
            continue;
        const std::optional<TimePoint> last = m_store.latest(name);
        if (!last || nowMs - last->atMs >= ClosedSubflowSeriesKeepMs)
            m_store.remove(name);
    }
}

void TelemetryHub::onSubflows(const SubflowSample &sample)
{
    appendPoints(m_subflows.update(sample));
    m_subflows.expire(sample.atMs);
    dropClosedSubflowSeries(sample.atMs);
    QMutexLocker lock(&m_subflowMutex);
    m_subflowJson = m_subflows.toJson();
    m_subflowsChanged = true;
    m_subflowHistory.append({ sample.atMs, m_subflowJson });
    if (m_subflowHistory.size() > SubflowHistoryLimit)
        m_subflowHistory.removeFirst();
}

void TelemetryHub::onMptcpEvent(const MptcpEventSample &sample)
{
    QJsonObject detail;
    for (auto it = sample.event.attributes.cbegin(); it != sample.event.attributes.cend(); ++it)
        detail.insert(it.key(), it.value());
    const MptcpEvent &event = sample.event;
    QString text = event.name;
    if (!event.token.isEmpty())
        text += QStringLiteral(" token %1").arg(event.token);
    if (!event.localAddress.isEmpty() || !event.remoteAddress.isEmpty())
        text += QStringLiteral(" %1:%2 -> %3:%4")
                    .arg(event.localAddress)
                    .arg(event.localPort)
                    .arg(event.remoteAddress)
                    .arg(event.remotePort);
    m_events.append(LabEvent { sample.atMs, QStringLiteral("mptcp"), sample.node, text, detail });
}

// A silent break raises no path-manager event; the kernel's MIB counters are
// the only other place it shows. A rise becomes an event on the timeline.
void TelemetryHub::onNstat(const NstatSample &sample)
{
    static const QList<std::pair<QString, QString>> watched {
        { QStringLiteral("MPTcpExtSubflowStale"),
            QStringLiteral("a subflow was marked stale (no progress: path failing)") },
        { QStringLiteral("MPTcpExtSubflowRecover"),
            QStringLiteral("a stale subflow recovered (its path works again)") },
    };
    QMap<QString, qint64> &last = m_lastNstat[sample.node];
    for (const auto &[counter, meaning] : watched) {
        const qint64 value = sample.counters.value(counter, -1);
        if (value < 0)
            continue;
        if (last.contains(counter) && value > last.value(counter)) {
            m_events.append(LabEvent { sample.atMs, QStringLiteral("mptcp"), sample.node,
                QStringLiteral("%1 (%2 +%3)").arg(meaning, counter).arg(value - last.value(counter)),
                { { counter, value } } });
        }
        last.insert(counter, value);
    }
}

namespace {

QJsonObject seriesJson(const QMap<QString, QList<TimePoint>> &series)
{
    QJsonObject out;
    for (auto it = series.cbegin(); it != series.cend(); ++it) {
        QJsonArray points;
        for (const TimePoint &point : *it)
            points.append(QJsonArray { point.atMs, point.value });
        out.insert(it.key(), points);
    }
    return out;
}

QJsonArray eventsJson(const QList<LabEvent> &events)
{
    QJsonArray array;
    for (const LabEvent &event : events)
        array.append(toJson(event));
    return array;
}

} // namespace

void TelemetryHub::publishBatch()
{
    Q_EMIT batchReady(takeBatch(monotonicMs()));
}

QJsonObject TelemetryHub::takeBatch(qint64 nowMs)
{
    const EventLog::Appended events = m_events.appendedAfter(m_publishedEvents);
    m_publishedEvents = events.sequence;
    QJsonObject batch { { QStringLiteral("now"), nowMs },
        { QStringLiteral("series"), seriesJson(m_store.appendedSince(m_publishedPoints)) },
        { QStringLiteral("events"), eventsJson(events.events) } };
    QMutexLocker lock(&m_subflowMutex);
    if (m_subflowsChanged)
        batch.insert(QStringLiteral("subflows"), m_subflowJson);
    m_subflowsChanged = false;
    return batch;
}

QJsonObject TelemetryHub::history(qint64 sinceMs, int maxPoints, SubflowTables tables) const
{
    const TimeSeriesStore::Page page = m_store.page(sinceMs, maxPoints);
    // Events and tables stop where the points do, so the next page neither repeats nor skips them.
    auto inPage = [&](qint64 atMs) { return atMs >= sinceMs && (!page.truncated || atMs < page.nextSinceMs); };
    QList<LabEvent> events = m_events.since(sinceMs);
    events.removeIf([&](const LabEvent &event) { return !inPage(event.atMs); });
    QJsonArray snapshots;
    QJsonArray table;
    {
        QMutexLocker lock(&m_subflowMutex);
        for (const auto &[atMs, subflows] : m_subflowHistory) {
            if (tables == SubflowTables::Included && inPage(atMs))
                snapshots.append(
                    QJsonObject { { QStringLiteral("atMs"), atMs }, { QStringLiteral("subflows"), subflows } });
        }
        table = m_subflowJson;
    }
    QJsonObject reply { { QStringLiteral("now"), monotonicMs() }, { QStringLiteral("series"), seriesJson(page.series) },
        { QStringLiteral("events"), eventsJson(events) }, { QStringLiteral("subflows"), table },
        { QStringLiteral("subflowHistory"), snapshots }, { QStringLiteral("truncated"), page.truncated } };
    if (page.truncated)
        reply.insert(QStringLiteral("nextSinceMs"), page.nextSinceMs);
    return reply;
}

QJsonArray TelemetryHub::subflowTable() const
{
    QMutexLocker lock(&m_subflowMutex);
    return m_subflowJson;
}

} // namespace mlab
