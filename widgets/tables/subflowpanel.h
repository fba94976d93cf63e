#pragma once

// The subflow table with its node filter and search box, above each node's MPTCP endpoints and limits.
// Data comes in through the setters (the `telemetry` event's `subflows`, the nodes' command outputs);
// the user's choice of a subflow leaves as a signal.

#include <QJsonArray>
#include <QString>
#include <QWidget>

class QLabel;
class QTableView;

namespace mlab {

class EndpointsView;
class FilteredTable;
class RowFilterProxy;
class SubflowTableModel;

class SubflowPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SubflowPanel(QWidget *parent = nullptr);

    void setSubflows(const QJsonArray &table);
    // `ip mptcp endpoint show` and `ip mptcp limits show` as node printed them.
    void setEndpoints(const QString &node, const QString &endpointShowOutput, const QString &limitsShowOutput);
    // `multipath -f` of a node running the out-of-tree kernel.
    void setLegacyEndpoints(const QString &node, const QString &multipathOutput);

    void setNodeFilter(const QString &node); // empty: every node
    void setSearchText(const QString &text);

    SubflowTableModel *model() const { return m_model; }
    RowFilterProxy *proxy() const;
    QTableView *tableView() const;
    EndpointsView *endpointsView() const { return m_endpoints; }

Q_SIGNALS:
    // The subflow the user selected (its `key`), empty when none: the plots can highlight its series.
    void currentSubflowChanged(const QString &key);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    SubflowTableModel *m_model;
    FilteredTable *m_table;
    QLabel *m_endpointsTitle;
    EndpointsView *m_endpoints;
};

} // namespace mlab
