#include "nodes/nodenamespaces.h"

#include "core/command.h"

#include <algorithm>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

bool isInside(const QString &path, const QString &dir)
{
    return path.startsWith(dir + u'/');
}

QString parentOf(const QString &path)
{
    return path.left(path.lastIndexOf(u'/'));
}

} // namespace

NodeNamespaces::NodeNamespaces(
    QString nodeName, QString netnsName, QString stageDir, QStringList keptDirs, QStringList keptFiles)
    : m_node(std::move(nodeName))
    , m_netns(std::move(netnsName))
    , m_stage(std::move(stageDir))
    , m_keptDirs(std::move(keptDirs))
    , m_keptFiles(std::move(keptFiles))
{ }

QStringList NodeNamespaces::launcherArgv() const
{
    // ip netns exec first: it remounts /sys for the network namespace, and the
    // node's mount namespace starts as a copy of that.
    return { u"ip"_s, u"netns"_s, u"exec"_s, m_netns, u"unshare"_s, u"--pid"_s, u"--fork"_s, u"--kill-child"_s,
        u"--mount"_s, u"--uts"_s, u"--propagation"_s, u"slave"_s, u"--mount-proc"_s, u"sh"_s, u"-c"_s, setupScript(),
        m_node + u"-init"_s };
}

// A fresh tmpfs on dir. The kept paths under dir are bound into it while it is
// still at the stage, then it moves over dir in one step: once it covers dir,
// the host's files there can no longer be reached by their path.
QStringList NodeNamespaces::privateTmpfs(const QString &dir, const QString &mode) const
{
    const QString options = u"mode="_s + mode + u",nosuid,nodev"_s;
    QStringList dirs;
    for (const QString &kept : m_keptDirs) {
        if (isInside(kept, dir))
            dirs << kept;
    }
    QStringList files;
    for (const QString &kept : m_keptFiles) {
        if (isInside(kept, dir) && std::none_of(m_keptDirs.cbegin(), m_keptDirs.cend(), [&](const QString &d) {
                return isInside(kept, d);
            }))
            files << kept;
    }
    if (dirs.isEmpty() && files.isEmpty())
        return { u"mount -n -t tmpfs -o %1 tmpfs %2"_s.arg(options, shellQuote(dir)) };

    const QString stage = shellQuote(m_stage);
    QStringList lines { u"mkdir -p "_s + stage, u"mount -n -t tmpfs -o %1 tmpfs %2"_s.arg(options, stage) };
    for (const QString &kept : std::as_const(dirs)) {
        const QString target = shellQuote(m_stage + kept.mid(dir.size()));
        lines << u"mkdir -p "_s + target << u"mount -n --bind %1 %2"_s.arg(shellQuote(kept), target);
    }
    for (const QString &kept : std::as_const(files)) {
        const QString target = shellQuote(m_stage + kept.mid(dir.size()));
        lines << u"mkdir -p "_s + shellQuote(parentOf(m_stage + kept.mid(dir.size()))) << u": > "_s + target
              << u"mount -n --bind -o ro %1 %2"_s.arg(shellQuote(kept), target);
    }
    lines << u"mount -n --move %1 %2"_s.arg(stage, shellQuote(dir));
    return lines;
}

QString NodeNamespaces::setupScript() const
{
    QStringList lines { u"set -e"_s };
    lines << u"# hostname = node name (through /proc: hostname(1) refuses the \"_\" a node name may have)"_s;
    lines << u"echo %1 > /proc/sys/kernel/hostname"_s.arg(shellQuote(m_node));
    lines << u"# an empty /tmp and /run for this node alone (mount -n: nothing written to /run/mount/utab)"_s;
    lines += privateTmpfs(u"/tmp"_s, u"1777"_s);
    lines += privateTmpfs(u"/run"_s, u"0755"_s);
    lines << u"# the privilege separation directory sshd needs"_s;
    lines << u"mkdir -m 0755 /run/sshd"_s;
    lines << u"exec \"$@\""_s;
    return lines.join(u'\n');
}

} // namespace mlab
