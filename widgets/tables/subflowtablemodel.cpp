#include "tables/subflowtablemodel.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QHostAddress>
#include <QLocale>
#include <QPalette>
#include <QStyle>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

QString endpoint(const QJsonObject &json, QStringView addressKey, QStringView portKey)
{
    const QString address = json.value(addressKey).toString();
    const int port = json.value(portKey).toInt();
    return address.contains(u':') ? u"[%1]:%2"_s.arg(address).arg(port) : u"%1:%2"_s.arg(address).arg(port);
}

// Numeric address order (10.168.2.1 before 10.168.10.1), IPv4 and IPv6 in one space, then the port.
QString endpointSortKey(const QJsonObject &json, QStringView addressKey, QStringView portKey)
{
    const QString address = json.value(addressKey).toString();
    const QHostAddress parsed(address);
    const QString port = u"%1"_s.arg(json.value(portKey).toInt(), 5, 10, QChar(u'0'));
    if (parsed.isNull())
        return address + u'|' + port;
    const Q_IPV6ADDR bytes = parsed.toIPv6Address(); // IPv4 comes back as ::ffff:a.b.c.d
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes.c), 16).toHex()) + u'|' + port;
}

int healthRank(const QString &health)
{
    if (health == u"stalled"_s)
        return 1;
    if (health == u"closed"_s)
        return 2;
    return 0;
}

double rateOf(const QJsonObject &json)
{
    return json.value(u"txBitsPerSecond"_s).toDouble() + json.value(u"rxBitsPerSecond"_s).toDouble();
}

// MP_JOIN flags in `ss -M`'s tcp-ulp-mptcp line: J (join sent) or j (join received); the initial subflow has M.
bool isJoin(const QJsonObject &json)
{
    return json.value(u"flags"_s).toString().contains(u'j', Qt::CaseInsensitive);
}

bool isNumericColumn(int column)
{
    return column == SubflowTableModel::IdsColumn || column == SubflowTableModel::RateColumn
        || column == SubflowTableModel::RttColumn || column == SubflowTableModel::RtoColumn;
}

} // namespace

SubflowTableModel::SubflowTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

SubflowTableModel::Row SubflowTableModel::makeRow(const QJsonObject &json)
{
    return Row { json, json.value(u"key"_s).toString(), json.value(u"node"_s).toString(),
        json.value(u"health"_s).toString(), json.value(u"reason"_s).toString() };
}

void SubflowTableModel::setSubflows(const QJsonArray &table)
{
    QList<Row> incoming;
    QHash<QString, int> incomingIndex;
    incoming.reserve(table.size());
    for (const QJsonValue &value : table) {
        Row row = makeRow(value.toObject());
        if (row.key.isEmpty() || incomingIndex.contains(row.key))
            continue;
        incomingIndex.insert(row.key, int(incoming.size()));
        incoming.append(std::move(row));
    }

    // Gone rows, removed from the bottom up in contiguous runs so the indices above stay valid.
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (incomingIndex.contains(m_rows.at(last).key)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !incomingIndex.contains(m_rows.at(first - 1).key))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    rebuildIndex();

    QList<Row> added;
    for (Row &row : incoming) {
        const int existing = m_rowOfKey.value(row.key, -1);
        if (existing >= 0)
            updateRow(existing, std::move(row));
        else
            added.append(std::move(row));
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows.append(std::move(added));
        rebuildIndex();
        endInsertRows();
    }
}

void SubflowTableModel::clear()
{
    setSubflows({});
}

