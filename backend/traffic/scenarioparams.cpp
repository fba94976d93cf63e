// ScenarioRunner's scenarios from parameters: the demo and a client's timeline, checked against the lab.

#include "traffic/scenariorunner.h"

#include "lab/breakmode.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace mlab {

namespace {

constexpr double maxDurationS = 86400;
const QStringList actionNames { QStringLiteral("break"), QStringLiteral("restore"), QStringLiteral("traffic-start"),
    QStringLiteral("traffic-stop") };
const QStringList actionKeys { QStringLiteral("atS"), QStringLiteral("action"), QStringLiteral("link"),
    QStringLiteral("mode") };

// A JSON value as a message quotes it: strings in quotes, numbers as they are, short.
QString quoted(const QJsonValue &value)
{
    QString text;
    switch (value.type()) {
    case QJsonValue::String:
        text = QLatin1Char('"') + value.toString() + QLatin1Char('"');
        break;
    case QJsonValue::Double:
        text = QString::number(value.toDouble());
        break;
    case QJsonValue::Bool:
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        text = QStringLiteral("null");
        break;
    }
    return text.size() > 80 ? text.left(77) + QStringLiteral("...") : text;
}

QString quoted(const QString &text)
{
    return quoted(QJsonValue(text));
}

QString durationProblem(const QString &field, const QJsonValue &value)
{
    return ScenarioRunner::tr("%1 %2: expected a number of seconds, 1 to %3")
        .arg(field, quoted(value))
        .arg(maxDurationS);
}

bool durationOk(double seconds)
{
    return seconds >= 1 && seconds <= maxDurationS; // false for NaN too
}

} // namespace

QString ScenarioRunner::defaultLink(const Lab &lab)
{
    if (lab.paths.isEmpty())
        return {};
    const QList<PathEnd> ends = lab.endsOf(lab.paths.first().name);
    for (const PathEnd &end : ends) {
        if (end.node->name == lab.traffic.clientNode)
            return end.node->name + QLatin1Char(':') + end.interface->name;
    }
    return ends.isEmpty() ? QString() : ends.first().node->name + QLatin1Char(':') + ends.first().interface->name;
}

Result<int> ScenarioRunner::linkPort(const Lab &lab, const QString &link, const QString &field)
{
    const std::optional<int> port = lab.resolvePort(link);
    const QString example = defaultLink(lab).isEmpty() ? QStringLiteral("NodeA:eth0") : defaultLink(lab);
    if (!port)
        return fail(
            tr("%1 %2: no such link in lab %3 (expected NODE:INTERFACE such as %4, or a switch port of the lab)")
                .arg(field, quoted(link), lab.name, example));
    // The engine reaches the nodes over the management network: breaking it would cut the engine off.
    if (*port == lab.management.hostPort)
        return fail(tr("%1 %2: port %3 is the management host's port, which a scenario may not break (expected a "
                       "path's link such as %4)")
                        .arg(field, quoted(link))
                        .arg(*port)
                        .arg(example));
    for (const NodeSpec &node : lab.nodes) {
        const InterfaceSpec *management = node.managementInterface();
        if (management && management->switchPort == *port)
            return fail(tr("%1 %2: %3:%4 is a management interface, which a scenario may not break (expected a path's "
                           "link such as %5)")
                            .arg(field, quoted(link), node.name, management->name, example));
    }
    return *port;
}

Status ScenarioRunner::checkAction(const Lab &lab, const ScenarioAction &action, double durationS, const QString &field)
{
    if (!actionNames.contains(action.action))
        return fail(tr("%1.action %2: expected break, restore, traffic-start or traffic-stop")
                        .arg(field, quoted(action.action)));
    if (!(action.atS >= 0 && action.atS <= durationS))
        return fail(tr("%1.atS %2: expected 0 to durationS (%3)")
                        .arg(field, QString::number(action.atS), QString::number(durationS)));
    const bool isLinkAction = action.action == QLatin1String("break") || action.action == QLatin1String("restore");
    if (!isLinkAction) {
        if (!action.link.isEmpty())
            return fail(tr("%1.link %2: %3 takes no link").arg(field, quoted(action.link), action.action));
        if (!action.mode.isEmpty())
            return fail(tr("%1.mode %2: %3 takes no mode").arg(field, quoted(action.mode), action.action));
        if (lab.traffic.clientNode.isEmpty() || lab.traffic.serverNode.isEmpty())
            return fail(tr("%1.action %2: lab %3 has no traffic plan (\"traffic\" in its lab file)")
                            .arg(field, quoted(action.action), lab.name));
        return {};
    }
    if (action.link.isEmpty())
        return fail(tr("%1.link: missing (a %2 names a link such as %3)")
                        .arg(field, action.action,
                            defaultLink(lab).isEmpty() ? QStringLiteral("NodeA:eth0") : defaultLink(lab)));
    if (Result<int> port = linkPort(lab, action.link, field + QStringLiteral(".link")); !port)
        return fail(port.error());
    if (action.action == QLatin1String("restore") && !action.mode.isEmpty())
        return fail(tr("%1.mode %2: only a break has a mode").arg(field, quoted(action.mode)));
    if (!parseBreakMode(action.mode))
        return fail(tr("%1.mode %2: expected %3").arg(field, quoted(action.mode), breakModeChoices()));
    return {};
}

Status ScenarioRunner::checkScenario(const Lab &lab, const Scenario &scenario, const QString &field)
{
    if (!durationOk(scenario.durationS))
        return fail(durationProblem(QStringLiteral("durationS"), scenario.durationS));
    if (scenario.actions.size() > maxActions)
        return fail(tr("%1: %2 actions; at most %3").arg(field).arg(scenario.actions.size()).arg(maxActions));
    for (qsizetype i = 0; i < scenario.actions.size(); ++i) {
        if (Status ok
            = checkAction(lab, scenario.actions.at(i), scenario.durationS, QStringLiteral("%1[%2]").arg(field).arg(i));
            !ok)
            return ok;
    }
    return {};
}

