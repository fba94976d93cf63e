// mptcplab-cli: brings an MPTCP teaching lab up and down, breaks and restores
// its links, and runs the lab's engine (`serve`).
#include "clicommands.h"
#include "demo.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <functional>
#include <map>

using namespace mlab::cli;

static const char *usage = R"(Commands:
  up [--lab FILE] [--dry-run]   start the lab's engine and bring the lab up (default lab: the built-in seed lab)
  down                          take the lab down and remove everything it created
  status [--json]               show nodes, paths, switch ports and counters
  break LINK                    cut a link: its switch port moves to the dead VLAN (LINK: NodeA:eth0 or a port number)
  restore LINK                  put the port back on its VLAN
  exec NODE COMMAND...          run a command on a node over the lab's SSH session
  script [--lab FILE]           print the lab as a shell script to build it by hand
  demo [--lab FILE] [--duration S] [--break-at S] [--restore-at S] [--link LINK] [--report FILE.json] [--csv FILE.csv]
                                the tutorial's experiment, unattended: iperf from the lab's traffic plan, a break and
                                a restore on schedule, a live line per second, and a summary (default 20 s, 6 s, 12 s)
  serve --lab FILE              run the engine in the foreground (up does this for you)
down, status, break, restore and exec act on the running lab when there is only one; else give --lab NAME.
Exit status: 0 on success; otherwise non-zero with a one-line reason on stderr.)";

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mptcplab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MPTCPLAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("MPTCP Lab command line.\n") + QLatin1String(usage));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption labOption(
        QStringLiteral("lab"), QStringLiteral("Lab file (up, script) or lab name."), QStringLiteral("FILE|NAME"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("status: print JSON."));
    const QCommandLineOption dryRunOption(
        QStringLiteral("dry-run"), QStringLiteral("up: print the commands, run nothing."));
    parser.addOptions({ labOption, jsonOption, dryRunOption });
    parser.addPositionalArgument(
        QStringLiteral("command"), QStringLiteral("up, down, status, break, restore, exec, script, demo, serve"));
    // exec passes the rest of the line to the node untouched.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    if (!parser.parse(QCoreApplication::arguments()))
        return reportError(parser.errorText() + QStringLiteral(" (see --help)")) + 1;
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    QStringList positional = parser.positionalArguments();
    Options options;
    options.labOption = parser.value(labOption);
    options.json = parser.isSet(jsonOption);
    options.dryRun = parser.isSet(dryRunOption);
    const QString command = positional.value(0);
    DemoOptions demo;
    // Options may also follow the command (`status --json`): pick them out, except for exec.
    const std::map<QString, std::function<bool(const QString &)>> valueOptions {
        { QStringLiteral("--lab"),
            [&](const QString &v) {
                options.labOption = v;
                return true;
            } },
        { QStringLiteral("--link"),
            [&](const QString &v) {
                demo.link = v;
                return true;
            } },
        { QStringLiteral("--report"),
            [&](const QString &v) {
                demo.reportFile = v;
                return true;
            } },
        { QStringLiteral("--csv"),
            [&](const QString &v) {
                demo.csvFile = v;
                return true;
            } },
        { QStringLiteral("--duration"),
            [&](const QString &v) {
                bool ok;
                demo.durationSeconds = v.toInt(&ok);
                return ok;
            } },
        { QStringLiteral("--break-at"),
            [&](const QString &v) {
                bool ok;
                demo.breakAtSeconds = v.toDouble(&ok);
                return ok;
            } },
        { QStringLiteral("--restore-at"),
            [&](const QString &v) {
                bool ok;
                demo.restoreAtSeconds = v.toDouble(&ok);
                return ok;
            } },
    };
    for (int i = 1; i < positional.size() && command != QLatin1String("exec"); ++i) {
        const QString word = positional[i];
        const auto valueOption = valueOptions.find(word);
        if (word == QLatin1String("--json")) {
            options.json = true;
        } else if (word == QLatin1String("--dry-run")) {
            options.dryRun = true;
        } else if (valueOption != valueOptions.end()) {
            if (i + 1 >= positional.size() || !valueOption->second(positional[i + 1]))
                return reportError(QStringLiteral("%1 needs a value (see --help)").arg(word)) + 1;
            ++i;
        } else if (word.startsWith(QLatin1String("--"))) {
            return reportError(QStringLiteral("unknown option %1 for %2 (see --help)").arg(word, command)) + 1;
        } else {
            options.args << word;
        }
    }
    if (command == QLatin1String("exec"))
        options.args = positional.mid(1);

    const std::map<QString, std::function<int()>> commands {
        { QStringLiteral("up"), [&] { return runUp(options); } },
        { QStringLiteral("down"), [&] { return runDown(options); } },
        { QStringLiteral("status"), [&] { return runStatus(options); } },
        { QStringLiteral("break"), [&] { return runLinkChange(options, true); } },
        { QStringLiteral("restore"), [&] { return runLinkChange(options, false); } },
        { QStringLiteral("exec"), [&] { return runExec(options); } },
        { QStringLiteral("script"), [&] { return runScript(options); } },
        { QStringLiteral("serve"), [&] { return runServe(options); } },
        { QStringLiteral("demo"), [&] { return runDemo(options, demo); } },
    };
    const auto found = commands.find(command);
    if (found == commands.end()) {
        return reportError(command.isEmpty() ? QStringLiteral("no command given (see --help)")
                                             : QStringLiteral("unknown command \"%1\" (see --help)").arg(command))
            + 1;
    }
    return found->second();
}
