#pragma once

#include <QString>
#include <QStringList>

namespace mlab {

// What makes a namespace node a machine of its own rather than a network
// namespace on the host, as CORE's vnoded does it: its own pid namespace
// (with its own /proc, so ps and pkill see only the node), mount namespace
// (a private /tmp and /run), and UTS namespace (hostname = node name), on top
// of its network namespace.
//
// launcherArgv() + PROGRAM runs PROGRAM as pid 1 of the node: the kernel kills
// every process of the node when it exits, and PROGRAM must reap the node's
// orphans (sshd does: it waits for any child). The `unshare` in front stays in
// the host's pid namespace, blocks SIGTERM, and SIGKILLs pid 1 if it is killed itself.
//
// Mounts propagate from the host into the node (slave), never back: a
// filesystem the host unmounts is not kept busy by a node, and nothing the
// node mounts is seen on the host.
class NodeNamespaces
{
public:
    // nodeDir is the node's own directory on the host (sshd's config, keys,
    // pid file, HOME): it stays reachable at the same path inside the node
    // when it lies under /tmp or /run, which the node replaces by empty tmpfs
    // of its own. Nothing else of the host's /tmp and /run is visible. Its
    // empty subdirectory stageDir() must exist: the tmpfs is prepared there.
    NodeNamespaces(QString nodeName, QString netnsName, QString nodeDir);

    QString stageDir() const;
    QStringList launcherArgv() const;
    // The shell script pid 1 runs before it execs the program (its "$@"); it
    // also creates /run/sshd, the privilege separation directory sshd needs.
    QString setupScript() const;

private:
    QStringList privateTmpfs(const QString &dir, const QString &mode, const QStringList &subdirs) const;

    QString m_node;
    QString m_netns;
    QString m_nodeDir;
};

} // namespace mlab
