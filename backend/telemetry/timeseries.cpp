#include "telemetry/timeseries.h"

#include <algorithm>
#include <vector>

namespace mlab {

struct TimeSeriesStore::Ring
{
    Ring(quint64 id, size_t capacity)
        : id(id)
        , capacity(capacity)
    {
        buffer.reserve(std::min(capacity, size_t(InitialReserve)));
    }

    const quint64 id;
    const size_t capacity;
    std::vector<TimePoint> buffer; // size() grows by doubling to capacity; reserve() keeps it exact
    size_t start = 0; // index of the oldest point
    size_t count = 0;
    quint64 appended = 0; // points ever pushed: the sequence number of the newest one

    const TimePoint &at(size_t i) const { return buffer[(start + i) % buffer.size()]; }
    quint64 sequenceOf(size_t i) const { return appended - count + 1 + i; }

    // True when the oldest point had to go.
    bool push(const TimePoint &p)
    {
        ++appended;
        if (count == buffer.size() && buffer.size() < capacity)
            grow();
        if (count < buffer.size()) {
            buffer[(start + count) % buffer.size()] = p;
            ++count;
            return false;
        }
        buffer[start] = p;
        start = (start + 1) % buffer.size();
        return true;
    }

    void grow()
    {
        std::rotate(buffer.begin(), buffer.begin() + std::ptrdiff_t(start), buffer.end());
        start = 0;
        const size_t size = std::min(capacity, std::max(size_t(InitialReserve), buffer.size() * 2));
        buffer.reserve(size);
        buffer.resize(size);
    }

