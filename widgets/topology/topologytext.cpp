#include "topology/topologytext.h"
#include "common/pathcolour.h"

#include "topology/cableitem.h"
#include "topology/topologystyle.h"

namespace mlab {

namespace {

// Tooltips wrap rich text at a narrow width; these lines read better unbroken.
QString unwrapped(const QStringList &lines)
{
    return QStringLiteral("<p style='white-space:pre'>") + lines.join(QStringLiteral("<br/>")) + QStringLiteral("</p>");
}

QString bold(const QString &text)
{
    return QStringLiteral("<b>") + text.toHtmlEscaped() + QStringLiteral("</b>");
}

} // namespace

QString TopologyText::pathVlan(const QString &path, int vlan)
{
    return tr("%1 (VLAN %2)").arg(path).arg(vlan);
}

QString TopologyText::managementVlan(int vlan)
{
    return tr("management (VLAN %1)").arg(vlan);
}

QString TopologyText::nodeToolTip(const NodeSpec &node)
{
    QStringList lines { tr("%1 (%2, MPTCP %3)").arg(bold(node.name), node.kind, node.mptcp.profile) };
    for (const InterfaceSpec &iface : node.interfaces) {
        const QString where = iface.management ? tr("management") : tr("on %1").arg(iface.path);
        const QString endpoint = iface.management ? tr("MPTCP off")
            : iface.endpointFlags.isEmpty()       ? tr("no MPTCP endpoint")
                                                  : tr("endpoint %1").arg(iface.endpointFlags.join(QLatin1Char(' ')));
        //: interface name, address, MAC address, switch port, path, MPTCP endpoint
        lines.append(tr("%1: %2, MAC %3, switch port %4, %5, %6")
                         .arg(iface.name, iface.address, iface.mac)
                         .arg(iface.switchPort)
                         .arg(where, endpoint));
    }
    return unwrapped(lines);
}

QString TopologyText::hostToolTip(const ManagementSpec &management)
{
    return unwrapped({ bold(tr("Management host")),
        tr("tap %1, %2, switch port %3").arg(management.hostTap, management.hostAddress).arg(management.hostPort),
        tr("The engine reaches every node over SSH from here.") });
}

QString TopologyText::switchToolTip(const Lab &lab)
{
    QStringList vlans;
    for (int vlan : lab.switchSpec.vlans)
        vlans.append(QString::number(vlan));
    return unwrapped({ bold(tr("VDE switch")),
        tr("ports 1 to %1, %2 in use").arg(lab.switchSpec.ports - 1).arg(lab.usedPorts().size()),
        tr("VLANs %1 (dead VLAN %2)").arg(vlans.join(QStringLiteral(", "))).arg(lab.switchSpec.deadVlan) });
}

QString TopologyText::cableToolTip(const Lab &lab, const CableItem &cable)
{
    QString address = lab.management.hostAddress;
    if (const NodeSpec *node = lab.nodeNamed(cable.nodeName())) {
        if (const InterfaceSpec *iface = node->interfaceNamed(cable.interfaceName()))
            address = iface->address;
    }
    const QString what = cable.role() == CableItem::Role::Management ? managementVlan(cable.vlan())
                                                                     : pathVlan(cable.pathName(), cable.vlan());
    QStringList lines { tr("%1 to switch port %2").arg(bold(cable.link())).arg(cable.port()),
        tr("%1, %2").arg(what, address) };
    if (cable.role() == CableItem::Role::Management) {
        lines.append(tr("Not breakable: the engine reaches the nodes through it."));
        return unwrapped(lines);
    }
    switch (cable.state()) {
    case CableItem::State::Up:
        lines.append(tr("Up. Click to break it (cut); right-click to unplug."));
        break;
    case CableItem::State::Impaired:
        lines.append(tr("Up, but a subflow on it is stalled: MPTCP sees no progress on this path. Click to break "
                        "it (cut); right-click to unplug."));
        break;
    case CableItem::State::Broken:
        lines.append(cable.breakMode() == QLatin1String("unplug")
                ? tr("Broken: unplugged (the interface is down inside the node). Click to restore.")
                : tr("Broken: cut (the port is on the dead VLAN %1). Click to restore.").arg(lab.switchSpec.deadVlan));
        break;
    }
    return unwrapped(lines);
}

QList<TopologyLegend::Entry> TopologyText::legendEntries(const Lab &lab)
{
    QList<TopologyLegend::Entry> entries;
    for (qsizetype i = 0; i < lab.paths.size(); ++i)
        entries.append({ pathColour(int(i)), Qt::SolidLine, pathVlan(lab.paths[i].name, lab.paths[i].vlan) });
    entries.append({ managementCableColour(), Qt::SolidLine, managementVlan(lab.management.vlan) });
    entries.append(
        { deadVlanColour(), Qt::DashLine, tr("dead VLAN %1: broken links go here").arg(lab.switchSpec.deadVlan) });
    entries.append({ deadVlanColour(), Qt::DotLine, tr("gap and red plug at the node: unplugged") });
    entries.append({ impairedCableColour(), Qt::SolidLine, tr("amber halo: up, but its traffic stalled") });
    return entries;
}

} // namespace mlab
