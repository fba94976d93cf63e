#pragma once

// The consoleLog API method's file work: where a QEMU node's serial console log is, and its newest bytes.

#include "core/result.h"

#include <QJsonObject>
#include <QString>

namespace mlab {

class RuntimeDir;

struct LogTail
{
    QString text; // the newest bytes, from the start of a line when the file is longer
    qint64 sizeBytes = 0; // the whole file's
    bool truncated = false; // older lines were left out

    QJsonObject toJson() const;
};

// QEMU writes a VM's serial console to console.log in the node's private directory (QemuNode::consoleLog();
// labplan.cpp reads the host key from the same file).
QString consoleLogPath(const RuntimeDir &dir, const QString &node);

// At most maxBytes from the end of the regular file at path; fails, naming the file and why, for a missing,
// unreadable or non-regular file (a symlink is refused: the engine reads as root).
Result<LogTail> readLogTail(const QString &path, qint64 maxBytes);

} // namespace mlab
