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

ReportInput reportInputFromHistory(const QJsonObject &history, const Lab &lab, const QString &link, int brokenPort)
{
    ReportInput input;
    input.labName = lab.name;
    input.brokenLink = link;
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
        if (event.kind == QLatin1String("break") && input.breakAtMs == 0)
            input.breakAtMs = event.atMs;
        else if (event.kind == QLatin1String("restore") && input.breakAtMs != 0 && !input.restoreAtMs)
            input.restoreAtMs = event.atMs;
    }
    for (const QJsonValue &value : history.value(QStringLiteral("subflowHistory")).toArray()) {
        const QJsonObject snapshot = value.toObject();
        input.subflowSnapshots << SubflowSnapshotJson { snapshot.value(QStringLiteral("atMs")).toInteger(),
            snapshot.value(QStringLiteral("subflows")).toArray() };
    }
    return input;
}

} // namespace mlab
