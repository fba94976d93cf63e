#include "nodes/nodenamespaces.h"

#include "core/command.h"

namespace mlab {

using namespace Qt::StringLiterals;

NodeNamespaces::NodeNamespaces(QString nodeName, QString netnsName, QString nodeDir)
    : m_node(std::move(nodeName))
    , m_netns(std::move(netnsName))
    , m_nodeDir(std::move(nodeDir))
{ }

QString NodeNamespaces::stageDir() const
{
    return m_nodeDir + u"/stage"_s;
}

QStringList NodeNamespaces::launcherArgv() const
{
    // ip netns exec first: it remounts /sys for the network namespace, and the
    // node's mount namespace starts as a copy of that.
    return { u"ip"_s, u"netns"_s, u"exec"_s, m_netns, u"unshare"_s, u"--pid"_s, u"--fork"_s, u"--kill-child"_s,
        u"--mount"_s, u"--uts"_s, u"--propagation"_s, u"slave"_s, u"--mount-proc"_s, u"sh"_s, u"-c"_s, setupScript(),
        m_node + u"-init"_s };
}

// An empty tmpfs on dir, with subdirs made in it. When the node's directory is
// under dir, the tmpfs is prepared at the stage, with the node's directory
// bound into it, and then moved over dir in one step: once a tmpfs covers dir,
// the host's files there can no longer be reached by their path.
QStringList NodeNamespaces::privateTmpfs(const QString &dir, const QString &mode, const QStringList &subdirs) const
{
    const QString options = u"mode="_s + mode + u",nosuid,nodev"_s;
    const bool keepsNodeDir = m_nodeDir.startsWith(dir + u'/');
    const QString base = keepsNodeDir ? stageDir() : dir;
    QStringList made;
    for (const QString &subdir : subdirs)
        made << shellQuote(base + u'/' + subdir);
    const QString bound = shellQuote(base + m_nodeDir.mid(dir.size()));
    if (keepsNodeDir)
        made << bound;

    QStringList lines { u"mount -n -t tmpfs -o %1 tmpfs %2"_s.arg(options, shellQuote(base)) };
    if (!made.isEmpty())
        lines << u"mkdir -p -m 0755 "_s + made.join(u' ');
    if (keepsNodeDir) {
        lines << u"mount -n --bind %1 %2"_s.arg(shellQuote(m_nodeDir), bound);
        lines << u"mount -n --move %1 %2"_s.arg(shellQuote(base), shellQuote(dir));
    }
    return lines;
}

QString NodeNamespaces::setupScript() const
{
    QStringList lines { u"set -e"_s };
    lines << u"# hostname = node name (through /proc: hostname(1) refuses the \"_\" a node name may have)"_s;
    lines << u"echo %1 > /proc/sys/kernel/hostname"_s.arg(shellQuote(m_node));
    lines << u"# empty /tmp and /run of its own, with /run/sshd for sshd and the node directory still at its path"_s;
    lines << u"# (mount -n: nothing is written to /run/mount/utab)"_s;
    lines += privateTmpfs(u"/tmp"_s, u"1777"_s, {});
    lines += privateTmpfs(u"/run"_s, u"0755"_s, { u"sshd"_s });
    lines << u"exec \"$@\""_s;
    return lines.join(u'\n');
}

} // namespace mlab
