#pragma once

// Each node's MPTCP configuration as the node reports it: the path manager's endpoints and limits
// (`ip mptcp endpoint show`, `ip mptcp limits show`) or, on an out-of-tree kernel, the `multipath -f`
// address table. One top row per node, its endpoints below. Fetching the outputs is the app's job.

#include <QString>
#include <QTreeView>

class QStandardItem;
class QStandardItemModel;

namespace mlab {

class EndpointsView : public QTreeView
{
    Q_OBJECT
public:
    enum Column { AddressColumn, IdColumn, FlagsColumn, DeviceColumn, PortColumn, ColumnCount };

    explicit EndpointsView(QWidget *parent = nullptr);

    // Replaces what the view showed for node; the outputs are parsed with backend/mptcp/endpoints.h.
    void setEndpoints(const QString &node, const QString &endpointShowOutput, const QString &limitsShowOutput);
    void setLegacyEndpoints(const QString &node, const QString &multipathOutput);
    void removeNode(const QString &node);
    void clear();

    QStandardItemModel *endpointModel() const { return m_model; }
    // The node's top row, nullptr when the view has none.
    QStandardItem *nodeItem(const QString &node) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    QStandardItem *takeNodeRow(const QString &node); // the node's row emptied, or a new one
    void setNodeSummary(QStandardItem *item, const QString &summary, int skipped);
    void retranslateUi();

    QStandardItemModel *m_model;
};

} // namespace mlab
