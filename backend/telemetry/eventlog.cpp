#include "telemetry/eventlog.h"

#include <algorithm>

namespace mlab {

using namespace Qt::StringLiterals;

QJsonObject toJson(const LabEvent &event)
{
    QJsonObject o { { u"atMs"_s, double(event.atMs) }, { u"kind"_s, event.kind }, { u"text"_s, event.text } };
    if (!event.node.isEmpty())
        o.insert(u"node"_s, event.node);
    if (!event.detail.isEmpty())
        o.insert(u"detail"_s, event.detail);
    return o;
}

EventLog::EventLog(int capacity)
    : m_capacity(std::max(1, capacity))
{ }

void EventLog::append(const LabEvent &event)
{
    QWriteLocker locker(&m_lock);
    // Nearly always the end; upper_bound keeps equal stamps in arrival order.
    const qsizetype index = std::upper_bound(m_events.cbegin(), m_events.cend(), event.atMs,
                                [](qint64 atMs, const LabEvent &e) { return atMs < e.atMs; })
        - m_events.cbegin();
    m_events.insert(index, event);
    m_sequences.insert(index, ++m_lastSequence);
    while (m_events.size() > m_capacity) {
        m_events.removeFirst(); // O(1) in Qt 6: QList keeps free space at its front
        m_sequences.removeFirst();
        ++m_dropped;
    }
}

QList<LabEvent> EventLog::since(qint64 atMs) const
{
    QReadLocker locker(&m_lock);
    const auto first = std::lower_bound(
        m_events.cbegin(), m_events.cend(), atMs, [](const LabEvent &e, qint64 t) { return e.atMs < t; });
    return QList<LabEvent>(first, m_events.cend());
}

EventLog::Appended EventLog::appendedAfter(quint64 sequence) const
{
    QReadLocker locker(&m_lock);
    Appended out { {}, m_lastSequence };
    // A late event sits anywhere in time order; the whole log is at most m_capacity entries.
    for (qsizetype i = 0; i < m_events.size(); ++i) {
        if (m_sequences.at(i) > sequence)
            out.events.append(m_events.at(i));
    }
    return out;
}

QList<LabEvent> EventLog::all() const
{
    QReadLocker locker(&m_lock);
    return m_events;
}

qsizetype EventLog::size() const
{
    QReadLocker locker(&m_lock);
    return m_events.size();
}

qint64 EventLog::dropped() const
{
    QReadLocker locker(&m_lock);
    return m_dropped;
}

void EventLog::clear()
{
    QWriteLocker locker(&m_lock);
    m_events.clear();
    m_sequences.clear();
    m_dropped = 0;
}

} // namespace mlab
