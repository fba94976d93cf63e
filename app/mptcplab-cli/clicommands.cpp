#include "clicommands.h"

#include "enginelauncher.h"
#include "labselection.h"
#include "statusformat.h"

#include "core/command.h"
#include "core/processes.h"
#include "engine/engineclient.h"
#include "engine/labplan.h"
#include "engine/runtimedir.h"

#include <QDeadlineTimer>
#include <QThread>

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace mlab::cli {

namespace {

void printLine(const QString &text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

bool requireRoot(const QString &what)
{
    if (::geteuid() != 0) {
        // down asks the lab's engine, which lets the lab's owner in (an engine started through pkexec or sudo);
        // only removing a dead engine's leftovers needs root, and cleanUpDeadLab() says so.
        if (what == QLatin1String("down"))
            return true;
        reportError(
            QStringLiteral("%1 needs root (it creates network namespaces and taps): run it with sudo").arg(what));
        return false;
    }
    // The engine runs for the user who started it through pkexec or sudo, and reads the lab file with that
    // user's permissions (docs/trust.md). Here because runServe() loads the lab right after this check.
    if (what == QLatin1String("serve"))
        readLabFilesAsInvokingUser();
    return true;
}

Result<Lab> labForUp(const Options &options)
{
    return loadLab(options.labOption.isEmpty() ? defaultLabFile : options.labOption);
}

// Connects to the engine of a running lab and makes one call.
Result<QJsonValue> callRunningLab(
    const Options &options, const QString &method, const QJsonObject &params = {}, int timeoutMs = 30000)
{
    Result<QString> lab = selectRunningLab(options.labOption);
    if (!lab)
        return fail(lab.error());
    EngineClient client;
    if (Status connected = client.connectTo(RuntimeDir(*lab).apiSocket()); !connected)
        return fail(
            QStringLiteral("lab %1 has no running engine (%2); `mptcplab-cli down --lab %1` removes its leftovers")
                .arg(*lab, connected.error()));
    return client.call(method, params, timeoutMs);
}

} // namespace

int reportError(const QString &message)
{
    std::fprintf(stderr, "mptcplab-cli: %s\n", qPrintable(message));
    return 1;
}

int runUp(const Options &options)
{
    Result<Lab> lab = labForUp(options);
    if (!lab)
        return reportError(lab.error());
    if (options.dryRun) {
        Result<LabPlan> plan = buildLabPlan(*lab, RuntimeDir(lab->name));
        if (!plan)
            return reportError(plan.error());
        std::fputs(qPrintable(formatPlan(*plan)), stdout);
        return 0;
    }
    // As root the engine is started here; as a user through pkexec or sudo (EngineStarter).
    if (Status launched = ::geteuid() == 0 ? launchEngine(*lab) : startEngineFor(*lab); !launched)
        return reportError(launched.error());
    EngineClient client;
    if (Status connected = client.connectTo(RuntimeDir(lab->name).apiSocket()); !connected)
        return reportError(connected.error());
    printLine(QStringLiteral("bringing up lab %1 from %2").arg(lab->name, lab->sourceFile));
    Result<QJsonValue> status = client.call(QStringLiteral("up"), {}, 60000, [](const QJsonObject &event) {
        if (event.value(QStringLiteral("event")).toString() != QLatin1String("step"))
            return;
        if (const QString line = formatStep(event.value(QStringLiteral("step")).toObject()); !line.isEmpty())
            printLine(line);
    });
    if (!status)
        return reportError(QStringLiteral("lab %1 did not come up: %2").arg(lab->name, status.error()));
    printLine(formatReadySummary(status->toObject()));
    return 0;
}

int runDown(const Options &options)
{
    if (!requireRoot(QStringLiteral("down")))
        return 1;
    Result<QString> lab = selectRunningLab(options.labOption);
    if (!lab)
        return reportError(lab.error());
    const RuntimeDir dir(*lab); // a lab name checked by selectRunningLab
    EngineClient client;
    if (client.connectTo(dir.apiSocket(), 500)) {
        QStringList killed;
        if (Status down = takeDown(client, *lab, &killed); !down)
            return reportError(down.error());
        printLine(killed.isEmpty()
                ? QStringLiteral("lab %1 is down").arg(*lab)
                : QStringLiteral("lab %1 is down; %2 process(es) still running inside it were killed: %3")
                      .arg(*lab)
                      .arg(killed.size())
                      .arg(killed.join(QStringLiteral(", "))));
        return 0;
    }
    const TeardownReport report = cleanUpDeadLab(dir);
    if (!report.problems.isEmpty())
        return reportError(QStringLiteral("lab %1: %2").arg(*lab, report.problems.join(QStringLiteral("; "))));
    printLine(QStringLiteral("lab %1 is down (its engine was not running; leftovers removed%2)")
                  .arg(*lab,
                      report.killed.isEmpty() ? QString()
                                              : QStringLiteral("; %1 process(es) killed: %2")
                                                    .arg(report.killed.size())
                                                    .arg(report.killed.join(QStringLiteral(", ")))));
    return 0;
}

int runStatus(const Options &options)
{
    Result<QJsonValue> status = callRunningLab(options, QStringLiteral("status"));
    if (!status)
        return reportError(status.error());
    if (options.json)
        std::fputs(QJsonDocument(status->toObject()).toJson().constData(), stdout);
    else
        std::fputs(qPrintable(formatStatus(status->toObject())), stdout);
    return 0;
}

int runLinkChange(const Options &options, bool breaking)
{
    if (options.args.size() != 1)
        return reportError(QStringLiteral("%1 needs one LINK: NODE:INTERFACE (e.g. NodeA:eth0) or a switch port number")
                               .arg(breaking ? QStringLiteral("break") : QStringLiteral("restore")));
    Result<QJsonValue> done = callRunningLab(options, breaking ? QStringLiteral("break") : QStringLiteral("restore"),
        { { QStringLiteral("link"), options.args.first() } });
    if (!done)
        return reportError(done.error());
    printLine(done->toString());
    return 0;
}

int runScript(const Options &options)
{
    Result<Lab> lab = labForUp(options);
    if (!lab)
        return reportError(lab.error());
    Result<QString> script = labScript(*lab, RuntimeDir(lab->name));
    if (!script)
        return reportError(script.error());
    std::fputs(qPrintable(*script), stdout);
    return 0;
}

int runExec(const Options &options)
{
    if (options.args.size() < 2)
        return reportError(QStringLiteral("exec needs a node and a command: exec NodeA ip mptcp endpoint show"));
    // One argument is a command line for the node's shell (as with ssh);
    // several are an argv, quoted so that the node sees exactly these words.
    QString command = options.args.value(1);
    if (options.args.size() > 2) {
        QStringList words;
        for (const QString &word : options.args.mid(1))
            words << shellQuote(word);
        command = words.join(QLatin1Char(' '));
    }
    Result<QJsonValue> done = callRunningLab(options, QStringLiteral("exec"),
        { { QStringLiteral("node"), options.args.first() }, { QStringLiteral("command"), command },
            { QStringLiteral("timeoutMs"), 600000 } },
        610000);
    if (!done)
        return reportError(done.error());
    const QJsonObject result = done->toObject();
    std::fputs(qPrintable(result.value(QStringLiteral("output")).toString()), stdout);
    std::fputs(qPrintable(result.value(QStringLiteral("errors")).toString()), stderr);
    return result.value(QStringLiteral("exitStatus")).toInt();
}

int runServe(const Options &options)
{
    if (!requireRoot(QStringLiteral("serve")))
        return 1;
    Result<Lab> lab = labForUp(options);
    if (!lab)
        return reportError(lab.error());
    return serveLab(*lab);
}

} // namespace mlab::cli
