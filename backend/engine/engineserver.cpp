#include "engine/engineserver.h"

#include "core/transcript.h"
#include "engine/labcontroller.h"
#include "engine/nodesession.h"
#include "engine/telemetryhub.h"

#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>

#include <sys/socket.h>

namespace mlab {

EngineServer::EngineServer(LabController *controller, TelemetryHub *telemetry, uint ownerUid, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_server(new QLocalServer(this))
    , m_ownerUid(ownerUid)
    , m_telemetry(telemetry)
{
    m_execPool.setMaxThreadCount(32);
    if (telemetry) {
        connect(telemetry, &TelemetryHub::batchReady, this, [this](QJsonObject batch) {
            batch.insert(QStringLiteral("event"), QStringLiteral("telemetry"));
            m_telemetrySubscribers.removeAll(nullptr);
            for (const QPointer<QLocalSocket> &client : std::as_const(m_telemetrySubscribers))
                send(client, batch);
        });
    }
    connect(m_server, &QLocalServer::newConnection, this, &EngineServer::acceptConnections);
    connect(controller, &LabController::progress, this, [this](const QString &message) {
        broadcast({ { QStringLiteral("event"), QStringLiteral("progress") }, { QStringLiteral("message"), message } });
    });
    connect(controller, &LabController::linkChanged, this, [this](int port, bool broken) {
        broadcast({ { QStringLiteral("event"), QStringLiteral("link") }, { QStringLiteral("port"), port },
            { QStringLiteral("broken"), broken } });
    });
    connect(controller, &LabController::labDamaged, this, [this](const QString &reason) {
        broadcast({ { QStringLiteral("event"), QStringLiteral("damaged") }, { QStringLiteral("reason"), reason } });
    });
    connect(controller->transcript(), &Transcript::entryAdded, this, [this](const TranscriptEntry &entry) {
        broadcast({ { QStringLiteral("event"), QStringLiteral("transcript") }, { QStringLiteral("atMs"), entry.atMs },
            { QStringLiteral("where"), entry.where }, { QStringLiteral("command"), entry.command },
            { QStringLiteral("exitCode"), entry.exitCode }, { QStringLiteral("output"), entry.output },
            { QStringLiteral("why"), entry.why } });
    });
}

bool EngineServer::listen(const QString &socketPath, QString *error)
{
    QLocalServer::removeServer(socketPath);
    // Anyone may reach the socket file; acceptConnections() decides who may talk.
    m_server->setSocketOptions(QLocalServer::WorldAccessOption);
    if (!m_server->listen(socketPath)) {
        *error = QStringLiteral("cannot listen on %1: %2").arg(socketPath, m_server->errorString());
        return false;
    }
    return true;
}

void EngineServer::acceptConnections()
{
    while (QLocalSocket *client = m_server->nextPendingConnection()) {
        struct ucred credentials
        {
        };
        socklen_t length = sizeof credentials;
        const bool known
            = ::getsockopt(int(client->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0;
        if (!known || (credentials.uid != 0 && credentials.uid != m_ownerUid)) {
            send(client,
                { { QStringLiteral("ok"), false },
                    { QStringLiteral("error"),
                        QStringLiteral("permission denied: this lab belongs to uid %1; uid %2 may not control it")
                            .arg(m_ownerUid)
                            .arg(credentials.uid) } });
            client->disconnectFromServer();
            client->deleteLater();
            continue;
        }
        m_clients << client;
        connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
        connect(client, &QLocalSocket::readyRead, this, [this, client] {
            while (client->canReadLine())
                handleLine(client, client->readLine().trimmed());
        });
    }
}

void EngineServer::handleLine(QLocalSocket *client, const QByteArray &line)
{
    if (line.isEmpty())
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (!document.isObject()) {
        reply(client, QJsonValue(), false,
            QStringLiteral("request is not a JSON object: %1").arg(parseError.errorString()));
        return;
    }
    const QJsonObject request = document.object();
    dispatch(client, request.value(QStringLiteral("id")), request.value(QStringLiteral("method")).toString(),
        request.value(QStringLiteral("params")).toObject());
}

void EngineServer::dispatch(
    QLocalSocket *client, const QJsonValue &id, const QString &method, const QJsonObject &params)
{
    QPointer<QLocalSocket> guard(client);
    LabController *lab = m_controller;
    // Runs fn on the lab thread, then sends its result back from this thread.
    auto onLabThread = [this, guard, id](auto fn) {
        QMetaObject::invokeMethod(m_controller, [this, guard, id, fn] {
            const auto [ok, payload] = fn();
            QMetaObject::invokeMethod(
                this, [this, guard, id, ok = ok, payload = payload] { reply(guard, id, ok, payload); });
        });
    };
    const QString link = params.value(QStringLiteral("link")).toString();
    if (method == QLatin1String("status")) {
        TelemetryHub *telemetry = m_telemetry;
        onLabThread([lab, telemetry] {
            QJsonObject status = lab->status();
            // The subflow table is safe to read from any thread.
            if (telemetry)
                status.insert(QStringLiteral("subflows"), telemetry->subflowTable());
            return std::pair { true, QJsonValue(status) };
        });
    } else if (method == QLatin1String("up")) {
        QMetaObject::invokeMethod(lab, [this, lab, guard, id] {
            Status done = lab->up();
            const QJsonValue payload = done ? QJsonValue(lab->status()) : QJsonValue(done.error());
            QMetaObject::invokeMethod(this, [this, guard, id, ok = done.ok(), payload] {
                reply(guard, id, ok, payload);
                // A failed up has already removed everything, runtime directory
                // and socket included: an engine with nothing to hold exits.
                if (!ok)
                    Q_EMIT labDown();
            });
        });
    } else if (method == QLatin1String("break") || method == QLatin1String("restore")) {
        const bool breaking = method == QLatin1String("break");
        onLabThread([lab, link, breaking] {
            Result<QString> done = breaking ? lab->breakLink(link) : lab->restoreLink(link);
            return std::pair { done.ok(), QJsonValue(done ? done.value() : done.error()) };
        });
    } else if (method == QLatin1String("exec")) {
        const QString node = params.value(QStringLiteral("node")).toString();
        const QString command = params.value(QStringLiteral("command")).toString();
        const int timeoutMs = params.value(QStringLiteral("timeoutMs")).toInt(30000);
        // A user's command may run for minutes: it gets its own SSH connection
        // on a pool thread so break/restore/status stay instant meanwhile.
        QMetaObject::invokeMethod(lab, [this, lab, guard, id, node, command, timeoutMs] {
            Result<SshTarget> target = lab->sshTarget(node);
            if (!target) {
                QMetaObject::invokeMethod(
                    this, [this, guard, id, error = target.error()] { reply(guard, id, false, error); });
                return;
            }
            Transcript *transcript = lab->transcript();
            m_execPool.start([this, guard, id, target = target.value(), command, timeoutMs, transcript] {
                Result<QJsonObject> done = runUserCommand(target, command, timeoutMs, transcript);
                QMetaObject::invokeMethod(this,
                    [this, guard, id, ok = done.ok(),
                        payload = done ? QJsonValue(done.value()) : QJsonValue(done.error())] {
                        reply(guard, id, ok, payload);
                    });
            });
        });
    } else if (method == QLatin1String("subscribe") || method == QLatin1String("history")) {
        if (!m_telemetry) {
            reply(guard, id, false, QStringLiteral("this engine has no telemetry"));
            return;
        }
        if (method == QLatin1String("subscribe")) {
            m_telemetrySubscribers << guard;
            reply(guard, id, true, QStringLiteral("subscribed to telemetry"));
        } else {
            // The store is safe to read from this thread.
            reply(guard, id, true, m_telemetry->history(params.value(QStringLiteral("sinceMs")).toInteger()));
        }
    } else if (method == QLatin1String("down")) {
        QMetaObject::invokeMethod(lab, [this, lab, guard, id] {
            const QStringList problems = lab->down();
            QMetaObject::invokeMethod(this, [this, guard, id, problems] {
                reply(guard, id, problems.isEmpty(),
                    problems.isEmpty() ? QJsonValue(QStringLiteral("lab removed"))
                                       : QJsonValue(problems.join(QLatin1Char('\n'))));
                Q_EMIT labDown();
            });
        });
    } else {
        reply(guard, id, false,
            QStringLiteral(
                "unknown method \"%1\" (expected status, up, down, break, restore, exec, subscribe, history)")
                .arg(method));
    }
}

void EngineServer::reply(QPointer<QLocalSocket> client, const QJsonValue &id, bool ok, const QJsonValue &payload)
{
    if (!client)
        return;
    send(client,
        { { QStringLiteral("id"), id }, { QStringLiteral("ok"), ok },
            { ok ? QStringLiteral("result") : QStringLiteral("error"), payload } });
}

void EngineServer::broadcast(const QJsonObject &event)
{
    m_clients.removeAll(nullptr);
    for (const QPointer<QLocalSocket> &client : std::as_const(m_clients))
        send(client, event);
}

void EngineServer::send(QLocalSocket *client, const QJsonObject &message)
{
    client->write(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
    client->flush();
}

} // namespace mlab
