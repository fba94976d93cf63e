#include "core/transcript.h"

#include <QMutexLocker>

namespace mlab {

Transcript::Transcript(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<TranscriptEntry>();
    m_clock.start();
}

bool Transcript::setLogFile(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    m_log.close();
    m_log.setFileName(path);
    if (!m_log.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        return false;
    m_log.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

void Transcript::record(TranscriptEntry entry)
{
    {
        QMutexLocker lock(&m_mutex);
        entry.atMs = m_clock.elapsed();
        if (m_log.isOpen()) {
            m_log.write(formatTranscriptLine(entry).toUtf8() + '\n');
            m_log.flush();
        }
    }
    Q_EMIT entryAdded(entry);
}

void Transcript::record(
    const QString &where, const QString &command, int exitCode, const QString &output, const QString &why)
{
    record(TranscriptEntry { 0, where, command, exitCode, output, why });
}

QString formatTranscriptLine(const TranscriptEntry &entry)
{
    QString line = QStringLiteral("[%1.%2] %3$ %4")
                       .arg(entry.atMs / 1000, 3)
                       .arg(entry.atMs % 1000, 3, 10, QLatin1Char('0'))
                       .arg(entry.where, entry.command);
    if (entry.exitCode != 0)
        line += QStringLiteral("  => exit %1").arg(entry.exitCode);
    if (!entry.output.isEmpty())
        line += QStringLiteral("  | ") + QString(entry.output).replace(QLatin1Char('\n'), QStringLiteral(" | "));
    return line;
}

} // namespace mlab
