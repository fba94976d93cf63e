#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QObject>
#include <QString>

namespace mlab {

// One command the lab ran and what came of it: students read these to repeat
// the lab by hand, so the command text is exactly what was executed.
struct TranscriptEntry
{
    qint64 atMs = 0; // since the transcript started (monotonic)
    QString where; // "host", "switch", or a node name
    QString command;
    int exitCode = 0; // -1 when the command could not run at all
    QString output; // trimmed stdout/stderr or the switch's reply
    QString why;
};

// Thread-safe: node configuration runs on several threads at once.
class Transcript : public QObject
{
    Q_OBJECT
public:
    explicit Transcript(QObject *parent = nullptr);

    // Also append every entry, one line each, to this file (created 0600).
    bool setLogFile(const QString &path);
    void record(TranscriptEntry entry);
    void record(
        const QString &where, const QString &command, int exitCode, const QString &output, const QString &why = {});
    qint64 elapsedMs() const { return m_clock.elapsed(); }

Q_SIGNALS:
    void entryAdded(const mlab::TranscriptEntry &entry);

private:
    QMutex m_mutex;
    QElapsedTimer m_clock;
    QFile m_log;
};

QString formatTranscriptLine(const TranscriptEntry &entry);

} // namespace mlab

Q_DECLARE_METATYPE(mlab::TranscriptEntry)
