#include "mptcp/nodeconfig.h"

#include "mptcp/nodecommand.h"

#include <QHostAddress>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

// state: "up" or "down".
Command linkStateCommand(const NodeSpec &node, const InterfaceSpec &iface, const QString &state, const QString &why)
{
    return nodeCommand(node.name, { u"ip"_s, u"link"_s, u"set"_s, u"dev"_s, iface.name, state }, why);
}

QList<Command> interfaceCommands(const Lab &lab, const NodeSpec &node, const InterfaceSpec &iface)
{
    QList<Command> commands;
    commands << linkStateCommand(node, iface, u"up"_s, u"bring %1 up"_s.arg(iface.name));
    // "replace" rather than "add": re-running after a partial failure must not stop at "File exists".
    commands << nodeCommand(node.name, { u"ip"_s, u"addr"_s, u"replace"_s, iface.address, u"dev"_s, iface.name },
        u"give %1 its address %2 on %3"_s.arg(iface.name, iface.address, iface.path));

    const PathSpec *path = lab.pathNamed(iface.path);
    if (path && !path->shaping.isUnlimited()) {
        // tbf, not netem: the lab kernel has no netem, and a rate limit keeps VDE from eating both cores.
        commands << nodeCommand(node.name,
            { u"tc"_s, u"qdisc"_s, u"replace"_s, u"dev"_s, iface.name, u"root"_s, u"tbf"_s, u"rate"_s,
                path->shaping.rate, u"burst"_s, u"32k"_s, u"latency"_s, u"50ms"_s },
            u"shape %1 to %2, like a real link of that speed"_s.arg(iface.path, path->shaping.rate));
    } else {
        commands << nodeCommand(node.name, { u"tc"_s, u"qdisc"_s, u"del"_s, u"dev"_s, iface.name, u"root"_s },
            u"%1 is unlimited: remove shaping left by an earlier run"_s.arg(iface.path),
            /*mayFail=*/true);
    }
    return commands;
}

// Each table also reaches the node's other path subnets, each through the interface on that path. A join
// from the peer's address on path 1 to this node's address on path 2 arrives on path 1 (the peer's subflow is
// bound to its own interface); the reply must leave on path 1 too, or the peer resets it and the join hangs
// in SYN-SENT, slowing every failover (docs/failover.md).
QList<Command> symmetricRoutes(const NodeSpec &node, const InterfaceSpec &iface, const QString &table)
{
    QList<Command> commands;
    for (const InterfaceSpec &other : node.interfaces) {
        if (other.management || other.path.isEmpty() || other.name == iface.name)
            continue;
        const QString subnet = subnetOf(other.address);
        commands << nodeCommand(node.name,
            { u"ip"_s, u"route"_s, u"replace"_s, subnet, u"dev"_s, other.name, u"scope"_s, u"link"_s, u"table"_s,
                table },
            u"symmetric routing: from %1 too, the %2 subnet %3 is reached through %4, the way its packets "
            u"arrive, so a subflow between %2 and %5 runs wholly on %2 and its replies are not reset"_s.arg(
                iface.ip(), other.path, subnet, other.name, iface.path));
    }
    return commands;
}

QList<Command> sourceRoutingCommands(const Lab &lab, const NodeSpec &node, const InterfaceSpec &iface)
{
    QList<Command> commands;
    const PathSpec *path = lab.pathNamed(iface.path);
    if (!path)
        return commands;
    const QString table = QString::number(path->routingTable);
    const QString ip = iface.ip();
    // Without these rules every reply would leave through the main default route, so a
    // subflow started on the other path would die with it when that path breaks.
    commands << nodeCommand(node.name, { u"ip"_s, u"rule"_s, u"del"_s, u"from"_s, ip, u"table"_s, table },
        u"forget an earlier rule for %1, so it is not added twice"_s.arg(ip), /*mayFail=*/true);
    commands << nodeCommand(node.name, { u"ip"_s, u"rule"_s, u"add"_s, u"from"_s, ip, u"table"_s, table },
        u"source routing: packets from %1 use routing table %2"_s.arg(ip, table));
    commands << nodeCommand(node.name,
        { u"ip"_s, u"route"_s, u"replace"_s, subnetOf(iface.address), u"dev"_s, iface.name, u"scope"_s, u"link"_s,
            u"table"_s, table },
        u"table %1: the %2 subnet is reached directly through %3"_s.arg(table, iface.path, iface.name));
    if (lab.failover.symmetricRouting())
        commands << symmetricRoutes(node, iface, table);
    const QString peer = lab.peerAddress(node.name, iface.path);
    if (!peer.isEmpty()) {
        commands << nodeCommand(node.name,
            { u"ip"_s, u"route"_s, u"replace"_s, u"default"_s, u"via"_s, peer, u"dev"_s, iface.name, u"table"_s,
                table },
            u"source routing: replies from %1 leave through %2 via %3"_s.arg(ip, iface.path, peer));
    }
    return commands;
}

