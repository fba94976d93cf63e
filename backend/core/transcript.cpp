#include "core/transcript.h"

#include "core/monotonicclock.h"

#include <QMutexLocker>

namespace mlab {

Transcript::Transcript(int keep, QObject *parent)
    : QObject(parent)
    , m_keep(keep)
{
    qRegisterMetaType<TranscriptEntry>();
}

Status Transcript::setLogFile(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    m_log.close();
    m_log.setFileName(path);
    if (!m_log.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        return fail(QStringLiteral("cannot write the transcript log %1: %2").arg(path, m_log.errorString()));
    m_log.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

void Transcript::record(TranscriptEntry entry)
{
    {
        QMutexLocker lock(&m_mutex);
        entry.seq = ++m_lastSeq;
        entry.atMs = monotonicMs();
        if (m_log.isOpen()) {
            m_log.write(formatTranscriptLine(entry).toUtf8() + '\n');
            m_log.flush();
        }
        m_entries.push_back(entry);
        if (int(m_entries.size()) > m_keep)
            m_entries.pop_front();
    }
    Q_EMIT entryAdded(entry);
}

QList<TranscriptEntry> Transcript::entriesAfter(qint64 afterSeq, int limit, bool *complete) const
{
    QMutexLocker lock(&m_mutex);
    QList<TranscriptEntry> found;
    if (complete)
        *complete = m_entries.empty() || m_entries.front().seq <= afterSeq + 1;
    // seq grows by one per entry: the first wanted one sits at a known offset.
    const qint64 first = m_entries.empty() ? 0 : m_entries.front().seq;
    for (auto it = m_entries.cbegin() + std::clamp<qint64>(afterSeq + 1 - first, 0, qint64(m_entries.size()));
         it != m_entries.cend() && found.size() < limit; ++it)
        found << *it;
    return found;
}

qint64 Transcript::lastSeq() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastSeq;
}

void Transcript::record(
    const QString &where, const QString &command, int exitCode, const QString &output, const QString &why)
{
    record(TranscriptEntry { 0, 0, where, command, exitCode, output, why });
}

QString formatTranscriptLine(const TranscriptEntry &entry)
{
    QString line = QStringLiteral("[%1.%2] %3$ %4")
                       .arg(entry.atMs / 1000)
                       .arg(entry.atMs % 1000, 3, 10, QLatin1Char('0'))
                       .arg(entry.where, entry.command);
    if (entry.exitCode != 0)
        line += QStringLiteral("  => exit %1").arg(entry.exitCode);
    if (!entry.output.isEmpty())
        line += QStringLiteral("  | ") + QString(entry.output).replace(QLatin1Char('\n'), QStringLiteral(" | "));
    return line;
}

QJsonObject toJson(const TranscriptEntry &entry)
{
    return { { QStringLiteral("seq"), entry.seq }, { QStringLiteral("atMs"), entry.atMs },
        { QStringLiteral("where"), entry.where }, { QStringLiteral("command"), entry.command },
        { QStringLiteral("exitCode"), entry.exitCode }, { QStringLiteral("output"), entry.output },
        { QStringLiteral("why"), entry.why } };
}

} // namespace mlab
