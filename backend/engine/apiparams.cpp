#include "engine/apiparams.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace mlab::api {

ParamSpec ParamSpec::string(QString name, bool required, int maxLength, QStringList choices)
{
    return { std::move(name), Type::String, required, 0, double(maxLength), std::move(choices) };
}

ParamSpec ParamSpec::integer(QString name, bool required, double min, double max)
{
    return { std::move(name), Type::Integer, required, min, max, {} };
}

ParamSpec ParamSpec::number(QString name, bool required, double min, double max)
{
    return { std::move(name), Type::Number, required, min, max, {} };
}

ParamSpec ParamSpec::boolean(QString name)
{
    return { std::move(name), Type::Boolean, false, 0, 0, {} };
}

ParamSpec ParamSpec::stringList(QString name, QStringList choices)
{
    return { std::move(name), Type::StringList, false, 0, 0, std::move(choices) };
}

ParamSpec ParamSpec::object(QString name)
{
    return { std::move(name), Type::Object, false, 0, 0, {} };
}

ParamSpec ParamSpec::array(QString name, int maxItems)
{
    return { std::move(name), Type::Array, false, 0, double(maxItems), {} };
}

ParamSpec ParamSpec::requestId(QString name, bool required)
{
    return { std::move(name), Type::RequestId, required, 0, 0, {} };
}

namespace {

QString shown(const QJsonValue &value)
{
    QString text;
    if (value.isObject())
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    else if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    else if (value.isString())
        text = QLatin1Char('"') + value.toString() + QLatin1Char('"');
    else
        text = QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    return text.size() > 80 ? text.left(77) + QStringLiteral("...") : text;
}

QString range(const ParamSpec &spec)
{
    return QStringLiteral("from %1 to %2").arg(spec.min, 0, 'g', 12).arg(spec.max, 0, 'g', 12);
}

// What is wrong with one value, or an empty string.
QString problem(const ParamSpec &spec, const QJsonValue &value)
{
    using Type = ParamSpec::Type;
    switch (spec.type) {
    case Type::String: {
        if (!value.isString())
            return QStringLiteral("must be a string");
        const QString text = value.toString();
        if (text.size() > spec.max)
            return QStringLiteral("must be at most %1 characters").arg(spec.max);
        if (!spec.choices.isEmpty() && !spec.choices.contains(text))
            return QStringLiteral("must be one of %1").arg(spec.choices.join(QStringLiteral(", ")));
        return {};
    }
    case Type::Integer: {
        const double number = value.toDouble();
        if (!value.isDouble() || std::floor(number) != number)
            return QStringLiteral("must be an integer ") + range(spec);
        if (number < spec.min || number > spec.max)
            return QStringLiteral("must be an integer ") + range(spec);
        return {};
    }
    case Type::Number:
        if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < spec.min
            || value.toDouble() > spec.max)
            return QStringLiteral("must be a number ") + range(spec);
        return {};
    case Type::Boolean:
        return value.isBool() ? QString() : QStringLiteral("must be true or false");
    case Type::StringList: {
        if (!value.isArray())
            return QStringLiteral("must be an array of strings");
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString())
                return QStringLiteral("must be an array of strings");
            if (!spec.choices.isEmpty() && !spec.choices.contains(item.toString()))
                return QStringLiteral("may hold only %1 (%2 is none of them)")
                    .arg(spec.choices.join(QStringLiteral(", ")), shown(item));
        }
        return {};
    }
    case Type::Object:
        return value.isObject() ? QString() : QStringLiteral("must be an object");
    case Type::RequestId: {
        const bool integer = value.isDouble() && std::floor(value.toDouble()) == value.toDouble();
        const bool text = value.isString() && !value.toString().isEmpty() && value.toString().size() <= 64;
        return integer || text ? QString() : QStringLiteral("must be a request id (an integer or a short string)");
    }
    case Type::Array:
        if (!value.isArray())
            return QStringLiteral("must be an array");
        if (value.toArray().size() > spec.max)
            return QStringLiteral("must have at most %1 items").arg(spec.max);
        return {};
    }
    return {};
}

} // namespace

std::optional<ApiError> checkParams(const QString &method, const QJsonObject &params, const QList<ParamSpec> &specs)
{
    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        const bool known
            = std::any_of(specs.cbegin(), specs.cend(), [&](const ParamSpec &spec) { return spec.name == it.key(); });
        if (!known) {
            QStringList names;
            for (const ParamSpec &spec : specs)
                names << spec.name;
            return ApiError { code::badParams,
                QStringLiteral("%1: unknown parameter \"%2\" (%3)")
                    .arg(method, it.key(),
                        names.isEmpty() ? QStringLiteral("it takes none")
                                        : QStringLiteral("it takes ") + names.join(QStringLiteral(", "))) };
        }
    }
    for (const ParamSpec &spec : specs) {
        const QJsonValue value = params.value(spec.name);
        if (value.isUndefined()) {
            if (spec.required)
                return ApiError { code::badParams,
                    QStringLiteral("%1: parameter \"%2\" is missing").arg(method, spec.name) };
            continue;
        }
        if (const QString wrong = problem(spec, value); !wrong.isEmpty())
            return ApiError { code::badParams,
                QStringLiteral("%1: parameter \"%2\" %3 (got %4)").arg(method, spec.name, wrong, shown(value)) };
    }
    return std::nullopt;
}

} // namespace mlab::api
