#pragma once

// What happened during a run, on the same monotonic clock as the time series: break and restore clicks,
// MPTCP path-manager events, demo phases, notes. Bounded; one writer, readers on other threads.

#include <QJsonObject>
#include <QList>
#include <QReadWriteLock>
#include <QString>

namespace mlab {

struct LabEvent
{
    qint64 atMs = 0;
    QString kind; // "break", "restore", "mptcp", "phase", "note"
    QString node; // empty when it concerns the lab (a switch port, the demo)
    QString text; // for a person: "NodeA:eth0 cut (port 10 moved to VLAN 4)"
    QJsonObject detail; // machine-readable extras, e.g. the MPTCP event's attributes

    bool operator==(const LabEvent &) const = default;
};

QJsonObject toJson(const LabEvent &event);

class EventLog
{
public:
    static constexpr int DefaultCapacity = 10000;
    explicit EventLog(int capacity = DefaultCapacity);

    // Kept in time order: events from two nodes can arrive slightly out of order. When full, the oldest goes.
    void append(const LabEvent &event);
    QList<LabEvent> since(qint64 atMs) const; // atMs >= the given time, oldest first
    QList<LabEvent> all() const;
    qsizetype size() const;
    int capacity() const { return m_capacity; }
    qint64 dropped() const; // how many old events the bound pushed out
    void clear();

private:
    const int m_capacity;
    mutable QReadWriteLock m_lock;
    QList<LabEvent> m_events;
    qint64 m_dropped = 0;
};

} // namespace mlab
