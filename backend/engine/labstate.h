#pragma once

#include "core/processes.h"
#include "core/result.h"
#include "lab/breakmode.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace mlab {

// A link the lab has broken, and how: restoring it undoes exactly that.
struct BrokenLink
{
    int vlan = 0; // the VLAN its port belongs on (where a cut moves it back to)
    BreakMode mode = BreakMode::Cut;

    friend bool operator==(const BrokenLink &, const BrokenLink &) = default;
};

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
    QMap<int, BrokenLink> brokenPorts; // switch port -> how its link is broken

    // How the link on port is broken; nullopt when it is not.
    std::optional<BrokenLink> brokenLink(int port) const;

    Status save(const QString &path) const;
    // Fails when the file cannot be read, is damaged, or describes another lab than expectedLab.
    static Result<LabState> load(const QString &path, const QString &expectedLab);
};

} // namespace mlab
