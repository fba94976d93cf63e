#pragma once

#include "lab/labmodel.h"

#include <QString>

namespace mlab {

// The lab file's traffic plan turned into the command lines a demo runs on
// the nodes, with the run's duration and reporting interval.
struct TrafficCommands
{
    QString serverNode;
    QString server; // runs in the foreground until it is stopped (NodeRunner::stop ends it and its children)
    QString clientNode;
    QString client; // runs in the foreground for the run's duration
    // For callers that run one-shot commands (the command line's demo): startServer starts the server in the
    // background and prints its pid; stopClient ends the client early, touching only this node's processes.
    QString startServer;
    QString stopClient;
};

// Replaces (or adds) the client's -t and -i options. Namespace nodes share the
// host's pids, so a background server is stopped by the pid startServer prints, never by name.
// nativeMptcp: the plan uses iperf3 and the node's iperf3 has -m (3.19+), so
// -m replaces the LD_PRELOAD wrapper.
TrafficCommands trafficCommands(
    const TrafficSpec &traffic, int durationSeconds, double intervalSeconds, bool nativeMptcp = false);

// Whether `iperf3 --version` output ("iperf 3.12 (cJSON 1.7.15)") is 3.19 or newer (iperf3 -m, --mptcp).
bool iperf3HasMptcpOption(const QString &versionOutput);
bool usesIperf3(const TrafficSpec &traffic);

} // namespace mlab
