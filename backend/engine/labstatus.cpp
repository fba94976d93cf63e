// LabController::status(): everything a client shows about a running lab.
#include "engine/labcontroller.h"

#include "nodes/nodebackend.h"
#include "vde/vdemanagementclient.h"
#include "vde/vdeswitch.h"

#include <QJsonArray>

namespace mlab {

static QJsonObject portJson(const VdePortInfo &port)
{
    return { { QStringLiteral("port"), port.port }, { QStringLiteral("vlan"), port.untaggedVlan },
        { QStringLiteral("active"), port.active }, { QStringLiteral("inBytes"), qint64(port.inBytes) },
        { QStringLiteral("outBytes"), qint64(port.outBytes) }, { QStringLiteral("inPackets"), qint64(port.inPackets) },
        { QStringLiteral("outPackets"), qint64(port.outPackets) } };
}

// "broken", and when it is, "breakMode" ("cut" or "unplug"): what is in effect on a link or path.
static void insertBreak(QJsonObject &object, const std::optional<BrokenLink> &broken)
{
    object.insert(QStringLiteral("broken"), broken.has_value());
    if (broken)
        object.insert(QStringLiteral("breakMode"), breakModeName(broken->mode));
}

QJsonObject LabController::status()
{
    QJsonArray nodes;
    for (const NodeSpec &spec : m_lab.nodes) {
        QJsonArray interfaces;
        for (const InterfaceSpec &iface : spec.interfaces) {
            QJsonObject object { { QStringLiteral("name"), iface.name }, { QStringLiteral("address"), iface.address },
                { QStringLiteral("mac"), iface.mac }, { QStringLiteral("port"), iface.switchPort },
                { QStringLiteral("path"), iface.path }, { QStringLiteral("management"), iface.management } };
            insertBreak(object, m_state.brokenLink(iface.switchPort));
            interfaces.append(object);
        }
        QJsonObject node { { QStringLiteral("name"), spec.name }, { QStringLiteral("kind"), spec.kind },
            { QStringLiteral("mptcpProfile"), spec.mptcp.profile }, { QStringLiteral("interfaces"), interfaces } };
        if (spec.kind == QLatin1String("namespace"))
            node.insert(QStringLiteral("netns"), m_dir.netnsName(spec.name));
        // A VM's accelerator (kvm or tcg), kernel, console log ...
        if (const std::shared_ptr<NodeBackend> backend = m_nodes.value(spec.name)) {
            const QJsonObject details = backend->statusDetails();
            for (auto it = details.constBegin(); it != details.constEnd(); ++it)
                node.insert(it.key(), it.value());
        }
        nodes.append(node);
    }
    QJsonArray paths;
    for (const PathSpec &path : m_lab.paths) {
        // A path broken at both ends, in two ways, shows the first end's (in the lab's order of nodes).
        std::optional<BrokenLink> broken;
        for (const PathEnd &end : m_lab.endsOf(path.name)) {
            if (!broken)
                broken = m_state.brokenLink(end.interface->switchPort);
        }
        QJsonObject object { { QStringLiteral("name"), path.name }, { QStringLiteral("vlan"), path.vlan },
            { QStringLiteral("rate"), path.shaping.isUnlimited() ? QStringLiteral("unlimited") : path.shaping.rate } };
        insertBreak(object, broken);
        paths.append(object);
    }
    QJsonArray ports;
    QString switchError;
    if (m_switch && m_state.phase == QLatin1String("ready")) {
        if (Result<QList<VdePortInfo>> counters = m_switch->management()->portCounters(); counters) {
            for (const VdePortInfo &port : counters.value())
                ports.append(portJson(port));
        } else {
            switchError = counters.error();
        }
    }
    QJsonObject status { { QStringLiteral("lab"), m_lab.name }, { QStringLiteral("labFile"), m_lab.sourceFile },
        { QStringLiteral("phase"), m_state.phase }, { QStringLiteral("enginePid"), m_state.engine.pid },
        { QStringLiteral("runtimeDir"), m_dir.labDir() }, { QStringLiteral("transcript"), m_dir.transcriptFile() },
        { QStringLiteral("deadVlan"), m_lab.switchSpec.deadVlan }, { QStringLiteral("nodes"), nodes },
        { QStringLiteral("paths"), paths }, { QStringLiteral("ports"), ports } };
    if (!m_damage.isEmpty())
        status.insert(QStringLiteral("damage"), m_damage);
    if (!switchError.isEmpty())
        status.insert(QStringLiteral("switchError"), switchError);
    return status;
}

} // namespace mlab
