#include "engine/labplan.h"

#include "engine/runtimedir.h"
#include "lab/labmodel.h"
#include "mptcp/mptcpprofile.h"
#include "mptcp/nodeconfig.h"
#include "mptcp/script.h"
#include "nodes/namespacehost.h"
#include "nodes/nodebackend.h"
#include "vde/vdeswitch.h"

namespace mlab {

Command switchCommand(const QString &managementSocket, const QString &line, const QString &why)
{
    return Command { QStringLiteral("host"),
                     QStringList { QStringLiteral("unixcmd"), QStringLiteral("-s"), managementSocket } + line.split(QLatin1Char(' ')),
                     why };
}

static QList<Command> switchPlan(const Lab &lab, const RuntimeDir &dir)
{
    const QString mgmt = VdeSwitch::managementSocketPathIn(dir.switchDir());
    QList<Command> commands;
    commands << Command { QStringLiteral("host"),
                          { QStringLiteral("install"), QStringLiteral("-d"), QStringLiteral("-m"), QStringLiteral("0700"), dir.switchDir() },
                          QStringLiteral("a private directory for the switch's sockets (never a world-writable /tmp path)") };
    Command start { QStringLiteral("host"),
                    QStringList { QStringLiteral("vde_switch") } + VdeSwitch::arguments(dir.switchDir(), lab.switchSpec.ports),
                    QStringLiteral("the lab's switch; its console must keep an open stdin or it exits") };
    start.background = true;
    commands << start;
    for (int vlan : lab.switchSpec.vlans)
        commands << switchCommand(mgmt, QStringLiteral("vlan/create %1").arg(vlan), QStringLiteral("VLAN %1").arg(vlan));
    for (int port : lab.usedPorts()) {
        const int vlan = lab.vlanOfPort(port).value_or(0);
        // vde_switch refuses setvlan on a port that does not exist yet: create it first.
        commands << switchCommand(mgmt, QStringLiteral("port/create %1").arg(port), QStringLiteral("port %1").arg(port));
        commands << switchCommand(mgmt, QStringLiteral("port/setvlan %1 %2").arg(port).arg(vlan),
                                  QStringLiteral("port %1 on VLAN %2").arg(port).arg(vlan));
    }
    return commands;
}

Result<LabPlan> buildLabPlan(const Lab &lab, const RuntimeDir &dir)
{
    LabPlan plan;
    plan.host << Command { QStringLiteral("host"),
                           { QStringLiteral("ssh-keygen"), QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                             QStringLiteral("-N"), QString(), QStringLiteral("-f"), dir.clientKey() },
                           QStringLiteral("the key the lab uses to log in to its nodes") };
    plan.host += switchPlan(lab, dir);
    const QString data = VdeSwitch::dataSocketPathIn(dir.switchDir());
    const ManagementSpec &mgmt = lab.management;
    plan.host += NamespaceHost(QStringLiteral("management host"), dir.managementNetns(), data,
                               { { mgmt.hostTap, QString(), mgmt.hostPort, mgmt.hostAddress } })
                     .plan();
    for (const NodeSpec &node : lab.nodes) {
        NodeEnvironment env { &lab, &node, dir.netnsName(node.name), data, dir.nodeDir(node.name),
                              dir.clientKey() + QStringLiteral(".pub"), nullptr, nullptr, nullptr };
        Result<std::unique_ptr<NodeBackend>> backend = createNodeBackend(env);
        if (!backend)
            return fail(backend.error());
        plan.host += backend.value()->plan();
        const MptcpProfile *profile = mptcpProfile(node.mptcp.profile);
        if (!profile)
            return fail(QStringLiteral("%1: unknown MPTCP profile \"%2\"").arg(node.name, node.mptcp.profile));
        plan.nodes.insert(node.name, networkCommands(lab, node) + profile->configure(lab, node) + profile->inspect(node));
    }
    return plan;
}

Result<QString> labScript(const Lab &lab, const RuntimeDir &dir)
{
    Result<LabPlan> plan = buildLabPlan(lab, dir);
    if (!plan)
        return fail(plan.error());
    ScriptSshOptions ssh;
    ssh.keyPath = dir.clientKey();
    ssh.knownHostsPath = dir.keysDir() + QStringLiteral("/known_hosts");
    ssh.managementNamespace = dir.managementNetns();
    return exportScript(lab, plan->host, plan->nodes, ssh);
}

QString formatPlan(const LabPlan &plan)
{
    QString text = QStringLiteral("# on the host\n");
    for (const Command &command : plan.host)
        text += command.toShell() + (command.background ? QStringLiteral(" &") : QString()) + QLatin1Char('\n');
    for (auto it = plan.nodes.cbegin(); it != plan.nodes.cend(); ++it) {
        text += QStringLiteral("\n# on %1, over SSH through its management interface\n").arg(it.key());
        for (const Command &command : it.value())
            text += command.toShell() + QLatin1Char('\n');
    }
    return text;
}

} // namespace mlab
