#pragma once

#include <QtGlobal>

#include <time.h>

namespace mlab {

// The one clock of the lab: samples, MPTCP events, transcript entries and the
// break/restore clicks are all stamped with it, in milliseconds. It is
// CLOCK_MONOTONIC, which every network namespace on the host shares, so a
// test can compare a stamp with the moment it changed something in a node.
inline qint64 monotonicMs()
{
    timespec now {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

} // namespace mlab
