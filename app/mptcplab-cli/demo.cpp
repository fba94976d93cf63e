#include "demo.h"

#include "enginelauncher.h"
#include "interruptwatcher.h"
#include "labselection.h"

#include "engine/engineclient.h"
#include "engine/historyjson.h"
#include "engine/runtimedir.h"
#include "telemetry/rates.h"
#include "telemetry/report.h"
#include "telemetry/telemetryclock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>

#include <cstdio>
#include <unistd.h>

namespace mlab::cli {

namespace {

void printLine(const QString &text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

QString mbits(double bitsPerSecond)
{
    return QString::number(bitsPerSecond / 1e6, 'f', 1).rightJustified(6);
}

// What the live line shows: the newest rate of each path, the subflow table.
struct LiveView
{
    QMap<QString, double> pathBits;
    double totalBits = 0;
    QJsonArray subflows;
    QString brokenLink;

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

    QString line(double seconds) const
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
        return brokenLink.isEmpty() ? text : text + QStringLiteral("  [") + brokenLink + QStringLiteral(" broken]");
    }
};

Status writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

// A scenario event's action line: "[ 6.0 s] BREAK NodeA:eth0: port 10 moved to dead VLAN 4".
QString actionLine(const QJsonObject &progress)
{
    return QStringLiteral("[%1 s] %2 %3: %4")
        .arg(progress.value(QStringLiteral("elapsedS")).toDouble(), 5, 'f', 1)
        .arg(progress.value(QStringLiteral("action")).toString().toUpper(),
            progress.value(QStringLiteral("link")).toString(), progress.value(QStringLiteral("message")).toString());
}

// Follows the engine's scenario until it ends: live lines from telemetry, one line per action.
// Returns the scenario's result ({state, report, summary, startedAtMs, ...}).
Result<QJsonObject> followScenario(EngineClient &events, EngineClient &control, const DemoOptions &demo)
{
    InterruptWatcher interrupt;
    bool stopping = false;
    LiveView live;
    QJsonObject result;
    const qint64 startMs = monotonicMs();
    qint64 nextLineMs = startMs + 1000;
    while (result.isEmpty()) {
        if (interrupt.wasInterrupted() && !std::exchange(stopping, true)) {
            printLine(QStringLiteral("interrupted: stopping the scenario (the link is restored, the traffic stopped)"));
            if (Result<QJsonValue> stopped
                = control.call(QStringLiteral("scenario"), { { QStringLiteral("action"), QStringLiteral("stop") } });
                !stopped)
                return fail(stopped.error());
        }
        const Status alive = events.waitForEvents(100, [&](const QJsonObject &event) {
            const QString name = event.value(QStringLiteral("event")).toString();
            if (name == QLatin1String("telemetry")) {
                live.take(event);
            } else if (name == QLatin1String("scenario") && event.value(QStringLiteral("finished")).toBool()) {
                result = event;
            } else if (name == QLatin1String("scenario")) {
                const QString action = event.value(QStringLiteral("action")).toString();
                if (action == QLatin1String("break") || action == QLatin1String("restore")) {
                    printLine(actionLine(event));
                    live.brokenLink
                        = action == QLatin1String("break") ? event.value(QStringLiteral("link")).toString() : QString();
                }
            }
        });
        if (!alive)
            return fail(alive.error());
        if (monotonicMs() >= nextLineMs && result.isEmpty()) {
            printLine(live.line(double(monotonicMs() - startMs) / 1000.0));
            nextLineMs += 1000;
        }
        if (monotonicMs() - startMs > qint64(demo.durationSeconds + 120) * 1000)
            return fail(
                QStringLiteral("the engine's scenario did not end within %1 s").arg(demo.durationSeconds + 120));
    }
    return result;
}

Status writeOutputs(EngineClient &control, const Lab &lab, const DemoOptions &demo, const QJsonObject &result)
{
    if (!demo.reportFile.isEmpty()) {
        if (Status written
            = writeFile(demo.reportFile, QJsonDocument(result.value(QStringLiteral("report")).toObject()).toJson());
            !written)
            return written;
    }
    if (demo.csvFile.isEmpty())
        return {};
    // The per-path series of the run, all pages of them.
    QJsonObject history;
    qint64 since = result.value(QStringLiteral("startedAtMs")).toInteger() - 500;
    for (bool more = true; more;) {
        Result<QJsonValue> page = control.call(QStringLiteral("history"), { { QStringLiteral("sinceMs"), since } });
        if (!page)
            return fail(page.error());
        appendHistoryPage(history, page->toObject());
        more = page->toObject().value(QStringLiteral("truncated")).toBool();
        since = page->toObject().value(QStringLiteral("nextSinceMs")).toInteger();
    }
    const QString link = result.value(QStringLiteral("link")).toString();
    const ReportInput input = reportInputFromHistory(history, lab, link, result.value(QStringLiteral("port")).toInt());
    return writeFile(demo.csvFile, toCsv(input.paths, input.total).toUtf8());
}

} // namespace

int runDemo(const Options &options, const DemoOptions &demo)
{
    Result<Lab> lab = loadLab(options.labOption.isEmpty() ? defaultLabFile : options.labOption);
    if (!lab)
        return reportError(lab.error());
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
    const auto takeDownIfOurs = qScopeGuard([&] {
        if (wasRunning)
            return;
        EngineClient engine;
        Status down = engine.connectTo(dir.apiSocket()) ? takeDown(engine, lab->name) : Status();
        if (down)
            printLine(QStringLiteral("lab %1 taken down (the demo brought it up)").arg(lab->name));
        else
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
    if (Result<QJsonValue> subscribed = events.call(QStringLiteral("subscribe"),
            { { QStringLiteral("topics"), QJsonArray { QStringLiteral("telemetry"), QStringLiteral("scenario") } } });
        !subscribed)
        return reportError(subscribed.error());

    // The engine runs the scenario; this is its audience.
    Result<QJsonValue> started = control.call(QStringLiteral("scenario"),
        { { QStringLiteral("action"), QStringLiteral("start") }, { QStringLiteral("name"), QStringLiteral("demo") },
            { QStringLiteral("durationS"), demo.durationSeconds }, { QStringLiteral("breakAtS"), demo.breakAtSeconds },
            { QStringLiteral("restoreAtS"), demo.restoreAtSeconds }, { QStringLiteral("link"), demo.link },
            { QStringLiteral("mode"), demo.mode } });
    if (!started)
        return reportError(QStringLiteral("demo: %1").arg(started.error()));
    if (Result<QJsonValue> traffic
        = control.call(QStringLiteral("traffic"), { { QStringLiteral("action"), QStringLiteral("status") } });
        traffic)
        printLine(QStringLiteral("traffic: on %1 \"%2\"; on %3 \"%4\"")
                      .arg(traffic->toObject().value(QStringLiteral("serverNode")).toString(),
                          traffic->toObject().value(QStringLiteral("server")).toString(),
                          traffic->toObject().value(QStringLiteral("clientNode")).toString(),
                          traffic->toObject().value(QStringLiteral("client")).toString()));
    Result<QJsonObject> result = followScenario(events, control, demo);
    if (!result)
        return reportError(QStringLiteral("demo: %1").arg(result.error()));
    const QString state = result->value(QStringLiteral("state")).toString();
    if (result->contains(QStringLiteral("summary"))) {
        printLine(QString());
        printLine(result->value(QStringLiteral("summary")).toString());
    }
    if (Status written = writeOutputs(control, *lab, demo, *result); !written)
        return reportError(QStringLiteral("demo: %1").arg(written.error()));
    if (state != QLatin1String("finished"))
        return reportError(
            QStringLiteral("demo: the scenario %1: %2").arg(state, result->value(QStringLiteral("reason")).toString()));
    return 0;
}

} // namespace mlab::cli
