#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QStringList>

namespace mlab {

// Opens the desktop's terminal emulator running a command, and does not wait for it: $TERMINAL when set, else
// x-terminal-emulator (Debian's configured choice), else the first of the common ones installed.
class TerminalLauncher
{
    Q_DECLARE_TR_FUNCTIONS(TerminalLauncher)

public:
    // The terminal's argv running command, or an empty list when no terminal is installed. terminal: the value of
    // $TERMINAL (a program name or path; may be empty).
    static QStringList terminalArguments(const QStringList &command, const QString &terminal);

    // Keeps the window open after the command ends, so that a failed login (or sudo's refusal) can be read.
    static QStringList holdingOpen(const QStringList &command);

    // Starts it detached; fails naming what was missing or what could not start. The argv started on success.
    static Result<QStringList> open(const QStringList &command);
};

} // namespace mlab
