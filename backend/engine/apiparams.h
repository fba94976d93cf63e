#pragma once

// Declared parameters of an engine API method, checked before the method runs, so that a handler only
// ever sees parameters of the right type and range.

#include "engine/apiprotocol.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>

namespace mlab::api {

struct ParamSpec
{
    enum class Type { String, Integer, Number, Boolean, StringList, Object, Array, RequestId };

    QString name;
    Type type = Type::String;
    bool required = false;
    // Integers and numbers: the allowed range. Strings: the maximum length (min unused).
    double min = std::numeric_limits<double>::lowest();
    double max = std::numeric_limits<double>::max();
    QStringList choices; // strings and string lists: the only values allowed, when not empty

    static ParamSpec string(QString name, bool required, int maxLength = 4096, QStringList choices = {});
    static ParamSpec integer(QString name, bool required, double min, double max);
    static ParamSpec number(QString name, bool required, double min, double max);
    static ParamSpec boolean(QString name);
    static ParamSpec stringList(QString name, QStringList choices);
    static ParamSpec object(QString name);
    static ParamSpec array(QString name, int maxItems);
    static ParamSpec requestId(QString name, bool required); // an integer, or a string of 1 to 64 characters
};

// The first problem with params, as a bad-params error naming the parameter, the value and what was
// expected; nullopt when they fit. Unknown parameters are refused: a typo must not silently do the default.
std::optional<ApiError> checkParams(const QString &method, const QJsonObject &params, const QList<ParamSpec> &specs);

} // namespace mlab::api
