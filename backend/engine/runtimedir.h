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
class RuntimeDir
{
public:
    explicit RuntimeDir(const QString &labName);

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

    bool exists() const;
    Status create() const;
    void remove() const;

private:
    QString m_lab;
};

} // namespace mlab
