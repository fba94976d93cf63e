#pragma once

// `ip mptcp monitor`: one path-manager event per line, e.g.
// "[SF_ESTABLISHED] token=724e7cdf remid=1 locid=2 saddr4=10.168.2.1 daddr4=10.168.2.2 sport=38315 dport=5001 backup=0
// ifindex=3"

#include "mptcp/parsed.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace mlab {

enum class MptcpEventType {
    Unknown,
    Created,
    Established,
    Closed,
    Announced,
    Removed,
    SubflowEstablished,
    SubflowClosed,
    SubflowPriority,
    ListenerCreated,
    ListenerClosed,
};

struct MptcpEvent
{
    MptcpEventType type = MptcpEventType::Unknown;
    // As printed without padding ("SF_ESTABLISHED"), except that an event iproute2 printed by number gets the name
    // a newer iproute2 prints ("[UNKNOWN 15]" is "LISTENER_CREATED"); a number nobody knows stays "UNKNOWN 42".
    QString name;
    int kernelCode = -1; // the number of an "[UNKNOWN N]" line, -1 otherwise
    QString token; // the local connection token, as in `ss -M`; empty for listener events
    std::optional<int> remoteId;
    std::optional<int> localId;
    QString localAddress; // saddr4/saddr6, a v4-mapped v6 address shown as plain v4
    QString remoteAddress; // daddr4/daddr6 (for ANNOUNCED: the address the peer announced)
    int localPort = 0;
    int remotePort = 0;
    std::optional<bool> backup;
    int ifindex = 0;
    std::optional<int> error;
    QMap<QString, QString> attributes; // every key=value of the line, as printed
};

// One line; nullopt when it is not a whole event line (garbled or cut short).
std::optional<MptcpEvent> parseMonitorLine(QByteArrayView line);
// A whole capture; empty lines are ignored, other unparsable lines skipped and counted.
Parsed<QList<MptcpEvent>> parseMonitor(const QByteArray &output);

} // namespace mlab
