#include "tables/endpointsview.h"

#include "mptcp/endpoints.h"

#include <QEvent>
#include <QHeaderView>
#include <QStandardItemModel>

namespace mlab {

namespace {

QList<QStandardItem *> endpointRow(
    const QString &address, int id, const QStringList &flags, const QString &dev, int port)
{
    QList<QStandardItem *> row;
    for (int column = 0; column < EndpointsView::ColumnCount; ++column) {
        auto *item = new QStandardItem;
        item->setEditable(false);
        row << item;
    }
    row[EndpointsView::AddressColumn]->setText(address);
    row[EndpointsView::IdColumn]->setData(id, Qt::DisplayRole);
    row[EndpointsView::FlagsColumn]->setText(flags.join(QLatin1Char(' ')));
    row[EndpointsView::DeviceColumn]->setText(dev);
    if (port != 0)
        row[EndpointsView::PortColumn]->setData(port, Qt::DisplayRole);
    return row;
}

} // namespace

EndpointsView::EndpointsView(QWidget *parent)
    : QTreeView(parent)
    , m_model(new QStandardItemModel(0, ColumnCount, this))
{
    setModel(m_model);
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    retranslateUi();
}

QStandardItem *EndpointsView::nodeItem(const QString &node) const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row)->data(Qt::UserRole).toString() == node)
            return m_model->item(row);
    }
    return nullptr;
}

QStandardItem *EndpointsView::takeNodeRow(const QString &node)
{
    // The node's row stays where it is and keeps its expanded state; only its children are replaced.
    if (QStandardItem *item = nodeItem(node)) {
        item->removeRows(0, item->rowCount());
        return item;
    }
    auto *item = new QStandardItem;
    item->setEditable(false);
    item->setData(node, Qt::UserRole);
    m_model->appendRow(item);
    setFirstColumnSpanned(item->row(), {}, true);
    expand(item->index());
    return item;
}

void EndpointsView::setNodeSummary(QStandardItem *item, const QString &summary, int skipped)
{
    if (skipped == 0) {
        item->setText(summary);
        item->setToolTip({});
        return;
    }
    // A garbled line (a killed ssh, a newer iproute2) is skipped by the parser, and said here.
    item->setText(tr("%1 (%n line(s) not understood)", nullptr, skipped).arg(summary));
    item->setToolTip(tr("The node printed %n line(s) this version does not understand", nullptr, skipped));
}

void EndpointsView::setEndpoints(
    const QString &node, const QString &endpointShowOutput, const QString &limitsShowOutput)
{
    const Parsed<QList<MptcpEndpoint>> endpoints = parseEndpoints(endpointShowOutput.toUtf8());
    const Parsed<MptcpLimits> limits = parseLimits(limitsShowOutput.toUtf8());
    QStandardItem *item = takeNodeRow(node);
    for (const MptcpEndpoint &endpoint : endpoints.value)
        item->appendRow(endpointRow(endpoint.address, endpoint.id, endpoint.flags, endpoint.dev, endpoint.port));

    QStringList parts;
    if (endpoints.value.isEmpty())
        parts << tr("no endpoints");
    if (limits.value.subflows)
        parts << tr("at most %1 extra subflows").arg(*limits.value.subflows);
    if (limits.value.addAddrAccepted)
        parts << tr("accepts %1 ADD_ADDR").arg(*limits.value.addAddrAccepted);
    //: node name, then what its path manager is set to, e.g. "NodeA: at most 8 extra subflows, accepts 8 ADD_ADDR"
    const QString summary = parts.isEmpty() ? node : tr("%1: %2").arg(node, parts.join(tr(", ")));
    setNodeSummary(item, summary, endpoints.skipped + limits.skipped);
    expand(item->index());
}

void EndpointsView::setLegacyEndpoints(const QString &node, const QString &multipathOutput)
{
    const Parsed<QList<LegacyAddress>> table = parseMultipathTable(multipathOutput.toUtf8());
    QStandardItem *item = takeNodeRow(node);
    for (const LegacyAddress &address : table.value) {
        item->appendRow(endpointRow(address.address, address.addressId,
            address.backup ? QStringList { tr("backup") } : QStringList {}, QString(), 0));
    }
    //: an out-of-tree MPTCP kernel has no endpoints or limits, only the fullmesh address table of `multipath -f`
    const QString summary = table.value.isEmpty() ? tr("%1: out-of-tree kernel, no addresses").arg(node)
                                                  : tr("%1: out-of-tree kernel, fullmesh addresses").arg(node);
    setNodeSummary(item, summary, table.skipped);
    expand(item->index());
}

void EndpointsView::removeNode(const QString &node)
{
    if (QStandardItem *item = nodeItem(node))
        m_model->removeRow(item->row());
}

void EndpointsView::clear()
{
    m_model->removeRows(0, m_model->rowCount());
}

void EndpointsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QTreeView::changeEvent(event);
}

void EndpointsView::retranslateUi()
{
    m_model->setHorizontalHeaderLabels({ tr("Address"), tr("ID"), tr("Flags"), tr("Device"), tr("Port") });
}

} // namespace mlab
