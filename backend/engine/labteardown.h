#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mlab {

class RuntimeDir;

// What removing a lab took: nothing is reported as removed that is still there.
struct TeardownReport
{
    QStringList problems; // one line per thing that could not be removed
    // Processes still running in the lab's namespaces or naming its runtime directory once the lab's own
    // children had been stopped: a user's `exec NodeB 'iperf -s &'`, an `ip netns exec` shell, a crashed
    // engine's children. Each is listed as "PID COMMAND (where)".
    QStringList killed;
};

// Removes everything of a lab: processes its state file names (only if their pid still belongs to the same
// process), every process running in any of its namespaces (found through the namespaces, not by name,
// until none is left), the namespaces, and the runtime directory. Safe to repeat. Namespaces that do not
// belong to the lab (RuntimeDir::ownsNamespace) are left alone and reported.
TeardownReport removeLabLeftovers(const RuntimeDir &dir, const QStringList &extraNamespaces = {});

// The processes whose network namespace is netnsName (what `ip netns pids` prints), read from /proc.
QList<qint64> pidsInNamespace(const QString &netnsName);

// Namespaces on this machine named like the lab's (mlab-LAB-*), whether or not a state file names them.
// Another running lab whose name extends this one ("a" and "a-b") keeps its own namespaces.
Result<QStringList> namespacesOfLab(const QString &labName);

} // namespace mlab
