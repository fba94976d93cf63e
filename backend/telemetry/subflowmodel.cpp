#include "telemetry/subflowmodel.h"

#include "telemetry/rates.h"
#include "telemetry/wording.h"

#include <QSet>

#include <algorithm>
#include <tuple>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

QString identity(const SubflowInfo &s)
{
    return s.key() + u'>' + s.remoteEndpoint();
}

// States in which a subflow will never carry data again.
bool isClosingState(const QString &state)
{
    static const QSet<QString> closing { u"FIN-WAIT-1"_s, u"FIN-WAIT-2"_s, u"CLOSE-WAIT"_s, u"LAST-ACK"_s, u"CLOSING"_s,
        u"TIME-WAIT"_s, u"CLOSED"_s };
    return closing.contains(state);
}

// An MP_JOIN subflow (flags J/j), as opposed to the connection's first one (M/m).
bool isJoin(const SubflowInfo &s)
{
    return s.flags.contains(u'j') || s.flags.contains(u'J');
}

// The lab node and interface that hold an address; empty when it is not the lab's.
PathEnd endWithAddress(const Lab &lab, const QString &address)
{
    for (const NodeSpec &node : lab.nodes) {
        for (const InterfaceSpec &spec : node.interfaces) {
            if (spec.ip() == address)
                return { &node, &spec };
        }
    }
    return {};
}

double bitsPerSecond(qint64 before, qint64 after, qint64 elapsedMs)
{
    if (elapsedMs <= 0 || after < before)
        return 0;
    return double(after - before) * 8.0 * 1000.0 / double(elapsedMs);
}

bool lessThan(const SubflowInfo &a, const SubflowInfo &b)
{
    return std::tie(a.node, a.token, a.localAddress, a.localPort, a.remoteAddress, a.remotePort)
        < std::tie(b.node, b.token, b.localAddress, b.localPort, b.remoteAddress, b.remotePort);
}

} // namespace

QString healthName(SubflowHealth health)
{
    switch (health) {
    case SubflowHealth::Active:
        return u"active"_s;
    case SubflowHealth::Stalled:
        return u"stalled"_s;
    case SubflowHealth::Closed:
        return u"closed"_s;
    }
    return {};
}

QString endpointText(const QString &address, int port)
{
    // A v6 address needs brackets to keep its port apart.
    return (address.contains(u':') ? u'[' + address + u']' : address) + u':' + QString::number(port);
}

QString conditionName(SubflowCondition condition)
{
    switch (condition) {
    case SubflowCondition::Active:
        return u"active"_s;
    case SubflowCondition::Handshake:
        return u"handshake"_s;
    case SubflowCondition::JoinNeverCompleted:
        return u"join-never-completed"_s;
    case SubflowCondition::DataStalled:
        return u"data-stalled"_s;
    case SubflowCondition::Closing:
        return u"closing"_s;
    case SubflowCondition::Gone:
        return u"gone"_s;
    }
    return {};
}

QString SubflowInfo::localEndpoint() const
{
    return endpointText(localAddress, localPort);
}

QString SubflowInfo::remoteEndpoint() const
{
    return endpointText(remoteAddress, remotePort);
}

QString SubflowInfo::key() const
{
    return node + u'/' + token + u'/' + localEndpoint();
}

