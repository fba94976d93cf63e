#include "engine/historyjson.h"

#include "lab/labmodel.h"
#include "telemetry/rates.h"

#include <QJsonArray>

namespace mlab {

QList<TimePoint> seriesFromJson(const QJsonObject &history, const QString &name)
{
    QList<TimePoint> points;
    for (const QJsonValue &value : history.value(QStringLiteral("series")).toObject().value(name).toArray()) {
        const QJsonArray pair = value.toArray();
        points << TimePoint { pair.at(0).toInteger(), pair.at(1).toDouble() };
    }
    return points;
}

QList<LabEvent> eventsFromJson(const QJsonObject &history)
{
    QList<LabEvent> events;
    for (const QJsonValue &value : history.value(QStringLiteral("events")).toArray()) {
        const QJsonObject object = value.toObject();
        events << LabEvent { object.value(QStringLiteral("atMs")).toInteger(),
            object.value(QStringLiteral("kind")).toString(), object.value(QStringLiteral("node")).toString(),
            object.value(QStringLiteral("text")).toString(), object.value(QStringLiteral("detail")).toObject() };
    }
    return events;
}

void appendHistoryPage(QJsonObject &history, const QJsonObject &page)
{
    auto appendTo = [](QJsonArray &array, const QJsonArray &more) {
        for (const QJsonValue &value : more)
            array.append(value);
    };
    QJsonObject series = history.value(QStringLiteral("series")).toObject();
    const QJsonObject moreSeries = page.value(QStringLiteral("series")).toObject();
    for (auto it = moreSeries.begin(); it != moreSeries.end(); ++it) {
        QJsonArray points = series.value(it.key()).toArray();
        appendTo(points, it.value().toArray());
        series.insert(it.key(), points);
    }
    history.insert(QStringLiteral("series"), series);
    for (const QString &key : { QStringLiteral("events"), QStringLiteral("subflowHistory") }) {
        QJsonArray array = history.value(key).toArray();
        appendTo(array, page.value(key).toArray());
        history.insert(key, array);
    }
    for (const QString &key : { QStringLiteral("now"), QStringLiteral("subflows"), QStringLiteral("truncated"),
             QStringLiteral("nextSinceMs") }) {
        if (page.contains(key))
            history.insert(key, page.value(key));
        else
            history.remove(key);
    }
}

ReportInput reportInputFromHistory(const QJsonObject &history, const Lab &lab, const QString &link, int brokenPort)
{
    ReportInput input;
    input.labName = lab.name;
    input.brokenLink = link;
    input.routing = lab.failover.routing;
    for (const PathSpec &path : lab.paths) {
        input.paths.insert(path.name, seriesFromJson(history, series::path(path.name)));
        for (const PathEnd &end : lab.endsOf(path.name)) {
            if (end.interface->switchPort == brokenPort)
                input.brokenPath = path.name;
        }
    }
    input.total = seriesFromJson(history, series::total());
    input.events = eventsFromJson(history);
    for (const LabEvent &event : std::as_const(input.events)) {
        if (event.detail.value(QStringLiteral("port")).toInt() != brokenPort)
            continue;
        if (event.kind == QLatin1String("break") && input.breakAtMs == 0) {
            input.breakAtMs = event.atMs;
            // An engine from before break modes wrote no mode: it could only cut.
            input.breakMode = event.detail.value(QStringLiteral("mode")).toString(BreakModeCut.toString());
        } else if (event.kind == QLatin1String("restore") && input.breakAtMs != 0 && !input.restoreAtMs) {
            input.restoreAtMs = event.atMs;
        }
    }
    for (const QJsonValue &value : history.value(QStringLiteral("subflowHistory")).toArray()) {
        const QJsonObject snapshot = value.toObject();
        input.subflowSnapshots << SubflowSnapshotJson { snapshot.value(QStringLiteral("atMs")).toInteger(),
            snapshot.value(QStringLiteral("subflows")).toArray() };
    }
    return input;
}

} // namespace mlab
