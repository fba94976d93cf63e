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

    struct Appended
    {
        QList<LabEvent> events; // in time order
        quint64 sequence = 0; // pass it to the next call
    };
    // The events appended after `sequence` (0: all) that are still held. Every event gets the next number of one
    // sequence as it arrives, so a reader that passes back the returned sequence sees each event exactly once,
    // even one stamped before the reader's previous call (a node's monitor line that came late).
    Appended appendedAfter(quint64 sequence) const;
    QList<LabEvent> all() const;
    qsizetype size() const;
    int capacity() const { return m_capacity; }
    qint64 dropped() const; // how many old events the bound pushed out
    void clear();

private:
    const int m_capacity;
    mutable QReadWriteLock m_lock;
    QList<LabEvent> m_events;
    QList<quint64> m_sequences; // m_sequences[i] is m_events[i]'s
    quint64 m_lastSequence = 0;
    qint64 m_dropped = 0;
};

} // namespace mlab
