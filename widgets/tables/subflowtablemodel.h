#pragma once

// The engine's subflow table (the `telemetry` event's `subflows`, rows as toJson(SubflowInfo)) as a table
// model. A new table arrives every 200 ms while anything changes: rows are matched by `key` and updated in
// place, so the view keeps its selection and scroll position.

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace mlab {

class SubflowTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NodeColumn,
        TokenColumn,
        LocalColumn,
        RemoteColumn,
        InterfaceColumn,
        PathColumn,
        IdsColumn,
        BackupColumn,
        StateColumn,
        HealthColumn,
        RateColumn,
        RttColumn,
        RtoColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value of the cell (bits/s, ms, ids, ...), for QSortFilterProxyModel
        KeyRole, // the row's `key`, on every column
        NodeRole, // the row's `node`, on every column
        HealthRole, // "active", "stalled" or "closed", on every column
        ReasonRole, // the row's `reason`, empty when the engine gave none
        SearchTextRole, // every shown cell of the row, for a search box
    };

    explicit SubflowTableModel(QObject *parent = nullptr);

    // The whole table as the engine sends it: rows matched by `key`; new keys inserted, gone keys removed,
    // dataChanged only for the cells whose shown or sorted value changed.
    void setSubflows(const QJsonArray &table);
    void clear();

    int rowOfKey(const QString &key) const; // -1 when absent
    QJsonObject subflowAt(int row) const; // the row as the engine sent it

    // Header and cell words are translated when asked for: after a language change, this tells the views.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QJsonObject json;
        QString key;
        QString node;
        QString health;
        QString reason;
    };

    static Row makeRow(const QJsonObject &json);
    QVariant display(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;
    QString toolTip(const Row &row, int column) const;
    QString stateLabel(const Row &row) const;
    void updateRow(int row, Row next);
    void rebuildIndex();

    QList<Row> m_rows;
    QHash<QString, int> m_rowOfKey;
};

} // namespace mlab
