#include "nodes/namespacenode.h"

#include "core/processes.h"
#include "core/transcript.h"
#include "lab/labmodel.h"
#include "nodes/nodenamespaces.h"
#include "ssh/sshdserver.h"
#include "ssh/sshkeys.h"

#include <QDir>
#include <QFile>

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

static QString authorizedKeysFile(const NodeEnvironment &env)
{
    return env.workDir + QStringLiteral("/authorized_keys");
}

static SshdConfig sshdConfigFor(const NodeEnvironment &env, const QString &hostKeyFile)
{
    SshdConfig config;
    config.label = env.node->name;
    config.listenAddress = env.node->managementInterface()->ip();
    config.hostKeyFile = hostKeyFile;
    // A copy of the lab's client key: the node's own directory is all of the
    // lab's runtime directory it sees (see NodeNamespaces).
    config.authorizedKeysFile = authorizedKeysFile(env);
    config.runtimeDir = env.workDir;
    config.netnsPath = QStringLiteral("/run/netns/") + env.netnsName;
    // sshd is pid 1 of the node: everything run over SSH is inside the node.
    config.argvPrefix = NodeNamespaces(env.node->name, env.netnsName, env.workDir).launcherArgv();
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

QString NamespaceNode::stageDir() const
{
    return NodeNamespaces(m_env.node->name, m_env.netnsName, m_env.workDir).stageDir();
}

QString NamespaceNode::authorizedKeysWhy() const
{
    return QStringLiteral("the lab's client key may log in to %1 as root").arg(m_env.node->name);
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
        { QStringLiteral("install"), QStringLiteral("-d"), QStringLiteral("-m"), QStringLiteral("0700"), m_env.workDir,
            stageDir() },
        QStringLiteral("a private directory for %1's sshd files, the only part of the lab's runtime directory "
                       "the node sees; stage/ is where its /run is prepared")
            .arg(m_env.node->name) };
    commands << Command { QStringLiteral("host"),
        { QStringLiteral("install"), QStringLiteral("-m"), QStringLiteral("0644"), m_env.clientPublicKeyFile,
            authorizedKeysFile(m_env) },
        authorizedKeysWhy() };
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
    if (!QDir().mkpath(stageDir()))
        return fail(QStringLiteral("%1: cannot create %2").arg(m_env.node->name, stageDir()));
    QFile::setPermissions(m_env.workDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString authorized = authorizedKeysFile(m_env);
    QFile::remove(authorized);
    if (!QFile::copy(m_env.clientPublicKeyFile, authorized))
        return fail(QStringLiteral("%1: cannot copy the lab's client key %2 to %3")
                        .arg(m_env.node->name, m_env.clientPublicKeyFile, authorized));
    m_env.transcript->record(QStringLiteral("host"),
        QStringLiteral("# %1 copied to %2 by the engine (by hand: install -m 0644 %1 %2)")
            .arg(m_env.clientPublicKeyFile, authorized),
        0, QString(), authorizedKeysWhy());
    Result<SshKeyPair> key = generateEd25519Key(hostKeyFile(), m_env.node->name);
    if (!key)
        return fail(QStringLiteral("%1: %2").arg(m_env.node->name, key.error()));
    m_hostKey = key->publicKey;
    // libssh made the key in-process: no command ran. The note shows students the equivalent command.
    m_env.transcript->record(QStringLiteral("host"),
        QStringLiteral("# host key %1 generated by the engine (by hand: ssh-keygen -q -t ed25519 -N '' -f %1)")
            .arg(hostKeyFile()),
        0, key->fingerprint, QStringLiteral("%1's SSH host key").arg(m_env.node->name));
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
