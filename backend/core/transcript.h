#pragma once

#include "core/result.h"

#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

#include <deque>

namespace mlab {

// One command the lab ran and what came of it: students read these to repeat
// the lab by hand, so the command text is exactly what was executed.
struct TranscriptEntry
{
    qint64 seq = 0; // 1, 2, 3 ... in the order entries were recorded
    qint64 atMs = 0; // CLOCK_MONOTONIC ms: the clock of samples, events and clicks
    QString where; // "host", "switch", or a node name
    QString command;
    int exitCode = 0; // -1 when the command could not run at all
    QString output; // trimmed stdout/stderr or the switch's reply
    QString why;
};

// Thread-safe: node configuration runs on several threads at once. Keeps the
// newest entries in memory for clients that attach late; the log file has all.
class Transcript : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultKeep = 5000;
    explicit Transcript(int keep = DefaultKeep, QObject *parent = nullptr);

    // Also append every entry, one line each, to this file (created 0600).
    Status setLogFile(const QString &path);
    void record(TranscriptEntry entry);
    void record(
        const QString &where, const QString &command, int exitCode, const QString &output, const QString &why = {});

    // Entries with seq > afterSeq, oldest first, at most limit. *complete is false when older ones were dropped.
    QList<TranscriptEntry> entriesAfter(qint64 afterSeq, int limit, bool *complete = nullptr) const;
    qint64 lastSeq() const;

Q_SIGNALS:
    void entryAdded(const mlab::TranscriptEntry &entry);

private:
    mutable QMutex m_mutex;
    QFile m_log;
    std::deque<TranscriptEntry> m_entries;
    int m_keep;
    qint64 m_lastSeq = 0;
};

QString formatTranscriptLine(const TranscriptEntry &entry);
// {seq, atMs, where, command, exitCode, output, why}: an entry as the engine API sends it.
QJsonObject toJson(const TranscriptEntry &entry);

} // namespace mlab

Q_DECLARE_METATYPE(mlab::TranscriptEntry)
