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
    QString nodesDir; // the nodes' runtime directories: a node on its own disk logs in with NODE/login-key
};

QString defaultManagementNamespace(const Lab &lab);

// An interactive login on node, as the script's on_node reaches it: `ip netns exec NS ssh -i KEY ... root@ADDR`
// (a node on its own disk: its login's user, and its key, or no key when it logs in with a password).
// Run as root (the key and the namespace are root's). Fails for a node the lab does not have or one without a
// management interface.
Result<QStringList> nodeLoginCommand(const Lab &lab, const QString &node, const ScriptSshOptions &ssh);

// Fails when a node in nodeCommands is not in the lab or has no management address to ssh to.
Result<QString> exportScript(const Lab &lab, const QList<Command> &hostCommands,
    const QMap<QString, QList<Command>> &nodeCommands, const ScriptSshOptions &ssh);

} // namespace mlab
