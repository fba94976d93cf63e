#include "engine/apiprotocol.h"

#include <QJsonDocument>

namespace mlab::api {

QJsonObject replyOk(const QJsonValue &id, const QJsonValue &result)
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("ok"), true }, { QStringLiteral("result"), result } };
}

QJsonObject replyError(const QJsonValue &id, const ApiError &error)
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("ok"), false },
        { QStringLiteral("error"),
            QJsonObject { { QStringLiteral("code"), error.code }, { QStringLiteral("message"), error.message } } } };
}

QJsonObject event(const QString &name, QJsonObject fields)
{
    fields.insert(QStringLiteral("event"), name);
    return fields;
}

QByteArray encode(const QJsonObject &message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

QString idText(const QJsonValue &id)
{
    if (id.isString())
        return QLatin1Char('"') + id.toString() + QLatin1Char('"');
    return QString::number(id.toInteger());
}

Request parseRequest(const QByteArray &line)
{
    Request request;
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        request.error = { code::parseError,
            QStringLiteral("the request is not valid JSON: %1 at offset %2")
                .arg(parseError.errorString())
                .arg(parseError.offset) };
        return request;
    }
    if (!document.isObject()) {
        request.error
            = { code::badRequest, QStringLiteral("a request must be a JSON object with \"id\" and \"method\"") };
        return request;
    }
    const QJsonObject object = document.object();
    const QJsonValue id = object.value(QStringLiteral("id"));
    const bool integerId = id.isDouble() && id.toDouble() == double(id.toInteger());
    const bool stringId = id.isString() && !id.toString().isEmpty() && id.toString().size() <= 64;
    if (!integerId && !stringId) {
        request.error = { code::badRequest,
            QStringLiteral("\"id\" must be an integer or a string of 1 to 64 characters (got %1)")
                .arg(QString::fromUtf8(
                    QJsonDocument(QJsonObject { { QStringLiteral("id"), id } }).toJson(QJsonDocument::Compact))) };
        return request;
    }
    request.id = id;
    const QJsonValue method = object.value(QStringLiteral("method"));
    if (!method.isString() || method.toString().isEmpty()) {
        request.error = { code::badRequest, QStringLiteral("\"method\" must be a non-empty string") };
        return request;
    }
    request.method = method.toString();
    const QJsonValue params = object.value(QStringLiteral("params"));
    if (!params.isUndefined() && !params.isNull() && !params.isObject()) {
        request.error = { code::badParams, QStringLiteral("\"params\" must be an object") };
        return request;
    }
    request.params = params.toObject();
    return request;
}

} // namespace mlab::api
