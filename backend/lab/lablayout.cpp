#include "lab/lablayout.h"

#include "lab/labfields.h"
#include "lab/labfile.h"
#include "lab/labmodel.h"
#include "lab/labproblems.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QSaveFile>

#include <cmath>

namespace mlab {

using json = nlohmann::json;

QString layoutHostName()
{
    return QStringLiteral("host");
}

void readLayout(const json &layout, const QString &pointer, Lab &lab, LabProblems &problems)
{
    const QString namesExpected = QStringLiteral("the name of one of the lab's nodes, or \"host\"");
    const QString positionExpected
        = QStringLiteral("[x, y]: two numbers between -%1 and %1").arg(LayoutLimit, 0, 'f', 0);
    for (auto it = layout.begin(); it != layout.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        const QString at = pointer + QLatin1Char('/') + name;
        if (name != layoutHostName() && !lab.nodeNamed(name)) {
            problems.reject(at, QStringLiteral("no node of that name"), quoted(name), namesExpected);
            continue;
        }
        const json &value = it.value();
        const bool pair = value.is_array() && value.size() == 2 && value[0].is_number() && value[1].is_number();
        const double x = pair ? value[0].get<double>() : 0.0;
        const double y = pair ? value[1].get<double>() : 0.0;
        if (!pair || !std::isfinite(x) || !std::isfinite(y) || std::abs(x) > LayoutLimit || std::abs(y) > LayoutLimit) {
            problems.reject(at, QStringLiteral("not a position"), describeWithType(value), positionExpected);
            continue;
        }
        lab.layout.insert(name, QPointF(x, y));
    }
}

Status writeLayout(const QString &fromFile, const QString &toFile, const QHash<QString, QPointF> &positions)
{
    QFile source(fromFile);
    if (!source.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: cannot read it: %2").arg(fromFile, source.errorString()));
    const QByteArray original = source.readAll();
    // ordered_json keeps the members in the order the author wrote them.
    nlohmann::ordered_json root;
    try {
        root = nlohmann::ordered_json::parse(original.cbegin(), original.cend());
    } catch (const nlohmann::json::parse_error &error) {
        return fail(QStringLiteral("%1: not valid JSON: %2").arg(fromFile, QString::fromUtf8(error.what())));
    }
    if (!root.is_object())
        return fail(QStringLiteral("%1: not a lab file: it holds no JSON object").arg(fromFile));

    nlohmann::ordered_json layout = nlohmann::ordered_json::object();
    QStringList names = positions.keys();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const QPointF at = positions.value(name);
        // Whole scene units: a box one unit off is invisible, and the file stays easy to read and edit.
        layout[name.toStdString()] = { std::lround(at.x()), std::lround(at.y()) };
    }
    root["layout"] = layout;
    const QByteArray text = QByteArray::fromStdString(root.dump(2)) + '\n';

    // The engine runs what this file says: check that it still reads as the same kind of lab before replacing it.
    if (Result<Lab> check = parseLab(text, toFile); !check)
        return fail(QStringLiteral("%1: the layout was not saved: %2").arg(toFile, check.error()));

    QSaveFile target(toFile);
    if (!target.open(QIODevice::WriteOnly) || target.write(text) != text.size() || !target.commit())
        return fail(QStringLiteral("%1: cannot write it: %2").arg(toFile, target.errorString()));
    return {};
}

} // namespace mlab
