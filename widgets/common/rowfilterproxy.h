#pragma once

#include <QList>
#include <QSortFilterProxyModel>
#include <QString>

namespace mlab {

// What the tables of the app filter on: one node (or "host", "switch"), a search text, and optionally only
// the rows a flag marks (failed commands). Roles of the source model say where each is read; sorting uses
// the source's raw-value role, so 9.5 sorts below 10.2.
class RowFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    struct Roles
    {
        int sort = Qt::DisplayRole;
        int node = -1; // compared whole, on column 0
        QList<int> search; // case-insensitive substring in any of them, on column 0
        int flag = -1; // a bool, on column 0, for setOnlyFlagged()
    };

    explicit RowFilterProxy(Roles roles, QObject *parent = nullptr);

    void setNode(const QString &node); // empty: every node
    QString node() const { return m_node; }
    void setSearchText(const QString &text); // empty: every row
    QString searchText() const { return m_search; }
    void setOnlyFlagged(bool only);
    bool onlyFlagged() const { return m_onlyFlagged; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Roles m_roles;
    QString m_node;
    QString m_search;
    bool m_onlyFlagged = false;
};

} // namespace mlab
