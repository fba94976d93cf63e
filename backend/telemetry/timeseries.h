#pragma once

// Named series of (atMs, value) points in ring buffers that grow on demand up to a fixed capacity: memory stays
// bounded however long the lab runs, and a short-lived series costs little. One writer thread (the engine's
// sampler side) appends; any number of other threads read copies.
// atMs comes from monotonicMs() (telemetryclock.h), shared with the event log.

#include <QHash>
#include <QList>
#include <QMap>
#include <QReadWriteLock>
#include <QString>
#include <QStringList>

#include <limits>
#include <memory>
#include <optional>
#include <unordered_map>

namespace mlab {

struct TimePoint
{
    qint64 atMs = 0;
    double value = 0;
    bool operator==(const TimePoint &) const = default;
};

// A point on its way into a store, named as in rates.h.
struct SeriesPoint
{
    QString name;
    qint64 atMs = 0;
    double value = 0;
};

class TimeSeriesStore
{
public:
    // One hour at 10 Hz is 36000 points; a little more so a late sampler tick never pushes out the hour's start.
    static constexpr int DefaultCapacity = 40000;
    // Subflow series come and go with connections: a cap keeps a long run with many connections bounded too.
    static constexpr int DefaultMaxSeries = 512;
    // What a new series reserves; it doubles as it fills, up to the capacity. Most subflow series live for
    // seconds, and preallocating every ring would cost ~330 MB at the series cap.
    static constexpr int InitialReserve = 64;

    enum class Rejection {
        OutOfOrder, // older than the series' latest point
        TooManySeries, // a new series while maxSeries exist
    };

    // How far a reader got in every series, for appendedSince(). Starts at nothing read.
    class Cursor
    {
        friend class TimeSeriesStore;
        struct Mark
        {
            quint64 ringId = 0;
            quint64 sequence = 0;
        };
        QHash<QString, Mark> m_marks;
    };

    explicit TimeSeriesStore(int capacityPerSeries = DefaultCapacity, int maxSeries = DefaultMaxSeries);
    ~TimeSeriesStore();
    TimeSeriesStore(const TimeSeriesStore &) = delete;
    TimeSeriesStore &operator=(const TimeSeriesStore &) = delete;

    // False when the point is older than the series' latest (series are kept in time order so range reads
    // can binary-search) or when a new series would pass maxSeries; such points are counted in rejected().
    bool append(const QString &name, qint64 atMs, double value);
    int append(const QList<SeriesPoint> &points); // how many were accepted

    // Every point appended since the cursor was last passed here, per series (only series with new points),
    // oldest first; moves the cursor to the end. Every point of a series has the next number of that series'
    // sequence, so a reader sees each point exactly once whatever its stamp: a sampler's block can arrive after
    // the reader went past its stamps, and a time cursor would lose it. Points a full ring pushed out before
    // they were read are gone; a series removed and made again starts over.
    QMap<QString, QList<TimePoint>> appendedSince(Cursor &cursor) const;

    // The oldest points with atMs >= sinceMs, about maxPoints in all across series: a bounded read of a long
    // history. Whole stamps only, so that the next page can start where this one ended: when truncated, the page
    // holds exactly the points with sinceMs <= atMs < nextSinceMs. A page always holds at least its first stamp,
    // so it can pass maxPoints by up to one point per series.
    struct Page
    {
        QMap<QString, QList<TimePoint>> series; // only series with points in the page
        qsizetype pointCount = 0;
        bool truncated = false;
        qint64 nextSinceMs = 0; // when truncated: where the next page starts
    };
    Page page(qint64 sinceMs, qsizetype maxPoints) const;

    // Points with atMs >= sinceMs, oldest first.
    QList<TimePoint> points(const QString &name, qint64 sinceMs = std::numeric_limits<qint64>::min()) const;
    std::optional<TimePoint> latest(const QString &name) const;
    QStringList names() const; // sorted
    qsizetype size(const QString &name) const;
    qsizetype reserved(const QString &name) const; // points the series has memory for now (size() to capacity())
    int capacity() const { return m_capacity; }
    int maxSeries() const { return m_maxSeries; }
    qint64 rejected() const; // for any reason
    qint64 rejected(Rejection reason) const;
    qint64 evicted() const; // old points that full rings pushed out for new ones
    void remove(const QString &name);
    void clear();

private:
    struct Ring;
    const int m_capacity;
    const int m_maxSeries;
    mutable QReadWriteLock m_lock;
    std::unordered_map<QString, std::unique_ptr<Ring>> m_series;
    quint64 m_lastRingId = 0;
    qint64 m_rejectedOutOfOrder = 0;
    qint64 m_rejectedTooManySeries = 0;
    qint64 m_evicted = 0;
};

} // namespace mlab
