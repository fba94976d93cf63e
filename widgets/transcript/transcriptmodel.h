#pragma once

// Every command the lab ran (the engine's `transcript` method and event, entries as toJson(TranscriptEntry)),
// ordered by seq. The backlog fetch and the live topic overlap: an entry seen twice is kept once, and one
// older than the newest is inserted where it belongs. Bounded: the oldest rows go first.

#include "core/transcript.h"

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>

#include <deque>

namespace mlab {

class TranscriptModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxRows = 50000;
    enum Column { TimeColumn, WhereColumn, CommandColumn, ExitColumn, WhyColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw value: seq for the time, the exit code, the text otherwise
        SeqRole,
        WhereRole,
        CommandRole, // the command exactly as run (the display folds newlines)
        OutputRole,
        WhyRole,
        ExitCodeRole,
        FailedRole, // exitCode != 0
    };

    explicit TranscriptModel(QObject *parent = nullptr);

    void appendEntries(const QJsonArray &entries);
    void appendEntry(const QJsonObject &entry);
    void clear();

    // At most this many rows, the newest; a lower bound drops the oldest rows now.
    void setMaxRows(int maxRows);
    int maxRows() const { return m_maxRows; }

    const TranscriptEntry &entryAt(int row) const { return m_entries.at(size_t(row)); }
    qint64 lastSeq() const { return m_entries.empty() ? 0 : m_entries.back().seq; }
    // The time column counts from this entry's atMs: the lowest seq seen, even once it is dropped.
    qint64 originMs() const { return m_originMs; }

    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void insertSorted(std::vector<TranscriptEntry> incoming);
    void trimToMax();
    QVariant display(const TranscriptEntry &entry, int column) const;
    QString toolTip(const TranscriptEntry &entry) const;

    std::deque<TranscriptEntry> m_entries; // by seq, ascending
    int m_maxRows = DefaultMaxRows;
    qint64 m_originSeq = 0; // 0: no entry yet
    qint64 m_originMs = 0;
};

} // namespace mlab