QJsonObject toJson(const SubflowInfo &s)
{
    QJsonObject o {
        { u"key"_s, s.key() },
        { u"node"_s, s.node },
        { u"token"_s, s.token },
        { u"remoteToken"_s, s.remoteToken },
        { u"localAddress"_s, s.localAddress },
        { u"localPort"_s, s.localPort },
        { u"remoteAddress"_s, s.remoteAddress },
        { u"remotePort"_s, s.remotePort },
        { u"interface"_s, s.interfaceName },
        { u"path"_s, s.path },
        { u"remoteNode"_s, s.remoteNode },
        { u"remotePath"_s, s.remotePath },
        { u"crossPath"_s, s.crossesPaths() },
        { u"localId"_s, s.localId },
        { u"remoteId"_s, s.remoteId },
        { u"backup"_s, s.backup },
        { u"flags"_s, s.flags },
        { u"state"_s, s.state },
        { u"health"_s, healthName(s.health) },
        { u"condition"_s, conditionName(s.condition) },
        { u"reason"_s, s.reason },
        { u"bytesAcked"_s, double(s.bytesAcked) },
        { u"bytesSent"_s, double(s.bytesSent) },
        { u"bytesReceived"_s, double(s.bytesReceived) },
        { u"bytesRetrans"_s, double(s.bytesRetrans) },
        { u"rttMs"_s, s.rttMs },
        { u"rtoMs"_s, s.rtoMs },
        { u"cwnd"_s, s.cwnd },
        { u"backoff"_s, s.backoff },
        { u"lost"_s, s.lost },
        { u"unacked"_s, s.unacked },
        { u"retransmits"_s, s.retransmits },
        { u"txBitsPerSecond"_s, s.txBitsPerSecond },
        { u"rxBitsPerSecond"_s, s.rxBitsPerSecond },
        { u"firstSeenMs"_s, double(s.firstSeenMs) },
        { u"lastSeenMs"_s, double(s.lastSeenMs) },
        { u"lastProgressMs"_s, double(s.lastProgressMs) },
    };
    if (s.closedAtMs != 0)
        o.insert(u"closedAtMs"_s, double(s.closedAtMs));
    return o;
}

SubflowModel::SubflowModel(Lab lab)
    : SubflowModel(std::move(lab), Options {})
{ }

SubflowModel::SubflowModel(Lab lab, Options options)
    : m_lab(std::move(lab))
    , m_options(options)
{ }

void SubflowModel::locate(SubflowInfo &info) const
{
    const PathEnd remote = endWithAddress(m_lab, info.remoteAddress);
    if (remote.node) {
        info.remoteNode = remote.node->name;
        info.remotePath = remote.interface->path;
    }
    const NodeSpec *node = m_lab.nodeNamed(info.node);
    if (!node)
        return;
    const InterfaceSpec *spec = nullptr;
    if (!info.interfaceName.isEmpty())
        spec = node->interfaceNamed(info.interfaceName);
    for (qsizetype i = 0; !spec && i < node->interfaces.size(); ++i) {
        if (node->interfaces.at(i).ip() == info.localAddress)
            spec = &node->interfaces.at(i);
    }
    if (!spec)
        return;
    if (info.interfaceName.isEmpty())
        info.interfaceName = spec->name;
    info.path = spec->path;
}

void SubflowModel::assess(SubflowInfo &s, qint64 nowMs) const
{
    if (isClosingState(s.state)) {
        s.health = SubflowHealth::Closed;
        s.condition = SubflowCondition::Closing;
        s.reason = u"closing (%1): it carries no more data"_s.arg(s.state);
        return;
    }
    if (s.state != u"ESTAB"_s) {
        // A join that the peer never answers (fullmesh cross pairs with the tutorial's routing) stays in SYN-SENT
        // for good: a handshake is healthy only while it is young and not yet retransmitted.
        const qint64 waited = nowMs - s.firstSeenMs;
        const bool resent = s.retransmits > 0 || s.lost > 0 || s.bytesRetrans > 0 || s.backoff > 0;
        const bool overdue = resent || waited > m_options.joinTimeoutMs;
        s.health = overdue || waited >= m_options.stallAfterMs ? SubflowHealth::Stalled : SubflowHealth::Active;
        if (overdue && isJoin(s)) {
            s.condition = SubflowCondition::JoinNeverCompleted;
            s.reason = joinReason(s, waited);
        } else {
            s.condition = SubflowCondition::Handshake;
            s.reason = u"handshake in progress: %1 for %2, no answer yet"_s.arg(s.state, secondsText(waited));
        }
        return;
    }
    const qint64 quietMs = nowMs - s.lastProgressMs;
    const bool noProgress = s.unacked > 0 && quietMs >= m_options.stallAfterMs;
    if (!noProgress && s.backoff == 0) {
        s.health = SubflowHealth::Active;
        s.condition = SubflowCondition::Active;
        s.reason.clear();
        return;
    }
    // What a silent path failure looks like from the sender: no event, only counters that stop.
    QStringList seen;
    if (noProgress) {
        seen.append(
            u"no data acknowledged for %1 with %2 segments outstanding"_s.arg(secondsText(quietMs)).arg(s.unacked));
    }
    if (s.backoff > 0) {
        seen.append(u"retransmission backoff %1 (RTO %2 ms: TCP doubles its wait after every unanswered "
                    "retransmission)"_s.arg(s.backoff)
                        .arg(s.rtoMs, 0, 'f', 0));
    }
    s.health = SubflowHealth::Stalled;
    s.condition = SubflowCondition::DataStalled;
    s.reason = u"data stalled: "_s + seen.join(u"; "_s);
}