Result<Scenario> ScenarioRunner::demoScenario(
    const Lab &lab, double durationS, double breakAtS, double restoreAtS, const QString &link, const QString &mode)
{
    if (lab.traffic.clientNode.isEmpty() || lab.traffic.serverNode.isEmpty())
        return fail(tr("lab %1 has no traffic plan (\"traffic\" in %2)")
                        .arg(lab.name, lab.sourceFile.isEmpty() ? tr("its lab file") : lab.sourceFile));
    if (!durationOk(durationS))
        return fail(durationProblem(QStringLiteral("durationS"), durationS));
    if (!(breakAtS > 0 && breakAtS < restoreAtS && restoreAtS < durationS))
        return fail(tr("breakAtS %1, restoreAtS %2, durationS %3: expected 0 < breakAtS < restoreAtS < durationS")
                        .arg(QString::number(breakAtS), QString::number(restoreAtS), QString::number(durationS)));
    const QString target = link.isEmpty() ? defaultLink(lab) : link;
    if (target.isEmpty())
        return fail(tr("lab %1 has no path with a link to break: give link").arg(lab.name));
    if (Result<int> port = linkPort(lab, target, QStringLiteral("link")); !port)
        return fail(port.error());
    const std::optional<BreakMode> breakMode = parseBreakMode(mode);
    if (!breakMode)
        return fail(tr("mode %1: expected %2").arg(quoted(mode), breakModeChoices()));
    return Scenario { QStringLiteral("demo"), durationS,
        {
            ScenarioAction { 0, QStringLiteral("traffic-start"), {}, {} },
            ScenarioAction { breakAtS, QStringLiteral("break"), target, breakModeName(*breakMode) },
            ScenarioAction { restoreAtS, QStringLiteral("restore"), target, {} },
            ScenarioAction { durationS, QStringLiteral("traffic-stop"), {}, {} },
        } };
}

Result<Scenario> ScenarioRunner::fromJson(const QJsonObject &params, const Lab &lab)
{
    Scenario scenario;
    scenario.name = QStringLiteral("timeline");
    if (params.contains(QStringLiteral("name"))) {
        const QJsonValue name = params.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().isEmpty() || name.toString().size() > 64)
            return fail(tr("name %1: expected a string of 1 to 64 characters").arg(quoted(name)));
        scenario.name = name.toString();
    }
    const QJsonValue duration = params.value(QStringLiteral("durationS"));
    if (duration.isUndefined())
        return fail(tr("durationS: missing (a timeline needs its length in seconds, 1 to %1)").arg(maxDurationS));
    if (!duration.isDouble() || !durationOk(duration.toDouble()))
        return fail(durationProblem(QStringLiteral("durationS"), duration));
    scenario.durationS = duration.toDouble();

    const QString example = QStringLiteral("{\"atS\": 6, \"action\": \"break\", \"link\": \"%1\"}")
                                .arg(defaultLink(lab).isEmpty() ? QStringLiteral("NodeA:eth0") : defaultLink(lab));
    const QJsonValue timeline = params.value(QStringLiteral("timeline"));
    if (timeline.isUndefined())
        return fail(tr("timeline: missing (expected an array of actions such as %1)").arg(example));
    if (!timeline.isArray())
        return fail(tr("timeline %1: expected an array of actions such as %2").arg(quoted(timeline), example));
    const QJsonArray items = timeline.toArray();
    if (items.isEmpty())
        return fail(tr("timeline []: expected at least one action such as %1").arg(example));
    if (items.size() > maxActions)
        return fail(tr("timeline: %1 actions; at most %2").arg(items.size()).arg(maxActions));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString field = QStringLiteral("timeline[%1]").arg(i);
        if (!items.at(i).isObject())
            return fail(tr("%1 %2: expected an object such as %3").arg(field, quoted(items.at(i)), example));
        const QJsonObject item = items.at(i).toObject();
        for (auto it = item.constBegin(); it != item.constEnd(); ++it) {
            if (!actionKeys.contains(it.key()))
                return fail(tr("%1.%2: unknown (expected atS, action, link, mode)").arg(field, it.key()));
        }
        ScenarioAction action;
        const QJsonValue atS = item.value(QStringLiteral("atS"));
        if (!atS.isDouble())
            return fail(atS.isUndefined()
                    ? tr("%1.atS: missing (expected seconds from the start, 0 to durationS)").arg(field)
                    : tr("%1.atS %2: expected a number of seconds, 0 to durationS").arg(field, quoted(atS)));
        action.atS = atS.toDouble();
        const QJsonValue name = item.value(QStringLiteral("action"));
        if (!name.isString())
            return fail(name.isUndefined()
                    ? tr("%1.action: missing (expected break, restore, traffic-start or traffic-stop)").arg(field)
                    : tr("%1.action %2: expected break, restore, traffic-start or traffic-stop")
                          .arg(field, quoted(name)));
        action.action = name.toString();
        for (const auto &[key, target] : { std::pair { QStringLiteral("link"), &action.link },
                 std::pair { QStringLiteral("mode"), &action.mode } }) {
            const QJsonValue value = item.value(key);
            if (value.isUndefined())
                continue;
            if (!value.isString())
                return fail(tr("%1.%2 %3: expected a string").arg(field, key, quoted(value)));
            *target = value.toString();
        }
        if (Status ok = checkAction(lab, action, scenario.durationS, field); !ok)
            return fail(ok.error());
        scenario.actions.append(action);
    }
    return scenario;
}

} // namespace mlab
