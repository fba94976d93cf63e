#include "engine/labplan.h"

#include "engine/runtimedir.h"
#include "lab/labmodel.h"
#include "mptcp/mptcpprofile.h"
#include "mptcp/nodeconfig.h"
#include "mptcp/script.h"
#include "nodes/namespacehost.h"
#include "nodes/nodebackend.h"
#include "nodes/owndisk.h"
#include "nodes/qemunode.h"
#include "vde/vdeswitch.h"

#include <QFileInfo>

namespace mlab {

static QList<Command> switchPlan(const Lab &lab, const RuntimeDir &dir)
{
    QStringList layout;
    for (int vlan : lab.switchSpec.vlans)
        layout << QStringLiteral("vlan/create %1").arg(vlan);
    for (int port : lab.usedPorts()) {
        // vde_switch refuses setvlan on a port that does not exist yet: create it first.
        layout << QStringLiteral("port/create %1").arg(port)
               << QStringLiteral("port/setvlan %1 %2").arg(port).arg(lab.vlanOfPort(port).value_or(0));
    }
    const QString rcFile = dir.switchDir() + QStringLiteral(".rc");
    QList<Command> commands;
    commands << Command { QStringLiteral("host"),
        { QStringLiteral("install"), QStringLiteral("-d"), QStringLiteral("-m"), QStringLiteral("0700"),
            dir.switchDir() },
        QStringLiteral("a private directory for the switch's sockets (never a world-writable /tmp path)") };
    commands << Command { QStringLiteral("host"),
        { QStringLiteral("sh"), QStringLiteral("-c"),
            QStringLiteral("cat > %1 <<'EOF'\n%2\nEOF").arg(rcFile, layout.join(QLatin1Char('\n'))) },
        QStringLiteral("the switch's VLANs and ports, as management commands it runs at start "
                       "(the engine sends the same commands over the management socket)") };
    // The engine runs the switch in the foreground and holds its stdin open
    // (its console exits on EOF); by hand, --daemon does the same job.
    QStringList arguments = VdeSwitch::arguments(dir.switchDir(), lab.switchSpec.ports);
    arguments[arguments.indexOf(QStringLiteral("-f")) + 1] = rcFile;
    commands << Command { QStringLiteral("host"),
        QStringList { QStringLiteral("vde_switch") } + arguments + QStringList { QStringLiteral("--daemon") },
        QStringLiteral("the lab's switch") };
    return commands;
}

// The engine writes known_hosts from the keys it generated; by hand, from the .pub files.
static Command knownHostsCommand(const Lab &lab, const RuntimeDir &dir)
{
    QStringList lines;
    for (const NodeSpec &node : lab.nodes) {
        // A VM prints the host key its dropbear made at boot on its console (once it has booted); a system on its
        // own disk has the lab file's key, or shows one to ssh-keyscan.
        QString key = QStringLiteral("$(cat %1/ssh_host_ed25519_key.pub)").arg(dir.nodeDir(node.name));
        if (node.bootsOwnDisk())
            key = !node.qemu.login.hostKey.isEmpty()
                ? node.qemu.login.hostKey
                : QStringLiteral("$(%1 2>/dev/null | head -n 1 | cut -d' ' -f2-)")
                      .arg(hostKeyScanShell(dir.managementNetns(), node.managementInterface()->ip()));
        else if (node.kind == QLatin1String("qemu"))
            key = QStringLiteral("$(sed -n 's/^MLAB-HOSTKEY //p' %1 | tr -d '\\r')")
                      .arg(QemuNode::consoleLogIn(dir.nodeDir(node.name)));
        lines << QStringLiteral("echo \"%1 %2\"").arg(node.managementInterface()->ip(), key);
    }
    return Command { QStringLiteral("host"),
        { QStringLiteral("sh"), QStringLiteral("-c"),
            QStringLiteral("{ %1; } > %2/known_hosts").arg(lines.join(QStringLiteral("; ")), dir.keysDir()) },
        QStringLiteral("pin the nodes' host keys: ssh refuses any other key") };
}

Result<LabPlan> buildLabPlan(const Lab &lab, const RuntimeDir &dir)
{
    LabPlan plan;
    plan.host << Command { QStringLiteral("host"),
        { QStringLiteral("install"), QStringLiteral("-d"), QStringLiteral("-m"), QStringLiteral("0700"),
            dir.privateDir(), dir.keysDir(), dir.privateDir() + QStringLiteral("/nodes") },
        QStringLiteral("the lab's private runtime directory") };
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
            dir.clientKey() + QStringLiteral(".pub"), nullptr, nullptr, nullptr, dir.managementNetns() };
        Result<std::unique_ptr<NodeBackend>> backend = createNodeBackend(env);
        if (!backend)
            return fail(backend.error());
        plan.host += backend.value()->plan();
        const MptcpProfile *profile = mptcpProfile(node.mptcp.profile);
        if (!profile)
            return fail(QStringLiteral("%1: unknown MPTCP profile \"%2\"").arg(node.name, node.mptcp.profile));
        plan.nodes.insert(
            node.name, networkCommands(lab, node) + profile->configure(lab, node) + profile->inspect(node));
    }
    plan.host << knownHostsCommand(lab, dir);
    return plan;
}

ScriptSshOptions scriptSshOptions(const RuntimeDir &dir)
{
    ScriptSshOptions ssh;
    ssh.keyPath = dir.clientKey();
    ssh.knownHostsPath = dir.keysDir() + QStringLiteral("/known_hosts");
    ssh.managementNamespace = dir.managementNetns();
    ssh.nodesDir = QFileInfo(dir.nodeDir(QStringLiteral("any"))).path(); // one place says where nodes live
    return ssh;
}

Result<QString> labScript(const Lab &lab, const RuntimeDir &dir)
{
    Result<LabPlan> plan = buildLabPlan(lab, dir);
    if (!plan)
        return fail(plan.error());
    return exportScript(lab, plan->host, plan->nodes, scriptSshOptions(dir));
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
