#include "engine/consolelog.h"

#include "engine/runtimedir.h"
#include "nodes/qemunode.h"

#include <QFile>
#include <QFileInfo>

namespace mlab {

QJsonObject LogTail::toJson() const
{
    return { { QStringLiteral("text"), text }, { QStringLiteral("sizeBytes"), sizeBytes },
        { QStringLiteral("truncated"), truncated } };
}

QString consoleLogPath(const RuntimeDir &dir, const QString &node)
{
    return QemuNode::consoleLogIn(dir.nodeDir(node));
}

Result<LogTail> readLogTail(const QString &path, qint64 maxBytes)
{
    const QFileInfo info(path);
    if (info.isSymLink() || (info.exists() && !info.isFile()))
        return fail(QStringLiteral("%1 is not a regular file").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    LogTail tail;
    tail.sizeBytes = file.size();
    const qint64 start = qMax<qint64>(0, tail.sizeBytes - maxBytes);
    if (!file.seek(start))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QByteArray bytes = file.read(maxBytes);
    if (start > 0) {
        // The cut falls inside a line (or inside a UTF-8 sequence): begin at the next whole line.
        const qsizetype newline = bytes.indexOf('\n');
        bytes.remove(0, newline < 0 ? 0 : newline + 1);
        tail.truncated = true;
    }
    tail.text = QString::fromUtf8(bytes);
    return tail;
}

} // namespace mlab
