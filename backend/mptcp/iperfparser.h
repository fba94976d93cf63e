#pragma once

// iperf 2 interval reports ("-i 0.5", with or without "-e"):
// "[  1] 0.5000-1.0000 sec  18.2 MBytes   305 Mbits/sec  146/0 ..."

#include "mptcp/parsed.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace mlab {

struct IperfInterval
{
    int id = 0; // iperf's stream id; -1 for a "[SUM]" line
    double start = 0; // seconds since the test started
    double end = 0;
    qint64 bytes = 0; // transfer, from iperf's rounded figure (KBytes = 1024 bytes)
    double bitsPerSecond = 0;
    bool summary = false; // the whole-test line iperf prints at the end (set by parseIperf)
};

// One interval line; nullopt for anything else (banners, headers) and for garbled lines.
std::optional<IperfInterval> parseIperfInterval(QByteArrayView line);
// A whole output: banners are ignored; lines that start like an interval but do not parse are skipped and counted.
Parsed<QList<IperfInterval>> parseIperf(const QByteArray &output);

} // namespace mlab
