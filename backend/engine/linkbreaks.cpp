// LabController's breaks and restores: a cut moves the node's switch port to the dead VLAN (a silent
// failure); an unplug takes the interface down inside the node (carrier down, which the kernel sees).
#include "engine/labcontroller.h"

#include "engine/nodesession.h"
#include "mptcp/nodeconfig.h"
#include "nodes/nodebackend.h"
#include "vde/vdemanagementclient.h"
#include "vde/vdeswitch.h"

namespace mlab {

namespace {

// "NodeA:eth0 (port 10)", or "port 10" when no node interface sits on it.
QString describeLink(const Lab &lab, int port)
{
    const QString name = lab.linkName(port);
    return name == QString::number(port) ? QStringLiteral("port %1").arg(port)
                                         : QStringLiteral("%1 (port %2)").arg(name).arg(port);
}

} // namespace

Result<int> LabController::portForLink(const Lab &lab, const QString &link, BreakMode mode)
{
    const std::optional<int> port = lab.resolvePort(link);
    if (!port) {
        QStringList examples;
        for (const NodeSpec &node : lab.nodes) {
            for (const InterfaceSpec &iface : node.interfaces) {
                if (!iface.management)
                    examples << node.name + QLatin1Char(':') + iface.name;
            }
        }
        return fail(QStringLiteral("unknown link \"%1\": expected NODE:INTERFACE (%2) or a switch port of the lab")
                        .arg(link, examples.join(QStringLiteral(", "))));
    }
    if (*port == lab.management.hostPort)
        return fail(QStringLiteral(
            "port %1 is the management host's port: breaking it would cut the engine off from every node")
                        .arg(*port));
    for (const NodeSpec &node : lab.nodes) {
        const InterfaceSpec *mgmt = node.managementInterface();
        if (mgmt && mgmt->switchPort == *port)
            return fail(
                QStringLiteral("port %1 is %2's management interface %3: breaking it would cut the engine off from %2")
                    .arg(*port)
                    .arg(node.name, mgmt->name));
    }
    if (mode == BreakMode::Unplug && !lab.pathEndOnPort(*port))
        return fail(QStringLiteral("link \"%1\": port %2 is not a node's interface, so there is nothing to unplug "
                                   "inside a node (break it with mode cut instead)")
                        .arg(link)
                        .arg(*port));
    return *port;
}

Status LabController::runOnNode(const QString &node, const QList<Command> &commands)
{
    const std::shared_ptr<NodeSession> session = m_sessions.value(node);
    if (!session)
        return fail(
            QStringLiteral("%1 has no SSH session of the engine: lab %2 is not configured").arg(node, m_lab.name));
    if (Result<QList<QByteArray>> ran = session->runBatch(commands); !ran)
        return fail(ran.error());
    return {};
}

Result<QString> LabController::breakLink(const QString &link, const QString &modeName)
{
    const std::optional<BreakMode> mode = parseBreakMode(modeName);
    if (!mode)
        return fail(QStringLiteral("unknown break mode \"%1\" (expected %2)").arg(modeName, breakModeChoices()));
    if (m_state.phase != QLatin1String("ready"))
        return fail(QStringLiteral("lab %1 is not running (it is %2)").arg(m_lab.name, m_state.phase));
    Result<int> port = portForLink(m_lab, link, *mode);
    if (!port)
        return fail(port.error());
    const QString name = describeLink(m_lab, *port);
    if (const std::optional<BrokenLink> broken = m_state.brokenLink(*port)) {
        if (broken->mode == *mode)
            return QStringLiteral("%1 is already broken (%2)").arg(name, breakModeName(*mode));
        return fail(QStringLiteral("%1 is already broken by %2: restore it before breaking it with %3")
                        .arg(name, breakModeName(broken->mode), breakModeName(*mode)));
    }
    QString done;
    if (*mode == BreakMode::Cut) {
        if (Status moved = m_switch->management()->setPortVlan(*port, m_lab.switchSpec.deadVlan); !moved)
            return fail(moved.error());
        done = QStringLiteral("%1 cut: the port moved to dead VLAN %2").arg(name).arg(m_lab.switchSpec.deadVlan);
    } else {
        const PathEnd end = *m_lab.pathEndOnPort(*port); // portForLink checked it is there
        const std::shared_ptr<NodeBackend> backend = m_nodes.value(end.node->name);
        if (backend && backend->hasVirtualCable()) {
            if (Status pulled = backend->setCarrier(end.interface->name, false); !pulled)
                return fail(QStringLiteral("cannot unplug %1: %2").arg(name, pulled.error()));
            done = QStringLiteral("%1 unplugged: QEMU pulled %2's virtual cable (QMP set_link off); inside %3 the "
                                  "NIC has lost carrier")
                       .arg(name, end.interface->name, end.node->name);
        } else {
            if (Status ran = runOnNode(end.node->name, unplugCommands(*end.node, *end.interface)); !ran)
                return fail(QStringLiteral("cannot unplug %1: %2").arg(name, ran.error()));
            done = QStringLiteral("%1 unplugged: %2 is down inside %3 (carrier down; the kernel deleted its routes)")
                       .arg(name, end.interface->name, end.node->name);
        }
    }
    m_state.brokenPorts.insert(*port, { m_lab.vlanOfPort(*port).value_or(0), *mode });
    (void)saveState(); // a failure is reported as damage
    Q_EMIT linkChanged(*port, true, breakModeName(*mode));
    return done;
}

Result<QString> LabController::restoreLink(const QString &link)
{
    if (m_state.phase != QLatin1String("ready"))
        return fail(QStringLiteral("lab %1 is not running (it is %2)").arg(m_lab.name, m_state.phase));
    Result<int> port = portForLink(m_lab, link);
    if (!port)
        return fail(port.error());
    const QString name = describeLink(m_lab, *port);
    const int vlan = m_lab.vlanOfPort(*port).value_or(0);
    const std::optional<BrokenLink> broken = m_state.brokenLink(*port);
    const BreakMode mode = broken ? broken->mode : BreakMode::Cut;
    QString done;
    if (mode == BreakMode::Cut) {
        // Also for a link that is not broken: putting its port on its own VLAN again is harmless, and mends a
        // port moved by hand.
        if (Status moved = m_switch->management()->setPortVlan(*port, vlan); !moved)
            return fail(moved.error());
        done = broken ? QStringLiteral("%1 restored: the port is back on VLAN %2").arg(name).arg(vlan)
                      : QStringLiteral("%1 was not broken; the port is on VLAN %2").arg(name).arg(vlan);
    } else {
        const PathEnd end = *m_lab.pathEndOnPort(*port); // it was unplugged, so it is a node's interface
        const std::shared_ptr<NodeBackend> backend = m_nodes.value(end.node->name);
        // A failure leaves the link recorded as unplugged, so that restore can be asked again once it is mended.
        if (backend && backend->hasVirtualCable()) {
            // Carrier loss alone deletes no route (only taking the interface down does): plugging back is all.
            if (Status plugged = backend->setCarrier(end.interface->name, true); !plugged)
                return fail(QStringLiteral("cannot plug %1 back in (it stays recorded as unplugged; restore it again "
                                           "once this is mended): %2")
                                .arg(name, plugged.error()));
            done = QStringLiteral("%1 plugged back in: QEMU reconnected %2's virtual cable (QMP set_link on)")
                       .arg(name, end.interface->name);
        } else {
            if (Status ran = runOnNode(end.node->name, replugCommands(m_lab, *end.node, *end.interface)); !ran)
                return fail(QStringLiteral("cannot plug %1 back in (it stays recorded as unplugged; restore it again "
                                           "once this is mended): %2")
                                .arg(name, ran.error()));
            done = QStringLiteral("%1 plugged back in: %2 is up inside %3 and its routing re-applied (taking it "
                                  "down had deleted every route through it)")
                       .arg(name, end.interface->name, end.node->name);
        }
    }
    m_state.brokenPorts.remove(*port);
    (void)saveState(); // a failure is reported as damage
    Q_EMIT linkChanged(*port, false, breakModeName(mode));
    return done;
}

} // namespace mlab
