#pragma once

// Shared by the telemetry tests: the seed lab, fixtures, and the marker-line captures made for this area
// (telemetry-ss-break-sequence.txt, telemetry-counters-break.txt): "# comment", "@@break MS LINK",
// "@@restore MS LINK", then blocks that each start with "@@snap N MS" or "@@sample MS".

#include "testsupport.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

namespace mlab::test {

struct CaptureBlock
{
    qint64 atMs = 0;
    QByteArray text;
};

struct Capture
{
    qint64 breakAtMs = 0;
    qint64 restoreAtMs = 0;
    QString link;
    QList<CaptureBlock> blocks;
};

inline Capture readCapture(const char *name)
{
    Capture capture;
    for (const QByteArray &line : readFixture(name).split('\n')) {
        if (line.startsWith("# "))
            continue;
        if (line.startsWith("@@")) {
            const QList<QByteArray> words = line.simplified().split(' ');
            if (words.at(0) == "@@break") {
                capture.breakAtMs = words.at(1).toLongLong();
                capture.link = QString::fromLatin1(words.value(2));
            } else if (words.at(0) == "@@restore") {
                capture.restoreAtMs = words.at(1).toLongLong();
            } else {
                // "@@snap N MS" or "@@sample MS": the time is the last word.
                capture.blocks.append(CaptureBlock { words.last().toLongLong(), {} });
            }
            continue;
        }
        if (!capture.blocks.isEmpty())
            capture.blocks.last().text += line + '\n';
    }
    if (capture.blocks.isEmpty() || capture.breakAtMs == 0 || capture.restoreAtMs == 0)
        qFatal("fixture %s has no blocks or no @@break/@@restore line", name);
    return capture;
}

} // namespace mlab::test