    // First logical index whose atMs >= sinceMs.
    size_t lowerBound(qint64 sinceMs) const
    {
        size_t lo = 0;
        size_t hi = count;
        while (lo < hi) {
            const size_t mid = (lo + hi) / 2;
            if (at(mid).atMs < sinceMs)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    QList<TimePoint> copy(size_t first, size_t end) const
    {
        QList<TimePoint> out;
        out.reserve(qsizetype(end - first));
        for (size_t i = first; i < end; ++i)
            out.append(at(i));
        return out;
    }
};

TimeSeriesStore::TimeSeriesStore(int capacityPerSeries, int maxSeries)
    : m_capacity(std::max(1, capacityPerSeries))
    , m_maxSeries(std::max(1, maxSeries))
{ }

TimeSeriesStore::~TimeSeriesStore() = default;

bool TimeSeriesStore::append(const QString &name, qint64 atMs, double value)
{
    QWriteLocker locker(&m_lock);
    auto it = m_series.find(name);
    if (it == m_series.end()) {
        if (int(m_series.size()) >= m_maxSeries) {
            ++m_rejectedTooManySeries;
            return false;
        }
        it = m_series.emplace(name, std::make_unique<Ring>(++m_lastRingId, size_t(m_capacity))).first;
    }
    Ring &ring = *it->second;
    if (ring.count > 0 && atMs < ring.at(ring.count - 1).atMs) {
        ++m_rejectedOutOfOrder;
        return false;
    }
    if (ring.push({ atMs, value }))
        ++m_evicted;
    return true;
}

int TimeSeriesStore::append(const QList<SeriesPoint> &points)
{
    int accepted = 0;
    for (const SeriesPoint &p : points)
        accepted += append(p.name, p.atMs, p.value) ? 1 : 0;
    return accepted;
}

QMap<QString, QList<TimePoint>> TimeSeriesStore::appendedSince(Cursor &cursor) const
{
    QReadLocker locker(&m_lock);
    QMap<QString, QList<TimePoint>> out;
    // Rebuilt from the series that exist, so marks of removed series do not pile up over a long run.
    QHash<QString, Cursor::Mark> marks;
    marks.reserve(qsizetype(m_series.size()));
    for (const auto &[name, ring] : m_series) {
        const auto mark = cursor.m_marks.constFind(name);
        const quint64 seen = mark != cursor.m_marks.cend() && mark->ringId == ring->id ? mark->sequence : 0;
        marks.insert(name, Cursor::Mark { ring->id, ring->appended });
        if (ring->appended <= seen || ring->count == 0)
            continue;
        const quint64 oldest = ring->sequenceOf(0);
        const size_t first = seen < oldest ? 0 : size_t(seen - oldest + 1);
        out.insert(name, ring->copy(first, ring->count));
    }
    cursor.m_marks = std::move(marks);
    return out;
}

TimeSeriesStore::Page TimeSeriesStore::page(qint64 sinceMs, qsizetype maxPoints) const
{
    QReadLocker locker(&m_lock);
    struct Span
    {
        const QString *name;
        const Ring *ring;
        size_t first;
    };
    std::vector<Span> spans;
    qsizetype total = 0;
    qint64 oldest = std::numeric_limits<qint64>::max();
    qint64 newest = std::numeric_limits<qint64>::min();
    for (const auto &[name, ring] : m_series) {
        const size_t first = ring->lowerBound(sinceMs);
        if (first == ring->count)
            continue;
        spans.push_back({ &name, ring.get(), first });
        total += qsizetype(ring->count - first);
        oldest = std::min(oldest, ring->at(first).atMs);
        newest = std::max(newest, ring->at(ring->count - 1).atMs);
    }

    Page page;
    auto take = [&](qint64 untilMs) {
        for (const Span &span : spans) {
            const size_t end
                = untilMs == std::numeric_limits<qint64>::max() ? span.ring->count : span.ring->lowerBound(untilMs);
            if (end > span.first) {
                page.series.insert(*span.name, span.ring->copy(span.first, end));
                page.pointCount += qsizetype(end - span.first);
            }
        }
    };
    if (total <= std::max<qsizetype>(0, maxPoints)) {
        take(std::numeric_limits<qint64>::max());
        return page;
    }

    auto countBefore = [&](qint64 untilMs) {
        qsizetype n = 0;
        for (const Span &span : spans)
            n += qsizetype(span.ring->lowerBound(untilMs) - span.first);
        return n;
    };
    // The latest cut that keeps the page within maxPoints: countBefore(lo) fits, countBefore(hi) does not.
    qint64 lo = oldest;
    qint64 hi = newest + 1;
    while (hi - lo > 1) {
        const qint64 mid = lo + (hi - lo) / 2;
        (countBefore(mid) <= maxPoints ? lo : hi) = mid;
    }
    // Too many points share the oldest stamp: take that stamp whole rather than never get past it.
    const qint64 cut = lo == oldest ? oldest + 1 : lo;
    take(cut);
    page.truncated = true;
    page.nextSinceMs = cut;
    return page;
}

QList<TimePoint> TimeSeriesStore::points(const QString &name, qint64 sinceMs) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_series.find(name);
    if (it == m_series.end())
        return {};
    const Ring &ring = *it->second;
    return ring.copy(ring.lowerBound(sinceMs), ring.count);
}

std::optional<TimePoint> TimeSeriesStore::latest(const QString &name) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_series.find(name);
    if (it == m_series.end() || it->second->count == 0)
        return std::nullopt;
    return it->second->at(it->second->count - 1);
}

QStringList TimeSeriesStore::names() const
{
    QReadLocker locker(&m_lock);
    QStringList out;
    out.reserve(qsizetype(m_series.size()));
    for (const auto &[name, ring] : m_series)
        out.append(name);
    out.sort();
    return out;
}

qsizetype TimeSeriesStore::size(const QString &name) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_series.find(name);
    return it == m_series.end() ? 0 : qsizetype(it->second->count);
}

qsizetype TimeSeriesStore::reserved(const QString &name) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_series.find(name);
    return it == m_series.end() ? 0 : qsizetype(it->second->buffer.capacity());
}

qint64 TimeSeriesStore::rejected() const
{
    QReadLocker locker(&m_lock);
    return m_rejectedOutOfOrder + m_rejectedTooManySeries;
}

qint64 TimeSeriesStore::rejected(Rejection reason) const
{
    QReadLocker locker(&m_lock);
    switch (reason) {
    case Rejection::OutOfOrder:
        return m_rejectedOutOfOrder;
    case Rejection::TooManySeries:
        return m_rejectedTooManySeries;
    }
    return 0;
}

qint64 TimeSeriesStore::evicted() const
{
    QReadLocker locker(&m_lock);
    return m_evicted;
}

void TimeSeriesStore::remove(const QString &name)
{
    QWriteLocker locker(&m_lock);
    m_series.erase(name);
}

void TimeSeriesStore::clear()
{
    QWriteLocker locker(&m_lock);
    m_series.clear();
    m_rejectedOutOfOrder = 0;
    m_rejectedTooManySeries = 0;
    m_evicted = 0;
}

} // namespace mlab
