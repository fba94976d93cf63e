#include "clicommands.h"

#include "enginelauncher.h"
#include "interruptwatcher.h"
#include "labselection.h"
#include "statusformat.h"

#include "core/command.h"
#include "core/processes.h"
#include "core/transcript.h"
#include "engine/engineclient.h"
#include "engine/labplan.h"
#include "engine/runtimedir.h"

#include <QDeadlineTimer>
#include <QThread>

#include <QEventLoop>
#include <QJsonArray>
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
    if (::geteuid() == 0)
        return true;
    reportError(QStringLiteral("%1 needs root (it creates network namespaces and taps): run it with sudo").arg(what));
    return false;
}

Result<Lab> labForUp(const Options &options)
{
    return loadLab(options.labOption.isEmpty() ? defaultLabFile : options.labOption);
}

// Connects client to the engine of the running lab --lab names (or the only one).
Status connectToRunningLab(const Options &options, EngineClient &client)
{
    Result<QString> lab = selectRunningLab(options.labOption);
    if (!lab)
        return fail(lab.error());
    if (Status connected = client.connectTo(RuntimeDir(*lab).apiSocket()); !connected) {
        if (client.wasRefused())
            return connected;
        return fail(
            QStringLiteral("lab %1 has no running engine (%2); `mptcplab-cli down --lab %1` removes its leftovers")
                .arg(*lab, connected.error()));
    }
    return {};
}

