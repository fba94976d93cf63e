#include "transcript/transcriptmodel.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QStyle>

#include <algorithm>
#include <optional>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

// A tooltip is laid out in full before it shows: a long `ss` dump would freeze the view for a moment.
constexpr qsizetype ToolTipChars = 2000;

bool failed(const TranscriptEntry &entry)
{
    return entry.exitCode != 0;
}

bool bySeq(const TranscriptEntry &a, const TranscriptEntry &b)
{
    return a.seq < b.seq;
}

std::optional<TranscriptEntry> entryFromJson(const QJsonObject &json)
{
    const qint64 seq = json.value(u"seq"_s).toInteger();
    if (seq <= 0)
        return std::nullopt;
    return TranscriptEntry { seq, json.value(u"atMs"_s).toInteger(), json.value(u"where"_s).toString(),
        json.value(u"command"_s).toString(), json.value(u"exitCode"_s).toInt(), json.value(u"output"_s).toString(),
        json.value(u"why"_s).toString() };
}

} // namespace

TranscriptModel::TranscriptModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void TranscriptModel::appendEntries(const QJsonArray &entries)
{
    std::vector<TranscriptEntry> incoming;
    incoming.reserve(size_t(entries.size()));
    for (const QJsonValue &value : entries) {
        if (std::optional<TranscriptEntry> entry = entryFromJson(value.toObject()))
            incoming.push_back(std::move(*entry));
    }
    insertSorted(std::move(incoming));
}

void TranscriptModel::appendEntry(const QJsonObject &entry)
{
    if (std::optional<TranscriptEntry> parsed = entryFromJson(entry))
        insertSorted({ std::move(*parsed) });
}

void TranscriptModel::insertSorted(std::vector<TranscriptEntry> incoming)
{
    std::stable_sort(incoming.begin(), incoming.end(), bySeq);
    incoming.erase(std::unique(incoming.begin(), incoming.end(),
                       [](const TranscriptEntry &a, const TranscriptEntry &b) { return a.seq == b.seq; }),
        incoming.end());
    if (incoming.empty())
        return;

    const bool hadRows = !m_entries.empty();
    const bool newOrigin = m_originSeq == 0 || incoming.front().seq < m_originSeq;
    if (newOrigin) {
        m_originSeq = incoming.front().seq;
        m_originMs = incoming.front().atMs;
    }

    // What the bound would drop at once is not inserted at all: the newest m_maxRows of this batch, and
    // when the model is full, nothing older than its oldest row.
    if (incoming.size() > size_t(m_maxRows))
        incoming.erase(incoming.begin(), incoming.end() - m_maxRows);
    const bool full = m_entries.size() >= size_t(m_maxRows);
    const qint64 oldest = m_entries.empty() ? 0 : m_entries.front().seq;
    const qint64 newest = lastSeq();

    // Entries older than the newest row (the backlog arriving after live entries): grouped by where they go,
    // inserted from the bottom up so each group's position stays valid, one signal per group.
    const auto tail = std::upper_bound(incoming.begin(), incoming.end(), newest,
        [](qint64 seq, const TranscriptEntry &entry) { return seq < entry.seq; });
    for (auto groupEnd = tail; groupEnd != incoming.begin();) {
        const auto pos = std::lower_bound(m_entries.begin(), m_entries.end(), *(groupEnd - 1), bySeq);
        auto groupBegin = groupEnd - 1;
        while (groupBegin != incoming.begin()
            && std::lower_bound(m_entries.begin(), m_entries.end(), *(groupBegin - 1), bySeq) == pos)
            --groupBegin;
        // Only the group's last entry can be *pos itself: kept once. And what the bound would drop at once.
        std::vector<TranscriptEntry> group;
        for (auto it = groupBegin; it != groupEnd; ++it) {
            const bool present = pos != m_entries.end() && pos->seq == it->seq;
            if (!present && !(full && it->seq < oldest))
                group.push_back(std::move(*it));
        }
        groupEnd = groupBegin;
        if (group.empty())
            continue;
        const int row = int(pos - m_entries.begin());
        beginInsertRows({}, row, row + int(group.size()) - 1);
        m_entries.insert(pos, std::make_move_iterator(group.begin()), std::make_move_iterator(group.end()));
        endInsertRows();
    }

    // The usual case: live entries after the newest row, one signal for the batch.
    if (tail != incoming.end()) {
        const int first = int(m_entries.size());
        beginInsertRows({}, first, first + int(incoming.end() - tail) - 1);
        m_entries.insert(m_entries.end(), std::make_move_iterator(tail), std::make_move_iterator(incoming.end()));
        endInsertRows();
    }

    if (newOrigin && hadRows)
        Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), { Qt::DisplayRole });
    trimToMax();
}

