#pragma once

// What the samplers deliver, stamped on arrival with monotonicMs().

#include "mptcp/monitorparser.h"
#include "mptcp/ssparser.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

namespace mlab {

// One interface's cumulative counters, as /proc/net/dev shows them.
struct InterfaceCounters
{
    QString name;
    qint64 rxBytes = 0;
    qint64 rxPackets = 0;
    qint64 txBytes = 0;
    qint64 txPackets = 0;
};

struct CounterSample
{
    QString node;
    qint64 atMs = 0;
    quint64 sequence = 0; // the sampler's tick number: gaps mean lost or late samples
    QList<InterfaceCounters> interfaces;
    // The node's own clock when it read the counters (its /proc/uptime in ms, 10 ms steps), -1 if unknown.
    // That is CLOCK_BOOTTIME: comparable with monotonicMs() only on the same kernel (namespace nodes).
    qint64 nodeClockMs = -1;
};

struct SubflowSample
{
    QString node;
    qint64 atMs = 0;
    SsSnapshot snapshot;
};

struct NstatSample
{
    QString node;
    qint64 atMs = 0;
    QMap<QString, qint64> counters; // e.g. "MPTcpExtSubflowStale" -> 2
};

struct MptcpEventSample
{
    QString node;
    qint64 atMs = 0;
    MptcpEvent event;
};

// The switch's per-port cumulative counters: an SSH-free view of every link.
struct SwitchPortCounters
{
    int port = 0;
    int vlan = 0;
    bool active = false;
    qint64 inBytes = 0;
    qint64 outBytes = 0;
};

struct SwitchSample
{
    qint64 atMs = 0;
    QList<SwitchPortCounters> ports;
};

} // namespace mlab

Q_DECLARE_METATYPE(mlab::CounterSample)
Q_DECLARE_METATYPE(mlab::SubflowSample)
Q_DECLARE_METATYPE(mlab::NstatSample)
Q_DECLARE_METATYPE(mlab::MptcpEventSample)
Q_DECLARE_METATYPE(mlab::SwitchSample)
