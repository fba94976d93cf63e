#pragma once

// The engine API's wire format (docs/engine-api.md is the contract): one JSON object per line, requests with
// an id, replies with ok and result or error {code, message}, events without an id.

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace mlab::api {

inline constexpr int ProtocolVersion = 1;
inline constexpr qint64 MaxLineBytes = 1024 * 1024;
inline constexpr int MaxRequestsInProgress = 32;
// Past this much unwritten output to one client, its topic events are dropped (and counted) ...
inline constexpr qint64 EventBudgetBytes = 4 * 1024 * 1024;
// ... and past this, the client is disconnected: replies are never dropped, so they must stop somewhere.
inline constexpr qint64 DisconnectBytes = 64 * 1024 * 1024;

// Stable error codes; clients switch on these, people read the message.
namespace code {
inline const QString parseError = QStringLiteral("parse-error");
inline const QString badRequest = QStringLiteral("bad-request");
inline const QString lineTooLong = QStringLiteral("line-too-long");
inline const QString unknownMethod = QStringLiteral("unknown-method");
inline const QString badParams = QStringLiteral("bad-params");
inline const QString unsupportedVersion = QStringLiteral("unsupported-version");
inline const QString permissionDenied = QStringLiteral("permission-denied");
inline const QString overloaded = QStringLiteral("overloaded");
inline const QString notReady = QStringLiteral("not-ready");
inline const QString unknownLink = QStringLiteral("unknown-link");
inline const QString unknownNode = QStringLiteral("unknown-node");
inline const QString noTelemetry = QStringLiteral("no-telemetry");
inline const QString busy = QStringLiteral("busy");
inline const QString notFound = QStringLiteral("not-found");
inline const QString cancelled = QStringLiteral("cancelled");
inline const QString timeout = QStringLiteral("timeout");
inline const QString failed = QStringLiteral("failed");
inline const QString shuttingDown = QStringLiteral("shutting-down");
} // namespace code

// An error as it travels inside the engine and in replies.
struct ApiError
{
    QString code;
    QString message;
};

QJsonObject replyOk(const QJsonValue &id, const QJsonValue &result);
QJsonObject replyError(const QJsonValue &id, const ApiError &error);
QJsonObject event(const QString &name, QJsonObject fields = {});
QByteArray encode(const QJsonObject &message); // compact JSON and a newline

// A request line taken apart; error.code is empty when it is well formed.
struct Request
{
    QJsonValue id;
    QString method;
    QJsonObject params;
    ApiError error;
};
Request parseRequest(const QByteArray &line);
// "7" or "\"abc\"": how a request id appears in messages and request tags.
QString idText(const QJsonValue &id);

} // namespace mlab::api
