#include "mptcp/nodeconfig.h"

#include "mptcp/nodecommand.h"

#include <QHostAddress>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

QList<Command> interfaceCommands(const Lab &lab, const NodeSpec &node, const InterfaceSpec &iface)
{
    QList<Command> commands;
    commands << nodeCommand(
        node.name, { u"ip"_s, u"link"_s, u"set"_s, u"dev"_s, iface.name, u"up"_s }, u"bring %1 up"_s.arg(iface.name));
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
    const QString peer = lab.peerAddress(node.name, iface.path);
    if (!peer.isEmpty()) {
        commands << nodeCommand(node.name,
            { u"ip"_s, u"route"_s, u"replace"_s, u"default"_s, u"via"_s, peer, u"dev"_s, iface.name, u"table"_s,
                table },
            u"source routing: replies from %1 leave through %2 via %3"_s.arg(ip, iface.path, peer));
    }
    return commands;
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
