#include "engine/labstate.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace mlab {

static QJsonObject toJson(const ProcessRecord &record)
{
    return { { QStringLiteral("pid"), record.pid }, { QStringLiteral("startTime"), QString::number(record.startTime) },
        { QStringLiteral("what"), record.what } };
}

static ProcessRecord processFromJson(const QJsonObject &object)
{
    return { object.value(QStringLiteral("pid")).toInteger(),
        object.value(QStringLiteral("startTime")).toString().toULongLong(),
        object.value(QStringLiteral("what")).toString() };
}

std::optional<BrokenLink> LabState::brokenLink(int port) const
{
    const auto found = brokenPorts.constFind(port);
    return found == brokenPorts.cend() ? std::nullopt : std::optional(*found);
}

Status LabState::save(const QString &path) const
{
    QJsonArray processList;
    for (const ProcessRecord &record : processes)
        processList.append(toJson(record));
    QJsonObject broken;
    for (auto it = brokenPorts.cbegin(); it != brokenPorts.cend(); ++it)
        broken.insert(QString::number(it.key()),
            QJsonObject { { QStringLiteral("vlan"), it->vlan }, { QStringLiteral("mode"), breakModeName(it->mode) } });
    const QJsonObject root { { QStringLiteral("lab"), lab }, { QStringLiteral("labFile"), labFile },
        { QStringLiteral("engine"), toJson(engine) }, { QStringLiteral("phase"), phase },
        { QStringLiteral("namespaces"), QJsonArray::fromStringList(namespaces) },
        { QStringLiteral("processes"), processList }, { QStringLiteral("brokenPorts"), broken } };
    // Atomic replace: a crash mid-write must not lose what we need to clean up.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write lab state %1: %2").arg(path, file.errorString()));
    file.write(QJsonDocument(root).toJson());
    if (!file.commit())
        return fail(QStringLiteral("cannot write lab state %1: %2").arg(path, file.errorString()));
    return {};
}

Result<LabState> LabState::load(const QString &path, const QString &expectedLab)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read lab state %1: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject())
        return fail(QStringLiteral("lab state %1 is damaged: %2").arg(path, error.errorString()));
    const QJsonObject root = document.object();
    LabState state;
    state.lab = root.value(QStringLiteral("lab")).toString();
    if (state.lab != expectedLab)
        return fail(
            QStringLiteral("lab state %1 belongs to lab \"%2\", not %3: ignored").arg(path, state.lab, expectedLab));
    state.labFile = root.value(QStringLiteral("labFile")).toString();
    state.engine = processFromJson(root.value(QStringLiteral("engine")).toObject());
    state.phase = root.value(QStringLiteral("phase")).toString();
    for (const QJsonValue &ns : root.value(QStringLiteral("namespaces")).toArray())
        state.namespaces << ns.toString();
    for (const QJsonValue &process : root.value(QStringLiteral("processes")).toArray())
        state.processes << processFromJson(process.toObject());
    const QJsonObject broken = root.value(QStringLiteral("brokenPorts")).toObject();
    for (auto it = broken.constBegin(); it != broken.constEnd(); ++it) {
        // A record written before unplug existed holds only the VLAN: those breaks were all cuts.
        if (it.value().isDouble()) {
            state.brokenPorts.insert(it.key().toInt(), { it.value().toInt(), BreakMode::Cut });
            continue;
        }
        const QJsonObject link = it.value().toObject();
        const QString modeName = link.value(QStringLiteral("mode")).toString();
        const std::optional<BreakMode> mode = parseBreakMode(modeName);
        if (!mode)
            return fail(QStringLiteral("lab state %1 is damaged: port %2 is broken with mode \"%3\" (expected %4)")
                            .arg(path, it.key(), modeName, breakModeChoices()));
        state.brokenPorts.insert(it.key().toInt(), { link.value(QStringLiteral("vlan")).toInt(), *mode });
    }
    return state;
}

} // namespace mlab
