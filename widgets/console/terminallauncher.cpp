#include "console/terminallauncher.h"

#include "core/command.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace mlab {

namespace {

// How each terminal takes a command with its arguments: most after -e, a few after their own flag.
QString commandFlag(const QString &program)
{
    const QString name = QFileInfo(program).fileName();
    if (name == QLatin1String("gnome-terminal") || name == QLatin1String("mate-terminal"))
        return QStringLiteral("--");
    if (name == QLatin1String("xfce4-terminal"))
        return QStringLiteral("-x");
    return QStringLiteral("-e"); // x-terminal-emulator (Debian policy), xterm, konsole, lxterminal, urxvt...
}

} // namespace

QStringList TerminalLauncher::terminalArguments(const QStringList &command, const QString &terminal)
{
    QStringList candidates;
    if (!terminal.isEmpty())
        candidates << terminal;
    candidates << QStringLiteral("x-terminal-emulator") << QStringLiteral("gnome-terminal") << QStringLiteral("konsole")
               << QStringLiteral("xfce4-terminal") << QStringLiteral("mate-terminal") << QStringLiteral("lxterminal")
               << QStringLiteral("xterm");
    for (const QString &candidate : std::as_const(candidates)) {
        const QString program = QStandardPaths::findExecutable(candidate);
        if (!program.isEmpty())
            return QStringList { program, commandFlag(program) } + command;
    }
    return {};
}

QStringList TerminalLauncher::holdingOpen(const QStringList &command)
{
    // The command line is shown first, as the student would type it; it travels as $1, so nothing is re-quoted.
    QStringList shown;
    for (const QString &word : command)
        shown << shellQuote(word);
    return QStringList { QStringLiteral("sh"), QStringLiteral("-c"),
        QStringLiteral("printf '$ %s\\n' \"$1\"; shift; \"$@\"; "
                       "printf '\\n[the session ended: press Enter to close]'; read x"),
        QStringLiteral("sh"), shown.join(QLatin1Char(' ')) }
    + command;
}

Result<QStringList> TerminalLauncher::open(const QStringList &command)
{
    QStringList argv = terminalArguments(holdingOpen(command), qEnvironmentVariable("TERMINAL"));
    if (argv.isEmpty())
        return fail(tr("no terminal emulator found: set TERMINAL, or install one (xterm, gnome-terminal, konsole...)"));
    const QString program = argv.takeFirst();
    if (!QProcess::startDetached(program, argv))
        return fail(tr("%1 could not be started").arg(program));
    return QStringList { program } + argv;
}

} // namespace mlab