// Connects to the engine of a running lab and makes one call.
Result<QJsonValue> callRunningLab(
    const Options &options, const QString &method, const QJsonObject &params = {}, int timeoutMs = 30000)
{
    EngineClient client;
    if (Status connected = connectToRunningLab(options, client); !connected)
        return fail(connected.error());
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
    // A VM may take its whole boot timeout before it answers SSH; namespace nodes start in milliseconds.
    int upTimeoutMs = 60000;
    for (const NodeSpec &node : lab->nodes) {
        if (node.kind == QLatin1String("qemu"))
            upTimeoutMs = qMax(upTimeoutMs, 60000 + node.qemu.bootTimeoutSeconds * 1000);
    }
    Result<QJsonValue> status = client.call(QStringLiteral("up"), {}, upTimeoutMs, [](const QJsonObject &event) {
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
    // down asks the lab's engine, which lets the lab's owner in (an engine started through pkexec or sudo);
    // only removing a dead engine's leftovers needs root, and cleanUpDeadLab() says so.
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
    QJsonObject params { { QStringLiteral("link"), options.args.first() } };
    if (breaking)
        params.insert(QStringLiteral("mode"), options.breakMode);
    Result<QJsonValue> done
        = callRunningLab(options, breaking ? QStringLiteral("break") : QStringLiteral("restore"), params);
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
    // One argument is a command line for the node's shell (as with ssh);
    // several are an argv, quoted so that the node sees exactly these words.
    QString command = options.args.value(1);
    if (options.args.size() > 2) {
        QStringList words;
        for (const QString &word : options.args.mid(1))
            words << shellQuote(word);
        command = words.join(QLatin1Char(' '));
    }
    EngineClient client;
    if (Status connected = connectToRunningLab(options, client); !connected)
        return reportError(connected.error());
    EngineConnection &engine = client.connection();
    QEventLoop loop;
    int exitCode = 1;
    qint64 id = 0;
    // Output as it comes; the reply ends it.
    QObject::connect(
        &engine, &EngineConnection::eventReceived, &loop, [&id](const QString &name, const QJsonObject &event) {
            if (name != QLatin1String("exec-output") || event.value(QStringLiteral("requestId")).toInteger() != id)
                return;
            const bool isError = event.value(QStringLiteral("stream")).toString() == QLatin1String("stderr");
            std::fputs(qPrintable(event.value(QStringLiteral("data")).toString()), isError ? stderr : stdout);
            std::fflush(isError ? stderr : stdout);
        });
    InterruptWatcher interrupt;
    QObject::connect(&interrupt, &InterruptWatcher::interrupted, &loop, [&engine, &id] { engine.cancel(id); });
    id = engine.call(QStringLiteral("exec"),
        { { QStringLiteral("node"), options.args.first() }, { QStringLiteral("command"), command },
            { QStringLiteral("timeoutMs"), options.timeoutSeconds * 1000 }, { QStringLiteral("stream"), true } },
        [&](const EngineReply &reply) {
            if (reply.ok)
                exitCode = reply.result.toObject().value(QStringLiteral("exitStatus")).toInt();
            else
                exitCode = reply.code == QLatin1String("cancelled") ? 130 : reportError(reply.message);
            loop.quit();
        });
    loop.exec();
    return exitCode;
}

int runHello(const Options &options)
{
    EngineClient client;
    if (Status connected = connectToRunningLab(options, client); !connected)
        return reportError(connected.error());
    std::fputs(QJsonDocument(client.connection().helloResult()).toJson().constData(), stdout);
    return 0;
}

int runTraffic(const Options &options)
{
    const QString action = options.args.value(0);
    if (action != QLatin1String("start") && action != QLatin1String("stop") && action != QLatin1String("status"))
        return reportError(QStringLiteral("traffic %1: expected start, stop or status").arg(action));
    QJsonObject params { { QStringLiteral("action"), action } };
    if (action == QLatin1String("start"))
        params.insert(QStringLiteral("durationS"), options.durationSeconds);
    Result<QJsonValue> state = callRunningLab(options, QStringLiteral("traffic"), params);
    if (!state)
        return reportError(state.error());
    const QJsonObject traffic = state->toObject();
    printLine(QStringLiteral("traffic %1: on %2 \"%3\", on %4 \"%5\"%6")
                  .arg(traffic.value(QStringLiteral("state")).toString(),
                      traffic.value(QStringLiteral("serverNode")).toString(),
                      traffic.value(QStringLiteral("server")).toString(),
                      traffic.value(QStringLiteral("clientNode")).toString(),
                      traffic.value(QStringLiteral("client")).toString(),
                      traffic.value(QStringLiteral("reason")).toString().isEmpty()
                          ? QString()
                          : QStringLiteral(" (%1)").arg(traffic.value(QStringLiteral("reason")).toString())));
    return 0;
}

int runTranscript(const Options &options)
{
    EngineClient client;
    if (Status connected = connectToRunningLab(options, client); !connected)
        return reportError(connected.error());
    qint64 since = 0;
    while (true) {
        Result<QJsonValue> page = client.call(
            QStringLiteral("transcript"), { { QStringLiteral("sinceSeq"), since }, { QStringLiteral("limit"), 1000 } });
        if (!page)
            return reportError(page.error());
        const QJsonArray entries = page->toObject().value(QStringLiteral("entries")).toArray();
        if (entries.isEmpty())
            return 0;
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            if (options.json) {
                std::fputs(QJsonDocument(entry).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
                continue;
            }
            printLine(formatTranscriptLine({ entry.value(QStringLiteral("seq")).toInteger(),
                entry.value(QStringLiteral("atMs")).toInteger(), entry.value(QStringLiteral("where")).toString(),
                entry.value(QStringLiteral("command")).toString(), entry.value(QStringLiteral("exitCode")).toInt(),
                entry.value(QStringLiteral("output")).toString(), entry.value(QStringLiteral("why")).toString() }));
        }
        since = page->toObject().value(QStringLiteral("nextSeq")).toInteger();
    }
}

int runServe(const Options &options)
{
    if (!requireRoot(QStringLiteral("serve")))
        return 1;
    // The engine runs for the user who started it through pkexec or sudo, and reads the lab file with that
    // user's permissions (docs/trust.md).
    readLabFilesAsInvokingUser();
    Result<Lab> lab = labForUp(options);
    if (!lab)
        return reportError(lab.error());
    return serveLab(*lab, options.background);
}

} // namespace mlab::cli