void TranscriptModel::trimToMax()
{
    if (m_entries.size() <= size_t(m_maxRows))
        return;
    const int excess = int(m_entries.size()) - m_maxRows;
    beginRemoveRows({}, 0, excess - 1);
    m_entries.erase(m_entries.begin(), m_entries.begin() + excess);
    endRemoveRows();
}

void TranscriptModel::setMaxRows(int maxRows)
{
    m_maxRows = std::max(1, maxRows);
    trimToMax();
}

void TranscriptModel::clear()
{
    if (m_entries.empty())
        return;
    beginRemoveRows({}, 0, rowCount() - 1);
    m_entries.clear();
    endRemoveRows();
    m_originSeq = 0;
    m_originMs = 0;
}

void TranscriptModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int TranscriptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int TranscriptModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TranscriptModel::display(const TranscriptEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        //: seconds since the lab's first command
        return tr("%1 s").arg(QLocale().toString(double(entry.atMs - m_originMs) / 1000.0, 'f', 3));
    case WhereColumn:
        return entry.where;
    case CommandColumn: {
        // A here-document spans lines; one table row shows it on one.
        QString command = entry.command;
        return command.replace(u'\n', u" ↵ "_s);
    }
    case ExitColumn:
        if (entry.exitCode == 0)
            return u"0"_s;
        // -1: the engine could not start it, or killed it on a timeout (the output says which).
        return entry.exitCode == -1 ? tr("did not run") : tr("failed (%1)").arg(entry.exitCode);
    case WhyColumn:
        return entry.why;
    }
    return {};
}

QString TranscriptModel::toolTip(const TranscriptEntry &entry) const
{
    if (entry.output.isEmpty())
        return tr("No output");
    if (entry.output.size() <= ToolTipChars)
        return entry.output;
    return tr("%1\n… (the whole output is in the detail pane)").arg(entry.output.left(ToolTipChars));
}

QVariant TranscriptModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TranscriptEntry &entry = m_entries.at(size_t(index.row()));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(entry, column);
    case SortRole:
        if (column == TimeColumn)
            return entry.seq;
        if (column == ExitColumn)
            return entry.exitCode;
        return column == CommandColumn ? entry.command : display(entry, column);
    case Qt::ToolTipRole:
        return toolTip(entry);
    case SeqRole:
        return entry.seq;
    case WhereRole:
        return entry.where;
    case CommandRole:
        return entry.command;
    case OutputRole:
        return entry.output;
    case WhyRole:
        return entry.why;
    case ExitCodeRole:
        return entry.exitCode;
    case FailedRole:
        return failed(entry);
    case Qt::BackgroundRole:
        return failed(entry) ? QVariant(QBrush(QColor(0xff, 0xdc, 0xdc))) : QVariant();
    case Qt::ForegroundRole:
        return failed(entry) ? QVariant(QBrush(QColor(0x8b, 0x00, 0x00))) : QVariant();
    case Qt::DecorationRole:
        // Not only colour: a failed command's exit cell has an icon and says "failed".
        if (column == ExitColumn && failed(entry))
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        return {};
    case Qt::TextAlignmentRole:
        return column == TimeColumn ? QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter))
                                    : QVariant();
    default:
        return {};
    }
}

QVariant TranscriptModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case WhereColumn:
        return tr("Where");
    case CommandColumn:
        return tr("Command");
    case ExitColumn:
        return tr("Exit status");
    case WhyColumn:
        return tr("Why");
    }
    return {};
}

} // namespace mlab
