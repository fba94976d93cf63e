#pragma once

// What every table of the app has: a choice of node and a search box above a plain QTableView, through a
// RowFilterProxy. A node is offered as soon as a row shows it.

#include "common/rowfilterproxy.h"

#include <QSet>
#include <QString>
#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QHBoxLayout;
class QLineEdit;
class QTableView;

namespace mlab {

class FilteredTable : public QWidget
{
    Q_OBJECT
public:
    FilteredTable(QAbstractItemModel *source, RowFilterProxy::Roles roles, QWidget *parent = nullptr);

    RowFilterProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }

    // The first choice, which filters nothing ("All nodes", "Everywhere"): the owner words and translates it.
    void setAllNodesText(const QString &text, const QString &toolTip);
    void addFilterWidget(QWidget *widget); // after the search box

    void setNode(const QString &node); // empty: every node; one not offered yet is added
    void setSearchText(const QString &text);

private:
    void offerNode(const QString &node);

    RowFilterProxy *m_proxy;
    QComboBox *m_nodes;
    QLineEdit *m_search;
    QHBoxLayout *m_filters;
    QTableView *m_view;
    QSet<QString> m_offered;
};

} // namespace mlab
