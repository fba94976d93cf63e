#include "tables/subflowpanel.h"

#include "common/filteredtable.h"
#include "tables/endpointsview.h"
#include "tables/subflowtablemodel.h"

#include <QEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace mlab {

SubflowPanel::SubflowPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new SubflowTableModel(this))
    , m_table(new FilteredTable(m_model,
          { SubflowTableModel::SortRole, SubflowTableModel::NodeRole, { SubflowTableModel::SearchTextRole } }, this))
    , m_endpointsTitle(new QLabel(this))
    , m_endpoints(new EndpointsView(this))
{
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins({});
    bottomLayout->addWidget(m_endpointsTitle);
    bottomLayout->addWidget(m_endpoints);
    // Side by side: the subflow table keeps every row of the dock's height, the endpoints a column at its right.
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 3000, 1000 });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(splitter);

    connect(tableView()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            Q_EMIT currentSubflowChanged(current.data(SubflowTableModel::KeyRole).toString());
        });
    retranslateUi();
}

RowFilterProxy *SubflowPanel::proxy() const
{
    return m_table->proxy();
}

QTableView *SubflowPanel::tableView() const
{
    return m_table->view();
}

void SubflowPanel::setSubflows(const QJsonArray &table)
{
    m_model->setSubflows(table);
}

void SubflowPanel::setEndpoints(const QString &node, const QString &endpointShowOutput, const QString &limitsShowOutput)
{
    m_endpoints->setEndpoints(node, endpointShowOutput, limitsShowOutput);
}

void SubflowPanel::setLegacyEndpoints(const QString &node, const QString &multipathOutput)
{
    m_endpoints->setLegacyEndpoints(node, multipathOutput);
}

void SubflowPanel::setNodeFilter(const QString &node)
{
    m_table->setNode(node);
}

void SubflowPanel::setSearchText(const QString &text)
{
    m_table->setSearchText(text);
}

void SubflowPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SubflowPanel::retranslateUi()
{
    m_table->setAllNodesText(tr("All nodes"), tr("Show the subflows of one node only"));
    m_table->searchBox()->setPlaceholderText(tr("Search addresses, interfaces, states, reasons…"));
    m_endpointsTitle->setText(tr("MPTCP endpoints and limits of each node"));
    m_model->retranslate();
}

} // namespace mlab
