#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocalSocket>
#include <QString>

namespace mlab {

// A QEMU Machine Protocol client over the VM's unix socket: greeting, qmp_capabilities, then one command at a
// time, skipping the asynchronous events QEMU interleaves with replies. Blocking with timeouts (the lab thread).
// QEMU serves one QMP client at a time: connect, ask, and let the object go.
class QmpClient
{
public:
    Status connectTo(const QString &socketPath, int timeoutMs = 2000);
    // The command's "return" value; an "error" reply fails with QEMU's own description.
    Result<QJsonValue> execute(const QString &command, const QJsonObject &arguments = {}, int timeoutMs = 3000);

    // One call on a fresh connection.
    static Result<QJsonValue> call(
        const QString &socketPath, const QString &command, const QJsonObject &arguments = {}, int timeoutMs = 3000);

private:
    Result<QJsonObject> readMessage(int timeoutMs);

    QLocalSocket m_socket;
    QByteArray m_buffer;
    QString m_path;
};

} // namespace mlab
