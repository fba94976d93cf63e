#include "commandline.h"

#include "clicommands.h"
#include "demo.h"
#include "imagecommand.h"

#include "core/result.h"
#include "lab/breakmode.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <functional>

namespace mlab::cli {

namespace {

const QCommandLineOption labOption(QStringLiteral("lab"),
    QStringLiteral("Lab file (up, script, demo, serve) or lab name."), QStringLiteral("FILE|NAME"));
const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
const QCommandLineOption dryRunOption(QStringLiteral("dry-run"), QStringLiteral("Print the commands, run nothing."));
const QCommandLineOption durationOption(
    QStringLiteral("duration"), QStringLiteral("Seconds the run lasts."), QStringLiteral("S"));
const QCommandLineOption breakAtOption(
    QStringLiteral("break-at"), QStringLiteral("Second at which the link breaks (default 6)."), QStringLiteral("S"));
const QCommandLineOption restoreAtOption(QStringLiteral("restore-at"),
    QStringLiteral("Second at which the link is restored (default 12)."), QStringLiteral("S"));
const QCommandLineOption linkOption(
    QStringLiteral("link"), QStringLiteral("Link to break (default NodeA:eth0)."), QStringLiteral("LINK"));
const QCommandLineOption modeOption(QStringLiteral("mode"),
    QStringLiteral("How the link breaks: cut (default; its switch port moves to the dead VLAN, a silent failure) or "
                   "unplug (the node takes the interface down: carrier down, its routes deleted)."),
    QStringLiteral("cut|unplug"));
const QCommandLineOption reportOption(
    QStringLiteral("report"), QStringLiteral("Write the report as JSON to FILE."), QStringLiteral("FILE"));
const QCommandLineOption csvOption(
    QStringLiteral("csv"), QStringLiteral("Write per-path throughput as CSV to FILE."), QStringLiteral("FILE"));
const QCommandLineOption backgroundOption(QStringLiteral("background"),
    QStringLiteral("serve: return once the engine listens, leaving it running (how pkexec and sudo start it)."));
const QCommandLineOption suiteOption(QStringLiteral("suite"),
    QStringLiteral("image build: the guest kernel from Debian 12 \"stable\" (6.1, default) or \"backports\" (6.12)."),
    QStringLiteral("stable|backports"), QStringLiteral("stable"));
const QCommandLineOption cacheOption(QStringLiteral("cache"),
    QStringLiteral("image build: the cache directory (default $MPTCPLAB_IMAGE_CACHE or ~/.cache/mptcplab); the "
                   "guest lands in DIR/guest."),
    QStringLiteral("DIR"));
const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
    QStringLiteral("exec: seconds before the command is killed (default 600)."), QStringLiteral("S"));

struct CommandSpec
{
    QString name;
    QString arguments; // for the usage line, e.g. "NODE COMMAND..."
    QString summary;
    QList<QCommandLineOption> options;
    int minArguments = 0;
    int maxArguments = 0; // -1: any number
    bool restIsCommandLine = false; // exec: options end at the first argument
    std::function<int(const QCommandLineParser &, Options &)> run;
};

Result<double> number(const QCommandLineParser &parser, const QCommandLineOption &option, double fallback)
{
    if (!parser.isSet(option))
        return fallback;
    bool ok = false;
    const double value = parser.value(option).toDouble(&ok);
    if (!ok)
        return fail(QStringLiteral("--%1 %2: expected a number of seconds")
                        .arg(option.names().constFirst(), parser.value(option)));
    return value;
}

// --mode, checked here so that a typo is named before any engine is asked (or started, for demo).
Result<QString> breakMode(const QCommandLineParser &parser)
{
    const QString mode = parser.value(modeOption);
    if (parser.isSet(modeOption) && (mode.isEmpty() || !parseBreakMode(mode)))
        return fail(QStringLiteral("--mode \"%1\": expected %2").arg(mode, breakModeChoices()));
    return parser.isSet(modeOption) ? mode : breakModeName(BreakMode::Cut);
}

int runDemoCommand(const QCommandLineParser &parser, Options &options)
{
    DemoOptions demo;
    const Result<double> duration = number(parser, durationOption, demo.durationSeconds);
    const Result<double> breakAt = number(parser, breakAtOption, demo.breakAtSeconds);
    const Result<double> restoreAt = number(parser, restoreAtOption, demo.restoreAtSeconds);
    for (const Result<double> *value : { &duration, &breakAt, &restoreAt }) {
        if (!*value)
            return reportError(value->error());
    }
    demo.durationSeconds = *duration;
    demo.breakAtSeconds = *breakAt;
    demo.restoreAtSeconds = *restoreAt;
    if (parser.isSet(linkOption))
        demo.link = parser.value(linkOption);
    const Result<QString> mode = breakMode(parser);
    if (!mode)
        return reportError(mode.error());
    demo.mode = *mode;
    demo.reportFile = parser.value(reportOption);
    demo.csvFile = parser.value(csvOption);
    return runDemo(options, demo);
}

QList<CommandSpec> commands()
{
    return {
        { QStringLiteral("up"), {},
            QStringLiteral("start the lab's engine and bring the lab up (default: the built-in seed lab)"),
            { dryRunOption }, 0, 0, false, [](const QCommandLineParser &, Options &o) { return runUp(o); } },
        { QStringLiteral("down"), {}, QStringLiteral("take the lab down and remove everything it created"), {}, 0, 0,
            false, [](const QCommandLineParser &, Options &o) { return runDown(o); } },
        { QStringLiteral("status"), {}, QStringLiteral("nodes, paths, switch ports and counters, traffic, subflows"),
            { jsonOption }, 0, 0, false, [](const QCommandLineParser &, Options &o) { return runStatus(o); } },
        { QStringLiteral("hello"), {}, QStringLiteral("the engine's protocol and engine versions and capabilities"), {},
            0, 0, false, [](const QCommandLineParser &, Options &o) { return runHello(o); } },
        { QStringLiteral("break"), QStringLiteral("LINK"),
            QStringLiteral("break a link (LINK: NodeA:eth0 or a port number); --mode cut (default) moves its switch "
                           "port to the dead VLAN, --mode unplug takes the interface down inside the node"),
            { modeOption }, 1, 1, false,
            [](const QCommandLineParser &parser, Options &o) {
                const Result<QString> mode = breakMode(parser);
                if (!mode)
                    return reportError(mode.error());
                o.breakMode = *mode;
                return runLinkChange(o, true);
            } },
        { QStringLiteral("restore"), QStringLiteral("LINK"),
            QStringLiteral("undo a break, whichever its mode: the port back on its VLAN, or the interface up again "
                           "and the node's routes re-added"),
            {}, 1, 1, false, [](const QCommandLineParser &, Options &o) { return runLinkChange(o, false); } },
        { QStringLiteral("exec"), QStringLiteral("NODE COMMAND..."),
            QStringLiteral("run a command on a node over the lab's SSH session, output as it comes; Ctrl-C stops it"),
            { timeoutOption }, 2, -1, true,
            [](const QCommandLineParser &parser, Options &o) {
                bool ok = true;
                o.timeoutSeconds = parser.isSet(timeoutOption) ? parser.value(timeoutOption).toInt(&ok) : 600;
                if (!ok || o.timeoutSeconds < 1 || o.timeoutSeconds > 3600)
                    return reportError(
                        QStringLiteral("--timeout %1: expected 1 to 3600 seconds").arg(parser.value(timeoutOption)));
                return runExec(o);
            } },
        { QStringLiteral("traffic"), QStringLiteral("start|stop|status"),
            QStringLiteral("run the lab's traffic plan in the engine (start takes --duration, default 3600 s)"),
            { durationOption }, 1, 1, false,
            [](const QCommandLineParser &parser, Options &o) {
                const Result<double> duration = number(parser, durationOption, 3600);
                if (!duration)
                    return reportError(duration.error());
                o.durationSeconds = int(*duration);
                return runTraffic(o);
            } },
        { QStringLiteral("transcript"), {}, QStringLiteral("every command the lab ran, with exit status and output"),
            { jsonOption }, 0, 0, false, [](const QCommandLineParser &, Options &o) { return runTranscript(o); } },
        { QStringLiteral("script"), {}, QStringLiteral("print the lab as a shell script to build it by hand"), {}, 0, 0,
            false, [](const QCommandLineParser &, Options &o) { return runScript(o); } },
        { QStringLiteral("demo"), {},
            QStringLiteral(
                "the tutorial's experiment, run by the engine: traffic, a break and a restore on schedule, a "
                "live line per second and a report (default 20 s, break at 6 s, restore at 12 s, mode cut)"),
            { durationOption, breakAtOption, restoreAtOption, linkOption, modeOption, reportOption, csvOption }, 0, 0,
            false, runDemoCommand },
        { QStringLiteral("image"), QStringLiteral("build"),
            QStringLiteral("build the guest QEMU nodes boot (kernel + initramfs from Debian packages, into a cache "
                           "directory; nothing else on the machine changes)"),
            { suiteOption, cacheOption }, 1, 1, false,
            [](const QCommandLineParser &parser, Options &o) {
                if (o.args.constFirst() != QLatin1String("build"))
                    return reportError(
                        QStringLiteral("image %1: unknown subcommand (expected build)").arg(o.args.constFirst()));
                return runImageBuild(parser.value(cacheOption), parser.value(suiteOption));
            } },
        { QStringLiteral("serve"), {}, QStringLiteral("run the engine in the foreground (up does this for you)"),
            { backgroundOption }, 0, 0, false, [](const QCommandLineParser &, Options &o) { return runServe(o); } },
    };
}

QString usage()
{
    QString text = QStringLiteral("Usage: mptcplab-cli [--lab FILE|NAME] COMMAND [options] [arguments]\n\nCommands:\n");
    for (const CommandSpec &spec : commands())
        text += QStringLiteral("  %1\n      %2\n")
                    .arg(spec.arguments.isEmpty() ? spec.name : spec.name + QLatin1Char(' ') + spec.arguments,
                        spec.summary);
    text += QStringLiteral(
        "\nCommands that act on a running lab find it themselves when only one runs; else give --lab NAME.\n"
        "`mptcplab-cli COMMAND --help` lists a command's options.\n"
        "Exit status: 0 on success; otherwise non-zero with a one-line reason on stderr (exec: the command's own).\n");
    return text;
}

} // namespace

