#pragma once

// Measuring helpers for bench_samplers: CPU time of a namespace's processes,
// this process's own CPU time, and UDP datagrams sent from inside a namespace.

#include "core/result.h"

#include <QMap>
#include <QSet>

#include <QString>
#include <netinet/in.h>

namespace mlab::bench {

// utime+stime+cutime+cstime in clock ticks per pid of the namespace: children
// (ss, nstat, sleep) are counted in their parent once they are reaped.
struct ProcessCpu
{
    qint64 parent = 0;
    qint64 ticks = 0;
    QString name; // the kernel's short command name: "bash", "sshd", "ip"
};
using CpuTicks = QMap<qint64, ProcessCpu>;
Result<CpuTicks> namespaceCpu(const QString &netnsName);
// The processes of `all` that are one of `roots` or descend from one.
CpuTicks descendantsOf(const CpuTicks &all, const QSet<qint64> &roots);
// Seconds per command name between two readings, for the breakdown.
QMap<QString, double> cpuSecondsByName(const CpuTicks &before, const CpuTicks &after);
// Seconds used between two readings: processes alive at both count their
// difference, processes that appeared count in full.
double cpuSecondsBetween(const CpuTicks &before, const CpuTicks &after);
// This process, all threads, user + system.
double ownCpuSeconds();

// CLOCK_BOOTTIME - CLOCK_MONOTONIC in ms: converts a node's /proc/uptime to monotonicMs().
qint64 boottimeOffsetMs();

// A UDP socket created inside netnsPath (it keeps that namespace for its life).
class NetnsUdpSender
{
public:
    ~NetnsUdpSender();
    Status open(const QString &netnsPath, const QString &host, quint16 port);
    Status send(); // one small datagram
private:
    int m_fd = -1;
    sockaddr_in m_peer {};
};

} // namespace mlab::bench
