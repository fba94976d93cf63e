#pragma once

// `ss -tni`, `ss -tniM` and `ss -Mni`: TCP sockets (MPTCP subflows carry a
// "tcp-ulp-mptcp" tail) and MPTCP connections. Counters ss leaves out when
// they are zero (bytes_acked, lost, backoff, ...) read as 0.

#include "mptcp/parsed.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace mlab {

// "10.168.2.1%eth1:38315" or "[::ffff:10.99.1.2]:5201"; v4-mapped addresses become plain v4.
struct SsAddress
{
    QString address;
    QString device; // the %dev suffix: the socket is bound to that device
    int port = 0;
};

struct SsTcpSocket
{
    QString state; // "ESTAB", "SYN-SENT", ...
    SsAddress local;
    SsAddress peer;
    qint64 recvQ = 0;
    qint64 sendQ = 0;

    // From tcp-ulp-mptcp; empty tokens mean a plain TCP socket (e.g. the ssh session).
    QString mptcpFlags; // "Jjec": M/m MP_CAPABLE, J/j MP_JOIN, B/b backup, e established, c connected, v valid
    QString remoteToken; // "0000" on the initial subflow
    int remoteId = -1;
    QString localToken; // matches `ss -M` and `ip mptcp monitor` on this host
    int localId = -1;

    qint64 bytesSent = 0;
    qint64 bytesAcked = 0;
    qint64 bytesReceived = 0;
    qint64 bytesRetrans = 0;
    double rttMs = 0;
    double rttVarMs = 0;
    double rtoMs = 0;
    int cwnd = 0;
    int backoff = 0;
    int lost = 0;
    int unacked = 0;
    // Every retransmission of this socket ("retrans:1/5" -> 5). In SYN-SENT: how often the SYN was resent, which
    // backoff does not show while the kernel's first SYN timeouts stay linear (tcp_syn_linear_timeouts, 6.11+).
    int retransmits = 0;

    bool isSubflow() const { return !localToken.isEmpty(); }
    bool isBackup() const { return mptcpFlags.contains(QLatin1Char('B')) || mptcpFlags.contains(QLatin1Char('b')); }
};

struct SsMptcpSocket
{
    QString state;
    SsAddress local;
    SsAddress peer;
    qint64 recvQ = 0;
    qint64 sendQ = 0;
    QString token;
    int subflows = 0; // extra subflows, the initial one not counted
    int subflowsMax = 0;
    int addAddrSignal = 0;
    int addAddrAccepted = 0;
};

struct SsSnapshot
{
    QList<SsTcpSocket> tcp;
    QList<SsMptcpSocket> mptcp;
};

Parsed<SsSnapshot> parseSs(const QByteArray &output);

// One "ADDR[%DEV]:PORT" column; false when it is not one.
bool parseSsAddress(const QString &text, SsAddress &out);

} // namespace mlab
