#include "common/filteredtable.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace mlab {

FilteredTable::FilteredTable(QAbstractItemModel *source, RowFilterProxy::Roles roles, QWidget *parent)
    : QWidget(parent)
    , m_proxy(new RowFilterProxy(roles, this))
    , m_nodes(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_filters(new QHBoxLayout)
    , m_view(new QTableView(this))
{
    m_proxy->setSourceModel(source);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights: with tens of thousands of rows, measuring each one would make appending slow.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_search->setClearButtonEnabled(true);
    m_nodes->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_nodes->addItem(QString());

    m_filters->addWidget(m_nodes);
    m_filters->addWidget(m_search, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addLayout(m_filters);
    layout->addWidget(m_view);

    connect(m_nodes, &QComboBox::currentIndexChanged, this,
        [this](int index) { m_proxy->setNode(m_nodes->itemData(index).toString()); });
    connect(m_search, &QLineEdit::textChanged, m_proxy, &RowFilterProxy::setSearchText);
    // Choices only grow: a node whose rows went may get new ones, and the user's choice must not jump.
    connect(source, &QAbstractItemModel::rowsInserted, this,
        [this, source, role = roles.node](const QModelIndex &parent, int first, int last) {
            for (int row = first; row <= last; ++row)
                offerNode(source->index(row, 0, parent).data(role).toString());
        });
}

void FilteredTable::setAllNodesText(const QString &text, const QString &toolTip)
{
    m_nodes->setItemText(0, text);
    m_nodes->setToolTip(toolTip);
}

void FilteredTable::addFilterWidget(QWidget *widget)
{
    m_filters->addWidget(widget);
}

void FilteredTable::offerNode(const QString &node)
{
    if (node.isEmpty() || m_offered.contains(node))
        return;
    m_offered.insert(node);
    m_nodes->addItem(node, node);
}

void FilteredTable::setNode(const QString &node)
{
    offerNode(node);
    m_nodes->setCurrentIndex(node.isEmpty() ? 0 : m_nodes->findData(node));
}

void FilteredTable::setSearchText(const QString &text)
{
    m_search->setText(text);
}

} // namespace mlab
