#pragma once

#include "lab/labmodel.h"
#include "topology/cableitem.h"
#include "topology/topologylegend.h"
#include "topology/vmdetails.h"

#include <QGraphicsScene>
#include <QHash>
#include <QJsonObject>
#include <QPointF>

class QMenu;

namespace mlab {

class NodeItem;
class SwitchItem;

// The lab drawn as nodes, the management host and the VDE switch, joined by one cable per interface in the colour
// of its VLAN. Fed through plain methods (the lab, the engine's status, link events and telemetry batches, see
// docs/engine-api.md); what the user asks for (break, unplug, restore a link; a node moved) leaves as signals.
class TopologyScene : public QGraphicsScene
{
    Q_OBJECT

public:
    using State = CableItem::State;

    explicit TopologyScene(QObject *parent = nullptr);
    explicit TopologyScene(const Lab &lab, QObject *parent = nullptr);

    // Replaces everything with the lab, its boxes where the lab file's layout puts them, else where the default
    // layout does; link states and rates start afresh.
    void setLab(const Lab &lab);
    const Lab &lab() const { return m_lab; }

    // Node name -> centre of its box; the management host is "host" (a name no node may have). Names the lab does
    // not have are ignored, so positions saved with an older version of the lab are harmless.
    void setNodePositions(const QHash<QString, QPointF> &positions);
    QHash<QString, QPointF> nodePositions() const;
    // Every box back where the default layout puts it (nodeMoved for each).
    void resetLayout();

    // mode: "cut" or "unplug" when broken (empty means "cut"). Only path cables change; management cables
    // cannot be broken.
    void setLinkState(int port, State state, const QString &mode = QString());
    void setLinkRate(int port, double bitsPerSecond);

    // The engine's `status` result: a path port on the dead VLAN is cut; interfaces' and paths' "broken" and
    // "breakMode" say more where present. Ports the status says nothing about keep their state. A VM node's
    // badge and tooltip show its live details (vmState, accelerator, kernel...; see VmDetails).
    void applyStatus(const QJsonObject &status);
    // The lab went down: VM nodes show what the lab file says of them again, not their last live state.
    void forgetVmDetails();
    // The subflow table (status "subflows", docs/engine-api.md): a path cable that is up but carries a stalled
    // subflow is impaired, and up again once none of its subflows is stalled. Broken cables stay broken.
    void applySubflows(const QJsonArray &table);
    // A `link` event: {port, link, broken, mode}.
    void applyLinkEvent(const QJsonObject &event);
    // A `telemetry` batch: every end of a path shows the newest point of `path/<name>` (or, without it,
    // `switch/path/<name>`).
    void applyTelemetry(const QJsonObject &batch);

    NodeItem *nodeItem(const QString &name) const { return m_nodes.value(name); }
    CableItem *cableItem(int port) const { return m_cables.value(port); }
    SwitchItem *switchItem() const { return m_switch; }
    // The rows of the legend that explains the cables; the view shows it over its corner.
    QList<TopologyLegend::Entry> legendEntries() const;

    // Break (cut), Unplug and Restore for the cable on port, enabled by its state; the caller owns the menu.
    QMenu *createCableMenu(int port, QWidget *parent = nullptr);

signals:
    // After setLab(): everything drawn anew, the legend included.
    void labChanged();
    void breakRequested(const QString &link, const QString &mode);
    void restoreRequested(const QString &link);
    // At the end of a drag, for every box that moved.
    void nodeMoved(const QString &name, const QPointF &pos);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

private:
    void addCable(CableItem::Ends ends, CableItem::Id id, CableItem::Role role);
    CableItem *cableAt(const QPointF &scenePos) const;
    void clickCable(const CableItem &cable);
    // Broken, or no longer broken: an impaired cable stays impaired when the engine says it is not broken.
    void markBroken(int port, bool broken, const QString &mode);
    // Badge and tooltip of a VM node; nothing for a namespace node, which keeps its caption.
    void showVmDetails(const QString &node, const VmDetails &details);

    Lab m_lab;
    SwitchItem *m_switch = nullptr;
    QHash<QString, NodeItem *> m_nodes; // the host's box too, as "host"
    QHash<int, CableItem *> m_cables; // by switch port
    int m_pressedCable = 0; // port of the cable a left button went down on; 0: none (ports start at 1)
    QHash<QString, QPointF> m_pressPositions; // box positions when a drag may have started
};

} // namespace mlab