void SubflowTableModel::updateRow(int row, Row next)
{
    const Row &old = m_rows.at(row);
    // Health and reason colour, mark and explain the whole row.
    const bool wholeRow = old.health != next.health || old.reason != next.reason;
    QList<bool> changed(ColumnCount, wholeRow);
    if (!wholeRow) {
        for (int column = 0; column < ColumnCount; ++column) {
            changed[column] = display(old, column) != display(next, column)
                || sortValue(old, column) != sortValue(next, column) || toolTip(old, column) != toolTip(next, column);
        }
    }
    m_rows[row] = std::move(next);
    // One signal per run of changed cells: a rate tick touches two or three cells, not the row.
    for (int first = 0; first < ColumnCount; ++first) {
        if (!changed.at(first))
            continue;
        int last = first;
        while (last + 1 < ColumnCount && changed.at(last + 1))
            ++last;
        Q_EMIT dataChanged(index(row, first), index(row, last));
        first = last;
    }
}

void SubflowTableModel::rebuildIndex()
{
    m_rowOfKey.clear();
    m_rowOfKey.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOfKey.insert(m_rows.at(i).key, i);
}

int SubflowTableModel::rowOfKey(const QString &key) const
{
    return m_rowOfKey.value(key, -1);
}

QJsonObject SubflowTableModel::subflowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).json : QJsonObject();
}

void SubflowTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int SubflowTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SubflowTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SubflowTableModel::stateLabel(const Row &row) const
{
    const QString state = row.json.value(u"state"_s).toString();
    if (state != u"SYN-SENT"_s || !isJoin(row.json))
        return state;
    // The join's SYN got no answer: on VLAN-isolated paths a fullmesh cross pair stays like this for good.
    if (row.health == u"active"_s)
        return tr("SYN-SENT (join in progress)");
    return tr("SYN-SENT (join never completed)");
}

QVariant SubflowTableModel::display(const Row &row, int column) const
{
    const QJsonObject &j = row.json;
    const QLocale locale;
    switch (column) {
    case NodeColumn:
        return row.node;
    case TokenColumn:
        return j.value(u"token"_s).toString();
    case LocalColumn:
        return endpoint(j, u"localAddress", u"localPort");
    case RemoteColumn:
        return endpoint(j, u"remoteAddress", u"remotePort");
    case InterfaceColumn:
        return j.value(u"interface"_s).toString();
    case PathColumn:
        return j.value(u"path"_s).toString();
    case IdsColumn: {
        const auto id = [](int v) { return v < 0 ? u"?"_s : QString::number(v); };
        //: local address id / remote address id of an MPTCP subflow
        return tr("%1 / %2").arg(id(j.value(u"localId"_s).toInt(-1)), id(j.value(u"remoteId"_s).toInt(-1)));
    }
    case BackupColumn:
        return j.value(u"backup"_s).toBool() ? tr("backup") : QString();
    case StateColumn:
        return stateLabel(row);
    case HealthColumn:
        if (row.health == u"stalled"_s)
            return tr("stalled");
        if (row.health == u"closed"_s)
            return tr("closed");
        return row.health == u"active"_s ? tr("active") : row.health;
    case RateColumn:
        return locale.toString(rateOf(j) / 1e6, 'f', 1);
    case RttColumn: {
        const double rtt = j.value(u"rttMs"_s).toDouble();
        // ss prints no rtt before the first ACK (a SYN-SENT join): nothing measured, not 0 ms.
        return rtt > 0 ? tr("%1 ms").arg(locale.toString(rtt, 'g', 3)) : QString();
    }
    case RtoColumn: {
        const QString rto = locale.toString(j.value(u"rtoMs"_s).toDouble(), 'f', 0);
        const int backoff = j.value(u"backoff"_s).toInt();
        return backoff > 0 ? tr("%1 ms, backoff %2").arg(rto).arg(backoff) : tr("%1 ms").arg(rto);
    }
    case ReasonColumn:
        return row.reason;
    }
    return {};
}

