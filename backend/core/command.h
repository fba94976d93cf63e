#pragma once

#include <QString>
#include <QStringList>

namespace mlab {

// One command the lab runs, kept as data so that the same list can be
// executed, printed by --dry-run, and exported as a script a student can run.
struct Command
{
    QString where; // "host", or the node name for commands run on a node over SSH
    QStringList argv; // program and arguments, exactly as executed
    QString why; // one line for the transcript and the exported script
    bool mayFail = false; // cleanup steps that are fine to fail (e.g. flushing what is not there)
    bool background = false; // a daemon that keeps running (vde_switch, vde_plug2tap, sshd); a script appends '&'

    QString toShell() const;
};

// Quotes one word for a POSIX shell, only when needed.
QString shellQuote(const QString &word);

} // namespace mlab
