#include "mptcp/script.h"

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

QString commentLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList lines;
    for (const QString &line : text.split(u'\n'))
        lines << (line.isEmpty() ? u"#"_s : u"# "_s + line);
    return lines.join(u'\n') + u'\n';
}

QString withFailureAllowed(const Command &command, QString line)
{
    return command.mayFail ? line + u" || true"_s : line;
}

QString hostLine(const Command &command)
{
    // A daemon (plug, sshd) keeps running while the script goes on.
    if (command.background)
        return command.toShell() + u" &"_s;
    return withFailureAllowed(command, command.toShell());
}

// ssh joins its arguments with spaces and the node's shell parses them again, so a command
// that needed quoting is handed over as one quoted string that the remote shell unquotes.
QString nodeLine(const QString &node, const Command &command)
{
    const QString shell = command.toShell();
    const QString remote = shell == command.argv.join(u' ') ? shell : shellQuote(shell);
    return withFailureAllowed(command, u"on_node "_s + shellQuote(node) + u' ' + remote);
}

// Who logs in to a node, and with which key: the lab's own client key and ssh.user, unless the node boots its own
// disk (its login's user, the engine's copy of its key, or none for a password).
struct NodeLoginWay
{
    QString user;
    QString key; // empty: a password, asked by ssh
};

NodeLoginWay loginWay(const NodeSpec &node, const ScriptSshOptions &ssh)
{
    if (!node.bootsOwnDisk())
        return { ssh.user, ssh.keyPath };
    const QemuLogin &login = node.qemu.login;
    const QString key = login.identityFile.isEmpty() || ssh.nodesDir.isEmpty()
        ? QString()
        : ssh.nodesDir + u'/' + node.name + u'/' + QemuLogin::keyCopyName();
    return { login.user, key };
}

QString onNodeFunction(const Lab &lab, const QStringList &nodes, const ScriptSshOptions &ssh)
{
    QString text;
    text += u"# on_node NODE COMMAND...: run COMMAND on NODE over ssh, through the lab's management network.\n"_s;
    text += u"on_node() {\n    node=$1\n    shift\n    key=$SSH_KEY user="_s + shellQuote(ssh.user)
        + u"\n    case \"$node\" in\n"_s;
    for (const QString &name : nodes) {
        const NodeSpec *node = lab.nodeNamed(name);
        text += u"    "_s + shellQuote(name) + u") addr="_s + shellQuote(node->managementInterface()->ip());
        const NodeLoginWay way = loginWay(*node, ssh);
        if (node->bootsOwnDisk())
            text += u" user="_s + shellQuote(way.user) + u" key="_s
                + (way.key.isEmpty() ? u"''"_s : shellQuote(way.key));
        text += u" ;;"_s;
        if (node->bootsOwnDisk() && way.key.isEmpty())
            text += u" # its own system: ssh asks for the password of the lab file's login"_s;
        text += u'\n';
    }
    text += u"    *) echo \"on_node: no node called $node in this lab\" >&2; return 1 ;;\n    esac\n"_s;
    text += u"    ip netns exec \"$MGMT_NS\" ssh ${key:+-i \"$key\"} -o UserKnownHostsFile=\"$KNOWN_HOSTS\" "_s
            u"-o StrictHostKeyChecking=yes ${key:+-o BatchMode=yes} \"$user@$addr\" \"$@\"\n}\n"_s;
    return text;
}

} // namespace

QString defaultManagementNamespace(const Lab &lab)
{
    return u"mlab-"_s + lab.name + u"-mgmt"_s;
}

