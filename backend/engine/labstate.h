#pragma once

#include "core/processes.h"
#include "core/result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace mlab {

class RuntimeDir;

// What a running lab has created on the machine, written to the runtime
// directory after every change so that `down` (or the next `up`) can remove
// it all even when the engine was killed with SIGKILL.
struct LabState
{
    QString lab;
    QString labFile;
    ProcessRecord engine;
    QString phase; // "starting", "ready", "stopping", "failed"
    QStringList namespaces;
    QList<ProcessRecord> processes;
    QMap<int, int> brokenPorts; // port -> VLAN it is restored to

    Status save(const QString &path) const;
    static Result<LabState> load(const QString &path);
};

// Removes everything a lab's state file names: processes (only if their pid
// still belongs to the same process), anything else running in its
// namespaces, the namespaces, and the runtime directory. Safe to repeat.
// Returns one line per thing it could not remove.
QStringList removeLabLeftovers(const RuntimeDir &dir, const QStringList &extraNamespaces = {});

// `ip netns pids` for one namespace.
QList<qint64> pidsInNamespace(const QString &netnsName);

} // namespace mlab

namespace mlab {
// Namespaces on this machine that belong to a lab (mlab-LAB-*), whether or not a state file names them.
QStringList namespacesOfLab(const QString &labName);
} // namespace mlab