QVariant SubflowTableModel::sortValue(const Row &row, int column) const
{
    const QJsonObject &j = row.json;
    switch (column) {
    case LocalColumn:
        return endpointSortKey(j, u"localAddress", u"localPort");
    case RemoteColumn:
        return endpointSortKey(j, u"remoteAddress", u"remotePort");
    case IdsColumn:
        return j.value(u"localId"_s).toInt(-1) * 1000 + j.value(u"remoteId"_s).toInt(-1);
    case BackupColumn:
        return int(j.value(u"backup"_s).toBool());
    case StateColumn:
        return j.value(u"state"_s).toString();
    case HealthColumn:
        return healthRank(row.health);
    case RateColumn:
        return rateOf(j);
    case RttColumn:
        return j.value(u"rttMs"_s).toDouble();
    case RtoColumn:
        return j.value(u"rtoMs"_s).toDouble();
    default:
        return display(row, column); // text columns sort as their text
    }
}

QString SubflowTableModel::toolTip(const Row &row, int column) const
{
    if (row.health == u"stalled"_s) {
        if (!row.reason.isEmpty())
            return tr("Stalled: %1").arg(row.reason);
        // Engines before `reason` only say "stalled": give the rule the health comes from.
        return tr("Stalled: data outstanding without acknowledged progress, retransmission backoff, "
                  "or a handshake not answered");
    }
    if (row.health == u"closed"_s)
        return tr("Closed: gone from ss, or past ESTAB; kept for a few seconds before it disappears");
    if (column == TokenColumn) {
        return tr("Local token %1, remote token %2")
            .arg(row.json.value(u"token"_s).toString(), row.json.value(u"remoteToken"_s).toString());
    }
    if (column == StateColumn)
        return tr("MPTCP flags: %1").arg(row.json.value(u"flags"_s).toString());
    return row.reason;
}

QVariant SubflowTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    const bool stalled = row.health == u"stalled"_s;
    const bool closed = row.health == u"closed"_s;
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case SortRole:
        return sortValue(row, column);
    case Qt::ToolTipRole: {
        const QString tip = toolTip(row, column);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case KeyRole:
        return row.key;
    case NodeRole:
        return row.node;
    case HealthRole:
        return row.health;
    case ReasonRole:
        return row.reason;
    case SearchTextRole: {
        QStringList cells;
        for (int c = 0; c < ColumnCount; ++c)
            cells << display(row, c).toString();
        return cells.join(u'\n');
    }
    case Qt::BackgroundRole:
        // A fixed light tint with a fixed dark text colour below, so it reads on light and dark themes alike.
        return stalled ? QVariant(QBrush(QColor(0xff, 0xdc, 0xc8))) : QVariant();
    case Qt::ForegroundRole:
        if (stalled)
            return QBrush(QColor(0x8b, 0x1a, 0x00));
        if (closed)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::DecorationRole:
        // Not only colour: the health cell carries an icon too.
        if (column == HealthColumn && stalled)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::TextAlignmentRole:
        return isNumericColumn(column) ? QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter))
                                       : QVariant();
    default:
        return {};
    }
}

QVariant SubflowTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NodeColumn:
        return tr("Node");
    case TokenColumn:
        return role == Qt::ToolTipRole ? tr("The MPTCP connection's local token") : tr("Token");
    case LocalColumn:
        return tr("Local");
    case RemoteColumn:
        return tr("Remote");
    case InterfaceColumn:
        return tr("Interface");
    case PathColumn:
        return tr("Path");
    case IdsColumn:
        return role == Qt::ToolTipRole ? tr("Local and remote MPTCP address ids") : tr("IDs");
    case BackupColumn:
        return tr("Backup");
    case StateColumn:
        return role == Qt::ToolTipRole ? tr("TCP state of the subflow, as ss prints it") : tr("State");
    case HealthColumn:
        return tr("Health");
    case RateColumn:
        return role == Qt::ToolTipRole ? tr("Sent plus received, in Mbit/s") : tr("Mbit/s");
    case RttColumn:
        return tr("RTT");
    case RtoColumn:
        return role == Qt::ToolTipRole ? tr("Retransmission timeout, and its backoff count") : tr("RTO");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}

} // namespace mlab
