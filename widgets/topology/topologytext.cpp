#include "topology/topologytext.h"
#include "common/pathcolour.h"

#include "topology/cableitem.h"
#include "topology/topologystyle.h"

#include <QLocale>

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

QString TopologyText::nodeToolTip(const NodeSpec &node, const VmDetails &details)
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
    if (node.kind == QLatin1String("qemu"))
        lines.append(vmLines(node, details));
    if (node.bootsOwnDisk())
        //: %1 is a disk image's path, %2 the user the lab logs in as
        lines.append(tr("Boots its own disk %1 (never written), logged in to as %2")
                         .arg(node.qemu.disk.toHtmlEscaped(), node.qemu.login.user.toHtmlEscaped()));
    return unwrapped(lines);
}

QStringList TopologyText::vmLines(const NodeSpec &node, const VmDetails &details)
{
    if (!details.isLive()) {
        return { tr("QEMU virtual machine: %1 MiB, launch %2, accelerator %3 (from the lab file)")
                     .arg(node.qemu.memoryMiB)
                     .arg(node.qemu.launch, node.qemu.accel),
            tr("Its state, kernel and boot time show once the lab is up.") };
    }
    QString accelerator = details.accelerator;
    if (accelerator == QLatin1String("kvm"))
        accelerator = tr("KVM (hardware virtualisation)");
    else if (accelerator == QLatin1String("tcg"))
        accelerator = tr("TCG (software emulation, slower)");
    const QString boot = details.bootMs > 0
        ? tr("%1 s from QEMU's start to SSH").arg(QLocale().toString(double(details.bootMs) / 1000.0, 'f', 1))
        : tr("not booted yet");
    //: the run state QEMU reports for the VM ("running", "paused", "shutdown"...)
    return { tr("VM state: %1").arg(bold(details.vmState)), tr("Accelerator: %1").arg(accelerator.toHtmlEscaped()),
        tr("Kernel: %1")
            .arg(!details.kernel.isEmpty() ? details.kernel.toHtmlEscaped()
                    : node.bootsOwnDisk()  ? tr("the disk's own")
                                           : tr("not known yet")),
        tr("Memory: %1 MiB").arg(details.memoryMiB), tr("Launch: %1").arg(details.launch.toHtmlEscaped()),
        tr("Boot: %1").arg(boot), tr("Console log: %1").arg(details.consoleLog.toHtmlEscaped()) };
}

QString TopologyText::vmBadge(const NodeSpec &node, const VmDetails &details)
{
    QString accelerator = details.accelerator;
    if (accelerator.isEmpty() && node.qemu.accel != QLatin1String("auto"))
        accelerator = node.qemu.accel;
    if (accelerator.isEmpty()) {
        //: badge of a QEMU node on the canvas, before QEMU has chosen its accelerator
        return tr("VM");
    }
    //: badge of a QEMU node on the canvas; %1 is its accelerator, KVM or TCG
    return tr("VM · %1").arg(accelerator.toUpper());
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
