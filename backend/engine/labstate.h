#pragma once

#include "core/processes.h"
#include "core/result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace mlab {

// What a running lab has created on the machine, written to the runtime
// directory after every change so that `down` (or the next `up`) can remove
// it all even when the engine was killed with SIGKILL.
struct LabState
{
    QString lab;
    QString labFile;
    ProcessRecord engine;
    QString phase; // "starting", "ready", "stopping", "down"
    QStringList namespaces;
    QList<ProcessRecord> processes;
    QMap<int, int> brokenPorts; // port -> VLAN it is restored to

    Status save(const QString &path) const;
    // Fails when the file cannot be read, is damaged, or describes another lab than expectedLab.
    static Result<LabState> load(const QString &path, const QString &expectedLab);
};

} // namespace mlab