QString SubflowModel::joinReason(const SubflowInfo &s, qint64 waitedMs) const
{
    // The first sighting may come long after the SYN: every resend took at least the initial 1 s SYN timeout.
    const qint64 atLeastMs = std::max<qint64>(waitedMs, qint64(s.retransmits) * 1000);
    QString reason = u"join never completed: no answer to its SYN for at least %1 (SYN retransmissions: %2, backoff: "
                     "%3, retransmit timer: %4 ms). Its backed-off SYN timer holds MPTCP's connection-level retransmit "
                     "timer back, so failover after a break waits for it."_s.arg(secondsText(atLeastMs))
                         .arg(s.retransmits)
                         .arg(s.backoff)
                         .arg(s.rtoMs, 0, 'f', 0);
    if (!m_lab.failover.symmetricRouting() && s.crossesPaths()) {
        const QString peer = s.remoteNode.isEmpty() ? u"the peer"_s : s.remoteNode;
        reason += u" Likely cause: the tutorial's routing tables (failover.routing \"%1\") make %2 answer this "
                  "cross-path join (%3 on %4 -> %5 on %6) over the other path, where %7 finds no socket for the "
                  "answer and resets it; failover.routing \"symmetric\" fixes it."_s.arg(
                      m_lab.failover.routing, peer, s.localAddress, s.path, s.remoteAddress, s.remotePath, s.node);
    }
    return reason;
}

