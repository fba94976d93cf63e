#pragma once

// /proc/net/dev: the kernel's per-interface cumulative counters, one line per interface after two header lines.

#include "mptcp/parsed.h"
#include "telemetry/samples.h"

#include <QByteArray>
#include <QList>

namespace mlab {

// A line cut short or holding a non-number is skipped and counted.
Parsed<QList<InterfaceCounters>> parseProcNetDev(const QByteArray &output);

} // namespace mlab
