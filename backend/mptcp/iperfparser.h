#pragma once

// iperf's interval reports, in the three shapes the lab's nodes print:
// - iperf 2 text ("-i 0.5", with or without "-e"):
//   "[  1] 0.5000-1.0000 sec  18.2 MBytes   305 Mbits/sec  146/0 ..."
// - iperf 2 CSV ("-y C"; "-e" only adds milliseconds to the timestamp):
//   "20261125181215,10.168.1.1,56922,10.168.1.2,5001,1,0.0-0.5,7209020,115344320"
// - iperf3 text, client with Retr/Cwnd columns, server without, "[SUM]" for -P, and the
//   closing lines tagged "sender"/"receiver":
//   "[  5]   0.00-0.50   sec  6.80 MBytes   114 Mbits/sec    0   48.1 KBytes"

#include "mptcp/parsed.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace mlab {

// Whose count an iperf3 closing line is: the sender's bytes include what was still in flight.
enum class IperfSide { Unknown, Sender, Receiver };

struct IperfInterval
{
    int id = 0; // iperf's stream id; -1 for a "[SUM]" line
    double start = 0; // seconds since the test started
    double end = 0;
    qint64 bytes = 0; // transfer: exact in CSV, else from iperf's rounded figure (KBytes = 1024 bytes)
    double bitsPerSecond = 0;
    bool summary = false; // the whole-test line iperf prints at the end
    IperfSide side = IperfSide::Unknown; // only iperf3's closing lines say
    int retransmits = -1; // iperf3 client's "Retr" column; -1 where the line has none
    qint64 congestionWindow = -1; // iperf3 client's "Cwnd", bytes; -1 where the line has none
    // Only CSV lines name the connection. iperf 2.1.8 prints client then server on both
    // sides, so "local" is the client's address even in the server's output.
    QString localAddress;
    quint16 localPort = 0;
    QString remoteAddress;
    quint16 remotePort = 0;
};

// One interval line in any of the three shapes; nullopt for anything else (banners, headers)
// and for garbled lines. Sets summary only where the line itself says so (iperf3's tags).
std::optional<IperfInterval> parseIperfInterval(QByteArrayView line);
// A whole output, formats told apart line by line: banners are ignored; lines that start like an
// interval but do not parse are skipped and counted. Also marks iperf 2's untagged summary lines.
Parsed<QList<IperfInterval>> parseIperf(const QByteArray &output);

} // namespace mlab