QList<SeriesPoint> SubflowModel::update(const SubflowSample &sample)
{
    // Two snapshots of one node can cross on their way here; the older one would resurrect stale counters.
    const auto last = m_lastSampleMs.constFind(sample.node);
    if (last != m_lastSampleMs.cend() && sample.atMs <= *last)
        return {};
    m_lastSampleMs.insert(sample.node, sample.atMs);

    QList<SeriesPoint> points;
    QSet<QString> seen;
    for (const SsTcpSocket &socket : sample.snapshot.tcp) {
        if (!socket.isSubflow())
            continue; // the ssh session and other plain TCP sockets
        SubflowInfo fresh;
        fresh.node = sample.node;
        fresh.token = socket.localToken;
        fresh.remoteToken = socket.remoteToken;
        fresh.localAddress = socket.local.address;
        fresh.localPort = socket.local.port;
        fresh.remoteAddress = socket.peer.address;
        fresh.remotePort = socket.peer.port;
        fresh.interfaceName = socket.local.device;
        fresh.localId = socket.localId;
        fresh.remoteId = socket.remoteId;
        fresh.backup = socket.isBackup();
        fresh.flags = socket.mptcpFlags;
        fresh.state = socket.state;
        fresh.bytesAcked = socket.bytesAcked;
        fresh.bytesSent = socket.bytesSent;
        fresh.bytesReceived = socket.bytesReceived;
        fresh.bytesRetrans = socket.bytesRetrans;
        fresh.rttMs = socket.rttMs;
        fresh.rtoMs = socket.rtoMs;
        fresh.cwnd = socket.cwnd;
        fresh.backoff = socket.backoff;
        fresh.lost = socket.lost;
        fresh.unacked = socket.unacked;
        fresh.retransmits = socket.retransmits;
        fresh.lastSeenMs = sample.atMs;
        locate(fresh);

        const QString id = identity(fresh);
        seen.insert(id);
        const auto it = m_subflows.constFind(id);
        bool hasRate = false;
        // A closed entry that reappears is a new socket reusing the port: start over.
        if (it != m_subflows.cend() && it->closedAtMs == 0) {
            const qint64 elapsed = sample.atMs - it->lastSeenMs;
            fresh.firstSeenMs = it->firstSeenMs;
            fresh.txBitsPerSecond = bitsPerSecond(it->bytesAcked, fresh.bytesAcked, elapsed);
            fresh.rxBitsPerSecond = bitsPerSecond(it->bytesReceived, fresh.bytesReceived, elapsed);
            const bool progress = fresh.bytesAcked > it->bytesAcked || fresh.bytesReceived > it->bytesReceived;
            fresh.lastProgressMs = progress ? sample.atMs : it->lastProgressMs;
            hasRate = true;
        } else {
            // First sighting: its history is unknown, so it gets the benefit of the doubt for stallAfterMs.
            fresh.firstSeenMs = sample.atMs;
            fresh.lastProgressMs = sample.atMs;
        }
        assess(fresh, sample.atMs);
        if (hasRate) {
            points.append({ series::subflow(fresh.node, fresh.token, fresh.localEndpoint()), sample.atMs,
                fresh.txBitsPerSecond + fresh.rxBitsPerSecond });
        }
        m_subflows.insert(id, fresh);
    }

    for (auto it = m_subflows.begin(); it != m_subflows.end(); ++it) {
        if (it->node != sample.node || seen.contains(it.key()) || it->closedAtMs != 0)
            continue;
        it->health = SubflowHealth::Closed;
        it->condition = SubflowCondition::Gone;
        it->reason = u"no longer in %1's socket list: closed or reset"_s.arg(it->node);
        it->closedAtMs = sample.atMs;
        it->txBitsPerSecond = 0;
        it->rxBitsPerSecond = 0;
    }

    // The connections ss -M lists on this node replace the previous ones.
    for (auto it = m_connections.begin(); it != m_connections.end();)
        it = it->node == sample.node ? m_connections.erase(it) : std::next(it);
    for (const SsMptcpSocket &socket : sample.snapshot.mptcp) {
        MptcpConnectionInfo c { sample.node, socket.token, socket.state,
            endpointText(socket.local.address, socket.local.port), endpointText(socket.peer.address, socket.peer.port),
            socket.subflows, sample.atMs };
        m_connections.insert(sample.node + u'/' + socket.token, c);
    }

    expire(sample.atMs);
    return points;
}

void SubflowModel::expire(qint64 nowMs)
{
    for (auto it = m_subflows.begin(); it != m_subflows.end();) {
        const bool old = it->closedAtMs != 0 && nowMs - it->closedAtMs >= m_options.keepClosedMs;
        it = old ? m_subflows.erase(it) : std::next(it);
    }
}

QList<SubflowInfo> SubflowModel::subflows() const
{
    QList<SubflowInfo> out = m_subflows.values();
    std::sort(out.begin(), out.end(), lessThan);
    return out;
}

QList<SubflowInfo> SubflowModel::subflowsOf(const QString &node) const
{
    QList<SubflowInfo> out;
    for (const SubflowInfo &s : m_subflows) {
        if (s.node == node)
            out.append(s);
    }
    std::sort(out.begin(), out.end(), lessThan);
    return out;
}

QList<MptcpConnectionInfo> SubflowModel::connections() const
{
    QList<MptcpConnectionInfo> out = m_connections.values();
    std::sort(out.begin(), out.end(), [](const MptcpConnectionInfo &a, const MptcpConnectionInfo &b) {
        return std::tie(a.node, a.token) < std::tie(b.node, b.token);
    });
    return out;
}

QJsonArray SubflowModel::toJson() const
{
    QJsonArray out;
    for (const SubflowInfo &s : subflows())
        out.append(mlab::toJson(s));
    return out;
}

} // namespace mlab
