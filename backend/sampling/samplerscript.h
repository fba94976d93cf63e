#pragma once

// The shell script a node runs on one long-lived SSH stream to sample itself.
// It prints framed blocks, one kind per block, tagged with the tick number:
//
//   @@mlab counters TICK NODE_MS     /proc/net/dev, every tick; NODE_MS is the node's
//   ...                              /proc/uptime at the tick in ms (10 ms resolution)
//   @@mlab end counters TICK
//   @@mlab ss TICK                   `ss -tniM`, on ssHz of the counterHz ticks; left
//   ...                              empty (exit 0) while the node has no MPTCP socket
//   @@mlab end ss TICK EXIT          at all, as ss costs more than all the rest
//   @@mlab nstat TICK                `nstat -asz 'MPTcp*'`, on nstatHz of the ticks
//   ...
//   @@mlab end nstat TICK EXIT
//
// Ticks are slots of 1/counterHz s counted from the start: a tick the node was
// too busy to sample is skipped, so a gap in the numbers is a missed sample.

#include "core/result.h"

#include <QByteArrayView>
#include <QString>

namespace mlab {

struct SamplerRates
{
    int counterHz = 10; // interface counters, 1..50
    int ssHz = 4; // `ss -tniM` snapshots, 0 (none) .. counterHz
    int nstatHz = 1; // MPTcp nstat counters, 0 (none) .. counterHz
    int switchHz = 10; // the switch's port counters (SwitchSampler), 1..50

    Status validate() const;
};

class SamplerScript
{
public:
    static constexpr QByteArrayView marker = "@@mlab ";

    // The script alone: POSIX sh, runs under dash and busybox sh.
    static QString script(const SamplerRates &rates);
    // The command line for the stream: the script under bash if the node has
    // it, else under /bin/sh, whatever the login shell is.
    static QString command(const SamplerRates &rates);
    // The second stream: MPTCP path-manager events, one line each (flushed per event).
    static QString monitorCommand();
};

} // namespace mlab
