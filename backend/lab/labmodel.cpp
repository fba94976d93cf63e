#include "lab/labmodel.h"

#include <algorithm>

namespace mlab {

const InterfaceSpec *NodeSpec::managementInterface() const
{
    for (const InterfaceSpec &iface : interfaces) {
        if (iface.management)
            return &iface;
    }
    return nullptr;
}

const InterfaceSpec *NodeSpec::interfaceNamed(const QString &ifname) const
{
    for (const InterfaceSpec &iface : interfaces) {
        if (iface.name == ifname)
            return &iface;
    }
    return nullptr;
}

const InterfaceSpec *NodeSpec::interfaceOnPath(const QString &pathName) const
{
    for (const InterfaceSpec &iface : interfaces) {
        if (!iface.management && iface.path == pathName)
            return &iface;
    }
    return nullptr;
}

const NodeSpec *Lab::nodeNamed(const QString &name) const
{
    for (const NodeSpec &node : nodes) {
        if (node.name == name)
            return &node;
    }
    return nullptr;
}

const PathSpec *Lab::pathNamed(const QString &name) const
{
    for (const PathSpec &path : paths) {
        if (path.name == name)
            return &path;
    }
    return nullptr;
}

QList<PathEnd> Lab::endsOf(const QString &pathName) const
{
    QList<PathEnd> ends;
    for (const NodeSpec &node : nodes) {
        for (const InterfaceSpec &iface : node.interfaces) {
            if (!iface.management && iface.path == pathName)
                ends.append(PathEnd { &node, &iface });
        }
    }
    return ends;
}

QString Lab::peerAddress(const QString &nodeName, const QString &pathName) const
{
    // Only a point-to-point path has one peer; on a shared path (three or more ends) every other node is on-link
    // and none of them is "the" gateway.
    const QList<PathEnd> ends = endsOf(pathName);
    if (ends.size() != 2)
        return {};
    if (ends[0].node->name == nodeName)
        return ends[1].interface->ip();
    if (ends[1].node->name == nodeName)
        return ends[0].interface->ip();
    return {};
}

std::optional<int> Lab::vlanOfPort(int port) const
{
    if (management.hostPort > 0 && port == management.hostPort)
        return management.vlan;
    for (const NodeSpec &node : nodes) {
        for (const InterfaceSpec &iface : node.interfaces) {
            if (iface.switchPort != port)
                continue;
            if (iface.management)
                return management.vlan;
            if (const PathSpec *path = pathNamed(iface.path))
                return path->vlan;
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<int> Lab::resolvePort(const QString &link) const
{
    const qsizetype colon = link.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        const NodeSpec *node = nodeNamed(link.left(colon));
        const InterfaceSpec *iface = node ? node->interfaceNamed(link.mid(colon + 1)) : nullptr;
        if (!iface)
            return std::nullopt;
        return iface->switchPort;
    }
    bool isNumber = false;
    const int port = link.toInt(&isNumber);
    if (!isNumber || !usedPorts().contains(port))
        return std::nullopt;
    return port;
}

std::optional<PathEnd> Lab::pathEndOnPort(int port) const
{
    for (const NodeSpec &node : nodes) {
        for (const InterfaceSpec &iface : node.interfaces) {
            if (iface.switchPort == port && !iface.management)
                return PathEnd { &node, &iface };
        }
    }
    return std::nullopt;
}

QString Lab::linkName(int port) const
{
    for (const NodeSpec &node : nodes) {
        for (const InterfaceSpec &iface : node.interfaces) {
            if (iface.switchPort == port)
                return node.name + QLatin1Char(':') + iface.name;
        }
    }
    return QString::number(port);
}

QList<int> Lab::usedPorts() const
{
    QList<int> ports;
    if (management.hostPort > 0)
        ports.append(management.hostPort);
    for (const NodeSpec &node : nodes) {
        for (const InterfaceSpec &iface : node.interfaces)
            ports.append(iface.switchPort);
    }
    std::sort(ports.begin(), ports.end());
    ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
    return ports;
}

} // namespace mlab
