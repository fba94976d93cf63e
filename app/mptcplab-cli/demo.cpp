#include "demo.h"

#include "enginelauncher.h"
#include "labselection.h"

#include "engine/engineclient.h"
#include "engine/historyjson.h"
#include "engine/runtimedir.h"
#include "telemetry/rates.h"
#include "telemetry/report.h"
#include "telemetry/telemetryclock.h"
#include "traffic/trafficplan.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>
#include <unistd.h>

namespace mlab::cli {

namespace {

std::atomic_bool g_interrupted = false;

void printLine(const QString &text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

QString mbits(double bitsPerSecond)
{
    return QString::number(bitsPerSecond / 1e6, 'f', 1).rightJustified(6);
}

Status checkSchedule(const Lab &lab, const DemoOptions &demo)
{
    if (!lab.resolvePort(demo.link))
        return fail(QStringLiteral("--link %1: no such link in lab %2 (expected NODE:INTERFACE such as NodeA:eth0)")
                        .arg(demo.link, lab.name));
    if (demo.durationSeconds < 3 || demo.durationSeconds > 3600)
        return fail(QStringLiteral("--duration %1: expected 3 to 3600 seconds").arg(demo.durationSeconds));
    if (!(demo.breakAtSeconds > 0 && demo.breakAtSeconds < demo.restoreAtSeconds
            && demo.restoreAtSeconds < demo.durationSeconds))
        return fail(
            QStringLiteral("--break-at %1 --restore-at %2 --duration %3: expected 0 < break-at < restore-at < duration")
                .arg(demo.breakAtSeconds)
                .arg(demo.restoreAtSeconds)
                .arg(demo.durationSeconds));
    if (lab.traffic.clientNode.isEmpty())
        return fail(QStringLiteral("lab %1 has no traffic plan (\"traffic\" in %2)").arg(lab.name, lab.sourceFile));
    return {};
}

// What the live line shows: the newest rate of each path, the subflow table.
struct LiveView
{
    QMap<QString, double> pathBits;
    double totalBits = 0;
    QJsonArray subflows;

    void take(const QJsonObject &batch)
    {
        const QJsonObject series = batch.value(QStringLiteral("series")).toObject();
        for (auto it = series.constBegin(); it != series.constEnd(); ++it) {
            const double latest = it.value().toArray().last().toArray().at(1).toDouble();
            if (it.key() == series::total())
                totalBits = latest;
            else if (it.key().startsWith(QLatin1String("path/")))
                pathBits.insert(it.key().mid(5), latest);
        }
        if (batch.contains(QStringLiteral("subflows")))
            subflows = batch.value(QStringLiteral("subflows")).toArray();
    }

    QString line(double seconds, const QString &state) const
    {
        QString text = QStringLiteral("[%1 s]").arg(seconds, 5, 'f', 1);
        for (auto it = pathBits.cbegin(); it != pathBits.cend(); ++it)
            text += QStringLiteral("  %1 %2 Mbit/s").arg(it.key(), mbits(it.value()));
        text += QStringLiteral("  total %1 Mbit/s").arg(mbits(totalBits));
        QMap<QString, int> health;
        for (const QJsonValue &subflow : subflows) {
            if (subflow.toObject().value(QStringLiteral("state")).toString() == QLatin1String("ESTAB"))
                ++health[subflow.toObject().value(QStringLiteral("health")).toString()];
        }
        QStringList parts;
        for (auto it = health.cbegin(); it != health.cend(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        text += QStringLiteral("  subflows: %1")
                    .arg(parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", ")));
        return state.isEmpty() ? text : text + QStringLiteral("  [") + state + QLatin1Char(']');
    }
};

Status writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

int runDemo(const Options &options, const DemoOptions &demo)
{
    Result<Lab> lab = loadLab(options.labOption.isEmpty() ? defaultLabFile : options.labOption);
    if (!lab)
        return reportError(lab.error());
    if (Status ok = checkSchedule(*lab, demo); !ok)
        return reportError(ok.error());
    if (::geteuid() != 0)
        return reportError(QStringLiteral("demo needs root (it may bring the lab up): run it with sudo"));

    const RuntimeDir dir(lab->name);
    const bool wasRunning = [&] {
        EngineClient probe;
        return probe.connectTo(dir.apiSocket(), 300).ok();
    }();
    if (Status launched = launchEngine(*lab); !launched)
        return reportError(launched.error());
    // A lab the demo brought up goes down again on every way out, early errors included.
    bool leaveRunning = wasRunning;
    auto takeDownIfOurs = [&]() -> Status {
        if (leaveRunning)
            return {};
        leaveRunning = true;
        EngineClient engine;
        if (engine.connectTo(dir.apiSocket()))
            return takeDown(engine, lab->name);
        const QStringList problems = cleanUpDeadLab(dir).problems;
        return problems.isEmpty() ? Status() : Status(fail(problems.join(QStringLiteral("; "))));
    };
    const auto onEarlyExit = qScopeGuard([&] {
        if (Status down = takeDownIfOurs(); !down)
            reportError(QStringLiteral("demo: %1 (run mptcplab-cli down)").arg(down.error()));
    });
    EngineClient control;
    EngineClient events;
    if (Status connected = control.connectTo(dir.apiSocket()); !connected)
        return reportError(connected.error());
    if (Status connected = events.connectTo(dir.apiSocket()); !connected)
        return reportError(connected.error());
    if (!wasRunning)
        printLine(QStringLiteral("bringing up lab %1...").arg(lab->name));
    if (Result<QJsonValue> up = control.call(QStringLiteral("up"), {}, 60000); !up)
        return reportError(QStringLiteral("lab %1 did not come up: %2").arg(lab->name, up.error()));
    if (Result<QJsonValue> subscribed = events.call(QStringLiteral("subscribe")); !subscribed)
        return reportError(subscribed.error());

    // iperf3 3.19+ speaks MPTCP itself (-m); older ones (Debian 12 has 3.12) go through mptcpize.
    bool nativeMptcp = false;
    if (usesIperf3(lab->traffic)) {
        Result<QJsonValue> version = control.call(QStringLiteral("exec"),
            { { QStringLiteral("node"), lab->traffic.clientNode },
                { QStringLiteral("command"), QStringLiteral("iperf3 --version") } });
        nativeMptcp = version && iperf3HasMptcpOption(version->toObject().value(QStringLiteral("output")).toString());
    }
    const TrafficCommands traffic = trafficCommands(lab->traffic, demo.durationSeconds, 0.5, nativeMptcp);
    printLine(QStringLiteral("traffic: on %1 \"%2\"; on %3 \"%4\"")
                  .arg(traffic.serverNode, traffic.startServer, traffic.clientNode, traffic.client));
    Result<QJsonValue> server = control.call(QStringLiteral("exec"),
        { { QStringLiteral("node"), traffic.serverNode }, { QStringLiteral("command"), traffic.startServer } });
    if (!server)
        return reportError(QStringLiteral("cannot start the traffic server: %1").arg(server.error()));
    const QString serverPid = server->toObject().value(QStringLiteral("output")).toString().trimmed();

    // The client runs for the whole demo on a connection of its own.
    Result<QJsonValue> clientResult = fail(QStringLiteral("the traffic client did not run"));
    std::atomic_bool clientDone = false;
    const qint64 startMs = monotonicMs();
    std::thread client([&] {
        EngineClient connection;
        if (Status connected = connection.connectTo(dir.apiSocket()); !connected)
            clientResult = fail(connected.error());
        else
            clientResult = connection.call(QStringLiteral("exec"),
                { { QStringLiteral("node"), traffic.clientNode }, { QStringLiteral("command"), traffic.client },
                    { QStringLiteral("timeoutMs"), (demo.durationSeconds + 30) * 1000 } },
                (demo.durationSeconds + 40) * 1000);
        clientDone = true;
    });

    g_interrupted = false;
    std::signal(SIGINT, [](int) { g_interrupted = true; });
    LiveView live;
    bool broken = false;
    bool restored = false;
    qint64 nextLineMs = startMs + 1000;
    QString problem;
    while (!clientDone && !g_interrupted) {
        const double elapsed = double(monotonicMs() - startMs) / 1000.0;
        if (!broken && elapsed >= demo.breakAtSeconds) {
            Result<QJsonValue> done = control.call(QStringLiteral("break"), { { QStringLiteral("link"), demo.link } });
            printLine(QStringLiteral("[%1 s] BREAK %2: %3")
                          .arg(elapsed, 5, 'f', 1)
                          .arg(demo.link, done ? done->toString() : done.error()));
            broken = true;
        }
        if (broken && !restored && elapsed >= demo.restoreAtSeconds) {
            Result<QJsonValue> done
                = control.call(QStringLiteral("restore"), { { QStringLiteral("link"), demo.link } });
            printLine(QStringLiteral("[%1 s] RESTORE %2: %3")
                          .arg(elapsed, 5, 'f', 1)
                          .arg(demo.link, done ? done->toString() : done.error()));
            restored = true;
        }
        if (Status alive = events.waitForEvents(50,
                [&](const QJsonObject &event) {
                    if (event.value(QStringLiteral("event")).toString() == QLatin1String("telemetry"))
                        live.take(event);
                });
            !alive) {
            problem = alive.error();
            break;
        }
        if (monotonicMs() >= nextLineMs) {
            printLine(live.line(elapsed, broken && !restored ? demo.link + QStringLiteral(" broken") : QString()));
            nextLineMs += 1000;
        }
    }
    std::signal(SIGINT, SIG_DFL);
    // Clean up whatever happened: the link back, the traffic stopped.
    auto cleanUp = [&](const QString &method, const QJsonObject &params, const QString &what) {
        if (Result<QJsonValue> done = control.call(method, params); !done)
            std::fprintf(stderr, "mptcplab-cli: demo: could not %s: %s\n", qPrintable(what), qPrintable(done.error()));
    };
    if (broken && !restored)
        cleanUp(QStringLiteral("restore"), QJsonObject { { QStringLiteral("link"), demo.link } },
            QStringLiteral("restore ") + demo.link);
    if (!clientDone)
        cleanUp(QStringLiteral("exec"),
            QJsonObject {
                { QStringLiteral("node"), traffic.clientNode }, { QStringLiteral("command"), traffic.stopClient } },
            QStringLiteral("stop the traffic client"));
    client.join();
    if (serverPid.toInt() > 0)
        cleanUp(QStringLiteral("exec"),
            QJsonObject { { QStringLiteral("node"), traffic.serverNode },
                { QStringLiteral("command"), QString(QStringLiteral("kill ") + serverPid) } },
            QStringLiteral("stop the traffic server"));

    int exitCode = 0;
    if (g_interrupted) {
        problem = QStringLiteral("interrupted");
    } else if (!clientResult) {
        problem = QStringLiteral("the traffic client failed: ") + clientResult.error();
    } else {
        Result<QJsonValue> history
            = control.call(QStringLiteral("history"), QJsonObject { { QStringLiteral("sinceMs"), startMs - 500 } });
        if (!history) {
            problem = history.error();
        } else {
            const ReportInput input
                = reportInputFromHistory(history->toObject(), *lab, demo.link, *lab->resolvePort(demo.link));
            const DemoReport report = computeReport(input);
            printLine(QString());
            printLine(summaryText(report));
            if (!demo.reportFile.isEmpty()) {
                if (Status written = writeFile(demo.reportFile, QJsonDocument(toJson(report)).toJson()); !written)
                    problem = written.error();
            }
            if (!demo.csvFile.isEmpty()) {
                if (Status written = writeFile(demo.csvFile, toCsv(input.paths, input.total).toUtf8()); !written)
                    problem = written.error();
            }
        }
    }
    if (!wasRunning) {
        if (Status down = takeDownIfOurs(); down)
            printLine(QStringLiteral("lab %1 taken down (the demo brought it up)").arg(lab->name));
        else
            problem += QStringLiteral("; %1 (run mptcplab-cli down)").arg(down.error());
    }
    if (!problem.isEmpty())
        exitCode = reportError(QStringLiteral("demo: %1").arg(problem));
    return exitCode;
}

} // namespace mlab::cli
