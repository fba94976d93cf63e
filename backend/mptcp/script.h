#pragma once

// The lab's commands as a POSIX shell script a student can read and run by
// hand: the same commands, in the same order, with their reasons as comments.

#include "core/command.h"
#include "core/result.h"
#include "lab/labmodel.h"

#include <QList>
#include <QMap>
#include <QString>

namespace mlab {

// How the script reaches the nodes: ssh from the lab's management namespace.
struct ScriptSshOptions
{
    QString keyPath; // private key the lab generated
    QString knownHostsPath; // known_hosts holding the nodes' host keys
    QString user = QStringLiteral("root");
    QString managementNamespace; // empty = "mlab-<lab name>-mgmt"
};

QString defaultManagementNamespace(const Lab &lab);

// Fails when a node in nodeCommands is not in the lab or has no management address to ssh to.
Result<QString> exportScript(const Lab &lab, const QList<Command> &hostCommands,
    const QMap<QString, QList<Command>> &nodeCommands, const ScriptSshOptions &ssh);

} // namespace mlab