int runCommandLine(const QStringList &arguments)
{
    // The command is the first word that is not an option or the value of a leading --lab.
    QStringList rest = arguments.mid(1);
    qsizetype at = 0;
    while (at < rest.size() && rest[at].startsWith(QLatin1Char('-'))) {
        if (rest[at] == QLatin1String("--help") || rest[at] == QLatin1String("-h")) {
            std::fputs(qPrintable(usage()), stdout);
            return 0;
        }
        if (rest[at] == QLatin1String("--version") || rest[at] == QLatin1String("-v")) {
            std::printf("mptcplab-cli %s\n", qPrintable(QCoreApplication::applicationVersion()));
            return 0;
        }
        at += rest[at] == QLatin1String("--lab") ? 2 : 1;
    }
    if (at >= rest.size())
        return reportError(QStringLiteral("no command given (see mptcplab-cli --help)")) + 1;
    const QString name = rest.takeAt(at);
    const QList<CommandSpec> specs = commands();
    const auto spec
        = std::find_if(specs.cbegin(), specs.cend(), [&name](const CommandSpec &s) { return s.name == name; });
    if (spec == specs.cend())
        return reportError(QStringLiteral("unknown command \"%1\" (see mptcplab-cli --help)").arg(name)) + 1;

    QCommandLineParser parser;
    parser.setApplicationDescription(spec->summary);
    parser.addHelpOption();
    parser.addOption(labOption);
    parser.addOptions(spec->options);
    if (!spec->arguments.isEmpty())
        parser.addPositionalArgument(spec->arguments, spec->summary);
    if (spec->restIsCommandLine)
        parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    if (!parser.parse(QStringList { arguments.value(0) + QLatin1Char(' ') + name } + rest))
        return reportError(QStringLiteral("%1: %2 (see mptcplab-cli %1 --help)").arg(name, parser.errorText())) + 1;
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    Options options;
    options.labOption = parser.value(labOption);
    const auto isSet = [&](const QCommandLineOption &option) {
        return std::any_of(spec->options.cbegin(), spec->options.cend(), [&](const QCommandLineOption &o) {
            return o.names() == option.names();
        }) && parser.isSet(option);
    };
    options.json = isSet(jsonOption);
    options.dryRun = isSet(dryRunOption);
    options.background = isSet(backgroundOption);
    options.args = parser.positionalArguments();
    const int count = int(options.args.size());
    if (count < spec->minArguments || (spec->maxArguments >= 0 && count > spec->maxArguments))
        return reportError(QStringLiteral("%1 takes %2 (got %3 argument(s); see mptcplab-cli %1 --help)")
                               .arg(name, spec->arguments.isEmpty() ? QStringLiteral("no arguments") : spec->arguments)
                               .arg(count))
            + 1;
    return spec->run(parser, options);
}

} // namespace mlab::cli
