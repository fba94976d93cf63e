#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace mlab {

// Where one lab keeps its sockets, keys and state while it runs:
//   BASE/LAB/              0711: only engine.sock is meant to be reached here
//   BASE/LAB/engine.sock   the engine API (peer credentials are checked)
//   BASE/LAB/private/      0700: switch sockets, keys, sshd configs, state, logs
// BASE is /run/mptcplab, or $MPTCPLAB_RUNTIME_DIR (tests).
// The engine runs as root: a lab name that is not a safe identifier (say
// "../x") never becomes a path here. create() and remove() refuse it, and
// remove() deletes nothing that is not a real directory right inside BASE.
class RuntimeDir
{
public:
    // labName must come from a validated lab file; names from anywhere else go through forLab().
    explicit RuntimeDir(const QString &labName);
    // Fails, naming the value and the rule, when name is not a lab name.
    static Result<RuntimeDir> forLab(const QString &name);

    static QString baseDir();
    // Names of labs that have a runtime directory (running, or left behind by a crash).
    static QStringList existingLabs();

    QString labName() const { return m_lab; }
    QString labDir() const;
    QString privateDir() const;
    QString apiSocket() const;
    QString stateFile() const;
    QString transcriptFile() const;
    QString engineLog() const;
    QString switchDir() const;
    QString keysDir() const;
    QString clientKey() const;
    QString nodeDir(const QString &node) const;
    QString netnsName(const QString &node) const;
    QString managementNetns() const;
    static QString netnsPath(const QString &netnsName);
    // True for mlab-LAB-NODE names of this lab (NODE a node name or "mgmt"), the only namespaces it may delete.
    bool ownsNamespace(const QString &netnsName) const;

    bool exists() const;
    Status create() const;
    Status remove() const;

private:
    QString m_lab;
};

} // namespace mlab
