#pragma once

// The MPTCP connections and subflows of every node, rebuilt from `ss -tniM` snapshots, with a health the
// kernel does not give: a silent path failure (a cable moved to a dead VLAN) raises NO path-manager event, so
// "stalled" is derived from the counters (DOMAIN.md). Owned by one thread; readers get value copies.

#include "lab/labmodel.h"
#include "telemetry/samples.h"
#include "telemetry/timeseries.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace mlab {

enum class SubflowHealth {
    Active, // established and making progress, or idle with nothing outstanding
    Stalled, // data outstanding and no bytes_acked progress, retransmission backoff, or a handshake not answered
    Closed, // gone from the snapshot, or past ESTAB (FIN-WAIT, TIME-WAIT, ...): carries no more data
};

QString healthName(SubflowHealth health); // "active", "stalled", "closed"

// What a subflow is doing, one step finer than its health: a short label for a table column. Every condition but
// Active comes with a reason in plain words (SubflowInfo::reason).
enum class SubflowCondition {
    Active, // established, and making progress or with nothing outstanding
    Handshake, // SYN-SENT / SYN-RECV: a join for less than joinTimeoutMs and not yet resent (or a first subflow)
    JoinNeverCompleted, // a join still in its handshake after joinTimeoutMs, or whose SYN was already resent
    DataStalled, // data outstanding and nothing acknowledged for stallAfterMs, or retransmission backoff
    Closing, // past ESTAB (FIN-WAIT, TIME-WAIT, ...)
    Gone, // no longer in the node's snapshot
};

// "active", "handshake", "join-never-completed", "data-stalled", "closing", "gone"
QString conditionName(SubflowCondition condition);

struct SubflowInfo
{
    QString node;
    QString token; // the local connection token, as in `ss -M` and `ip mptcp monitor` on this node
    QString remoteToken; // "0000" on the initial subflow
    QString localAddress;
    int localPort = 0;
    QString remoteAddress;
    int remotePort = 0;
    QString interfaceName; // from the %dev suffix, else the lab interface holding localAddress
    QString path; // the lab path of that interface; empty when the address is not the lab's
    QString remoteNode; // the lab node holding remoteAddress; empty when the address is not the lab's
    QString remotePath; // the lab path of remoteAddress: differs from path on a fullmesh cross join
    int localId = -1;
    int remoteId = -1;
    bool backup = false;
    QString flags; // tcp-ulp-mptcp flags, e.g. "Jjec"
    QString state; // TCP state as ss prints it: "ESTAB", "SYN-SENT", ...

    qint64 bytesAcked = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    qint64 bytesRetrans = 0;
    double rttMs = 0;
    double rtoMs = 0;
    int cwnd = 0;
    int backoff = 0;
    int lost = 0;
    int unacked = 0;
    int retransmits = 0; // every retransmission so far; in a handshake, how often the SYN was resent

    double txBitsPerSecond = 0; // bytes_acked rate since the previous snapshot
    double rxBitsPerSecond = 0; // bytes_received rate since the previous snapshot
    SubflowHealth health = SubflowHealth::Active;
    SubflowCondition condition = SubflowCondition::Active;
    QString reason; // why it is not simply active, for a person; empty when it is

    qint64 firstSeenMs = 0;
    qint64 lastSeenMs = 0;
    qint64 lastProgressMs = 0; // last snapshot in which bytes_acked or bytes_received grew
    qint64 closedAtMs = 0; // 0 while it exists

    QString localEndpoint() const; // "10.168.1.1:35560"
    QString remoteEndpoint() const; // "10.168.2.2:5001"
    bool crossesPaths() const { return !path.isEmpty() && !remotePath.isEmpty() && path != remotePath; }
    QString key() const; // "<node>/<token>/<localaddr:port>": stable id, and the series name after "subflow/"
};

QJsonObject toJson(const SubflowInfo &subflow);

// "10.168.1.1:35560", "[fd00::1]:5001": an address and port as the table shows them.
QString endpointText(const QString &address, int port);

struct MptcpConnectionInfo
{
    QString node;
    QString token;
    QString state;
    QString localEndpoint;
    QString remoteEndpoint;
    int subflows = 0; // the kernel's count of extra subflows
    qint64 lastSeenMs = 0;
};

class SubflowModel
{
public:
    struct Options
    {
        qint64 stallAfterMs = 300; // no progress this long with data outstanding = stalled
        qint64 joinTimeoutMs = 1000; // in a handshake longer than this = a join that never completed
        qint64 keepClosedMs = 10000; // a closed subflow stays visible this long, then is dropped
    };

    explicit SubflowModel(Lab lab);
    SubflowModel(Lab lab, Options options);

    // One node's snapshot replaces what the model knew of that node; one not newer than the node's last is
    // ignored. Returns a "subflow/..." rate point
    // (rates.h) for every subflow that has a rate now.
    QList<SeriesPoint> update(const SubflowSample &sample);
    // Drops closed subflows older than keepClosedMs at nowMs (update() does this for its own node).
    void expire(qint64 nowMs);

    QList<SubflowInfo> subflows() const; // every node, sorted by node, token, local endpoint
    QList<SubflowInfo> subflowsOf(const QString &node) const;
    QList<MptcpConnectionInfo> connections() const;
    QJsonArray toJson() const; // one object per subflow (toJson(SubflowInfo)), in subflows() order

private:
    void locate(SubflowInfo &info) const;
    // Sets health, condition and reason from the counters at nowMs.
    void assess(SubflowInfo &info, qint64 nowMs) const;
    QString joinReason(const SubflowInfo &info, qint64 waitedMs) const;

    Lab m_lab;
    Options m_options;
    QHash<QString, SubflowInfo> m_subflows; // by key() plus the remote endpoint
    QHash<QString, MptcpConnectionInfo> m_connections; // by "node/token"
    QHash<QString, qint64> m_lastSampleMs; // by node
};

} // namespace mlab
