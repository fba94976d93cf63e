#include "nodes/namespacenode.h"

#include "core/processes.h"
#include "core/transcript.h"
#include "lab/labmodel.h"
#include "nodes/nodenamespaces.h"
#include "ssh/sshdserver.h"
#include "ssh/sshkeys.h"

#include <QDir>

namespace mlab {

static QList<WiredTap> tapsOf(const NodeSpec &node)
{
    QList<WiredTap> taps;
    for (const InterfaceSpec &iface : node.interfaces) {
        // Only the management address is set from the host; the rest is the
        // engine's job over SSH, as on a real machine.
        taps << WiredTap { iface.name, iface.mac, iface.switchPort, iface.management ? iface.address : QString() };
    }
    return taps;
}

static SshdConfig sshdConfigFor(const NodeEnvironment &env, const QString &hostKeyFile)
{
    SshdConfig config;
    config.label = env.node->name;
    config.listenAddress = env.node->managementInterface()->ip();
    config.hostKeyFile = hostKeyFile;
    config.authorizedKeysFile = env.clientPublicKeyFile;
    config.runtimeDir = env.workDir;
    config.netnsPath = QStringLiteral("/run/netns/") + env.netnsName;
    // sshd is pid 1 of the node: everything run over SSH is inside the node.
    // It needs its own directory (config, host key, pid file, HOME) and the
    // client key from the lab's runtime directory, which is under the /run
    // the node replaces; nothing else of the lab is visible in the node.
    config.argvPrefix = NodeNamespaces(env.node->name, env.netnsName, env.workDir + QStringLiteral("/stage"),
        { env.workDir }, { env.clientPublicKeyFile })
                            .launcherArgv();
    config.privsepDir.clear(); // the node's own /run has it
    // Namespace nodes share the host's /root: its shell start-up files (pyenv,
    // conda ...) would run for every command. Each node gets a home of its own.
    config.sessionHome = env.workDir + QStringLiteral("/home");
    return config;
}

NamespaceNode::NamespaceNode(const NodeEnvironment &env)
    : m_env(env)
    , m_host(env.node->name, env.netnsName, env.switchDir, tapsOf(*env.node))
{ }

NamespaceNode::~NamespaceNode()
{
    stop();
}

QString NamespaceNode::hostKeyFile() const
{
    return m_env.workDir + QStringLiteral("/ssh_host_ed25519_key");
}

QString NamespaceNode::sshdWhy() const
{
    return QStringLiteral("%1 as a machine of its own: pid, mount and UTS namespaces inside its network namespace "
                          "(hostname %1, its own /proc, /tmp and /run), sshd as its pid 1 listening on the management "
                          "address only; every process of %1 ends with sshd")
        .arg(m_env.node->name);
}

QString NamespaceNode::managementAddress() const
{
    return m_env.node->managementInterface()->ip();
}

QList<Command> NamespaceNode::plan() const
{
    QList<Command> commands = m_host.plan();
    commands << Command { QStringLiteral("host"),
        { QStringLiteral("install"), QStringLiteral("-d"), QStringLiteral("-m"), QStringLiteral("0700"),
            m_env.workDir },
        QStringLiteral("a private directory for %1's sshd files").arg(m_env.node->name) };
    commands << Command { QStringLiteral("host"),
        { QStringLiteral("ssh-keygen"), QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
            QStringLiteral("-N"), QString(), QStringLiteral("-f"), hostKeyFile() },
        QStringLiteral("%1's SSH host key; the engine pins it and refuses any other").arg(m_env.node->name) };
    const SshdServer server(sshdConfigFor(m_env, hostKeyFile()));
    commands << Command { QStringLiteral("host"),
        { QStringLiteral("sh"), QStringLiteral("-c"),
            QStringLiteral("cat > %1 <<'EOF'\n%2EOF").arg(server.configPath(), server.configText()) },
        QStringLiteral("%1's sshd configuration: management address only, key logins only").arg(m_env.node->name) };
    Command sshd = server.command();
    sshd.why = sshdWhy();
    sshd.background = true;
    commands << sshd;
    return commands;
}

Status NamespaceNode::start(int timeoutMs)
{
    if (Status wired = m_host.start(*m_env.runner, *m_env.processes); !wired)
        return wired;
    if (!QDir().mkpath(m_env.workDir))
        return fail(QStringLiteral("%1: cannot create %2").arg(m_env.node->name, m_env.workDir));
    QFile::setPermissions(m_env.workDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    Result<SshKeyPair> key = generateEd25519Key(hostKeyFile(), m_env.node->name);
    if (!key)
        return fail(QStringLiteral("%1: %2").arg(m_env.node->name, key.error()));
    m_hostKey = key->publicKey;
    m_env.transcript->record(QStringLiteral("host"),
        QStringLiteral("ssh-keygen -q -t ed25519 -N '' -f %1").arg(hostKeyFile()), 0, key->fingerprint,
        QStringLiteral("%1's SSH host key").arg(m_env.node->name));
    m_sshd = std::make_unique<SshdServer>(sshdConfigFor(m_env, hostKeyFile()));
    Status started = m_sshd->start(timeoutMs);
    m_env.transcript->record(QStringLiteral("host"), m_sshd->command().toShell() + QStringLiteral(" &"),
        started ? 0 : -1,
        started ? QStringLiteral("pid %1, sshd pid %2").arg(m_sshd->pid()).arg(m_sshd->daemonPid()) : started.error(),
        sshdWhy());
    return started;
}

void NamespaceNode::stop()
{
    if (m_sshd)
        m_sshd->stop(300);
    m_sshd.reset();
}

// Either one ends the node: killing pid 1 kills every process of its pid
// namespace, and unshare, when killed, SIGKILLs pid 1 (--kill-child). unshare
// ignores SIGTERM; sshd as pid 1 takes it.
QList<ProcessRecord> NamespaceNode::processes() const
{
    QList<ProcessRecord> records;
    if (const qint64 launcher = m_sshd ? m_sshd->pid() : 0; launcher > 0)
        records << ProcessRecord { launcher, processStartTime(launcher),
            m_env.node->name + QStringLiteral(" (unshare: the node's pid, mount and UTS namespaces)") };
    if (const qint64 init = m_sshd ? m_sshd->daemonPid() : 0; init > 0)
        records << ProcessRecord { init, processStartTime(init), m_env.node->name + QStringLiteral(" sshd, pid 1") };
    return records;
}

} // namespace mlab