Result<QStringList> nodeLoginCommand(const Lab &lab, const QString &node, const ScriptSshOptions &ssh)
{
    const NodeSpec *spec = lab.nodeNamed(node);
    if (!spec)
        return fail(u"lab \"%1\" has no node called \"%2\""_s.arg(lab.name, node));
    if (!spec->managementInterface())
        return fail(u"node \"%1\" has no management interface to log in through"_s.arg(node));
    const QString ns = ssh.managementNamespace.isEmpty() ? defaultManagementNamespace(lab) : ssh.managementNamespace;
    const NodeLoginWay way = loginWay(*spec, ssh);
    QStringList command { u"ip"_s, u"netns"_s, u"exec"_s, ns, u"ssh"_s };
    if (!way.key.isEmpty())
        command << u"-i"_s << way.key;
    return command << u"-o"_s << u"UserKnownHostsFile="_s + ssh.knownHostsPath << u"-o"_s
                   << u"StrictHostKeyChecking=yes"_s << way.user + u'@' + spec->managementInterface()->ip();
}

Result<QString> exportScript(const Lab &lab, const QList<Command> &hostCommands,
    const QMap<QString, QList<Command>> &nodeCommands, const ScriptSshOptions &ssh)
{
    if (ssh.keyPath.isEmpty() || ssh.knownHostsPath.isEmpty())
        return fail(
            u"Cannot export the script of lab \"%1\": the ssh key and known_hosts paths must both be given"_s.arg(
                lab.name));

    // Nodes in the lab file's order, so the script reads like the lab; the QMap would sort them by name.
    QStringList nodes;
    for (const NodeSpec &node : lab.nodes) {
        if (nodeCommands.contains(node.name))
            nodes << node.name;
    }
    for (auto it = nodeCommands.cbegin(); it != nodeCommands.cend(); ++it) {
        const NodeSpec *node = lab.nodeNamed(it.key());
        if (!node)
            return fail(u"Cannot export the script of lab \"%1\": there are commands for node \"%2\", "
                        u"which the lab does not have"_s.arg(lab.name, it.key()));
        if (!node->managementInterface())
            return fail(u"Cannot export the script of lab \"%1\": node \"%2\" has no management interface "
                        u"to reach it over ssh"_s.arg(lab.name, it.key()));
    }

    // An empty command would become a bare `ssh root@node`: an interactive login in the middle of the script.
    for (const Command &command : hostCommands) {
        if (command.argv.isEmpty())
            return fail(u"Cannot export the script of lab \"%1\": a host command is empty (reason given: \"%2\")"_s.arg(
                lab.name, command.why));
    }
    for (auto it = nodeCommands.cbegin(); it != nodeCommands.cend(); ++it) {
        for (const Command &command : it.value()) {
            if (command.argv.isEmpty())
                return fail(u"Cannot export the script of lab \"%1\": a command for node \"%2\" is empty "
                            u"(reason given: \"%3\")"_s.arg(lab.name, it.key(), command.why));
        }
    }

    const QString ns = ssh.managementNamespace.isEmpty() ? defaultManagementNamespace(lab) : ssh.managementNamespace;
    QString script = u"#!/bin/sh\n"_s;
    script += commentLines(
        u"MPTCP Lab: the commands that build lab \"%1\", to run by hand.\n%2\n\n"
        u"Run as root on the machine hosting the lab. Each command has its reason above it;\n"
        u"commands ending in \"|| true\" only clean up and may fail harmlessly."_s.arg(lab.name, lab.description));
    script += u"set -e\n\n"_s;
    script += u"MGMT_NS="_s + shellQuote(ns) + u'\n';
    script += u"SSH_KEY="_s + shellQuote(ssh.keyPath) + u'\n';
    script += u"KNOWN_HOSTS="_s + shellQuote(ssh.knownHostsPath) + u"\n\n"_s;
    script += onNodeFunction(lab, nodes, ssh);

    if (!hostCommands.isEmpty()) {
        script += u"\n# ---- on this machine ----\n"_s;
        for (const Command &command : hostCommands)
            script += u'\n' + commentLines(command.why) + hostLine(command) + u'\n';
    }
    for (const QString &node : nodes) {
        script += u"\n# ---- on "_s + node + u" ----\n"_s;
        for (const Command &command : nodeCommands.value(node))
            script += u'\n' + commentLines(command.why) + nodeLine(node, command) + u'\n';
    }
    return script;
}

} // namespace mlab
