#pragma once

#include "core/command.h"
#include "core/result.h"

#include <QList>
#include <QString>

namespace mlab {

class HostRunner;
class ProcessGroup;

// A tap inside a namespace, wired to one switch port by vde_plug2tap.
struct WiredTap
{
    QString name;
    QString mac; // empty: let the kernel choose
    int switchPort = 0;
    QString address; // CIDR set from the host side; empty when configured later over SSH
};

// A network namespace whose taps are plugged into the lab's switch: the body
// of a namespace node, and the lab-private management host. Builds itself
// from a command list, so --dry-run and the exported script show exactly
// what runs.
class NamespaceHost
{
public:
    NamespaceHost(QString where, QString netnsName, QString switchDir, QList<WiredTap> taps);

    const QString &netnsName() const { return m_netns; }
    QList<Command> plan() const;
    // Runs the plan: one-shot commands through runner, plugs into processes.
    Status start(const HostRunner &runner, ProcessGroup &processes) const;

private:
    Command ipIn(QStringList arguments, QString why) const;

    QString m_where;
    QString m_netns;
    QString m_switchDir;
    QList<WiredTap> m_taps;
};

} // namespace mlab