QList<Command> fastRecoveryCommands(const NodeSpec &node)
{
    // One shell test rather than two sysctls: without the tcp_rto_max_ms cap (Linux 6.15+) a lower
    // tcp_rto_min alone makes the return of a restored path slower, not faster (DOMAIN notes), so on an
    // older kernel both are skipped, and the output says so.
    const QString script
        = u"if [ -e /proc/sys/net/ipv4/tcp_rto_max_ms ]; then "
          u"sysctl -w net.ipv4.tcp_rto_min_us=%1 net.ipv4.tcp_rto_max_ms=%2; "
          u"else echo \"fastRecovery skipped: kernel $(uname -r) has no net.ipv4.tcp_rto_max_ms "
          u"(Linux 6.15+); a restored path may take seconds to carry data again\"; fi"_s.arg(FastRecoveryRtoMinUs)
              .arg(FastRecoveryRtoMaxMs);
    return { nodeCommand(node.name, { u"sh"_s, u"-c"_s, script },
        u"fast recovery: TCP waits at least %1 ms and at most %2 ms before resending, instead of 200 ms and up "
        u"to 120 s doubling after every loss; a subflow on a path that comes back retries within a second, and "
        u"MPTCP's connection-level retransmit timer, which follows the subflow timers, fires sooner after a "
        u"break"_s.arg(FastRecoveryRtoMinUs / 1000)
            .arg(FastRecoveryRtoMaxMs)) };
}

} // namespace

QString subnetOf(const QString &cidr)
{
    const auto [address, length] = QHostAddress::parseSubnet(cidr);
    if (address.isNull() || length < 0)
        return {};
    return address.toString() + QLatin1Char('/') + QString::number(length);
}

QList<Command> networkCommands(const Lab &lab, const NodeSpec &node)
{
    QList<Command> commands;
    for (const InterfaceSpec &iface : node.interfaces) {
        if (!iface.management)
            commands << interfaceCommands(lab, node, iface);
    }
    commands << routingCommands(lab, node);
    if (lab.failover.fastRecovery)
        commands << fastRecoveryCommands(node);
    return commands;
}

QList<Command> unplugCommands(const NodeSpec &node, const InterfaceSpec &iface)
{
    return { linkStateCommand(node, iface, u"down"_s,
        u"unplug %1:%2: carrier down inside the node, as if its cable were pulled; unlike a cut, the kernel "
        u"sees it: it deletes every route through %2, in every table, and its subflows on %3 lose their "
        u"route"_s.arg(node.name, iface.name, iface.path)) };
}

QList<Command> replugCommands(const Lab &lab, const NodeSpec &node, const InterfaceSpec &iface)
{
    QList<Command> commands { linkStateCommand(
        node, iface, u"up"_s, u"plug %1:%2 back in: carrier up inside the node"_s.arg(node.name, iface.name)) };
    // The whole routing again, not only the routes through iface: every command of it is safe to re-run, and
    // the routes through iface are spread over every table (its own, the other paths' symmetric routes, main).
    for (Command command : routingCommands(lab, node)) {
        command.why = u"again after the unplug of %1 (taking it down deleted every route through it, in every "
                      u"table): %2"_s.arg(iface.name, command.why);
        commands << command;
    }
    return commands;
}

QList<Command> routingCommands(const Lab &lab, const NodeSpec &node)
{
    QList<Command> commands;
    for (const InterfaceSpec &iface : node.interfaces) {
        if (!iface.management && !iface.path.isEmpty())
            commands << sourceRoutingCommands(lab, node, iface);
    }
    if (const InterfaceSpec *iface = node.defaultPath.isEmpty() ? nullptr : node.interfaceOnPath(node.defaultPath)) {
        const QString peer = lab.peerAddress(node.name, node.defaultPath);
        if (!peer.isEmpty()) {
            commands << nodeCommand(node.name,
                { u"ip"_s, u"route"_s, u"replace"_s, u"default"_s, u"via"_s, peer, u"dev"_s, iface->name },
                u"main default route: traffic with no chosen source goes out on %1 via %2"_s.arg(
                    node.defaultPath, peer));
        }
    }
    return commands;
}

} // namespace mlab
