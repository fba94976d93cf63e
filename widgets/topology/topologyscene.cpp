#include "topology/topologyscene.h"
#include "common/pathcolour.h"

#include "topology/nodeitem.h"
#include "topology/switchitem.h"
#include "topology/switchportitem.h"
#include "topology/topologylayout.h"
#include "topology/topologystyle.h"
#include "topology/topologytext.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QJsonArray>
#include <QMenu>
#include <QSet>

#include <memory>
#include <optional>
#include <utility>

namespace mlab {

namespace {

const QString kCut = QStringLiteral("cut");
const QString kUnplug = QStringLiteral("unplug");

QColor colourOfVlan(const Lab &lab, int vlan)
{
    for (qsizetype i = 0; i < lab.paths.size(); ++i) {
        if (lab.paths[i].vlan == vlan)
            return pathColour(int(i));
    }
    return vlan == lab.management.vlan ? managementCableColour() : deadVlanColour();
}

// The value of the newest point of a series ([[atMs, value], ...]); points usually come oldest first, but the
// batch format does not promise it.
std::optional<double> newestValue(const QJsonArray &points)
{
    std::optional<double> value;
    double newestAt = 0;
    for (const QJsonValue &point : points) {
        const QJsonArray pair = point.toArray();
        if (pair.size() < 2)
            continue;
        if (!value || pair[0].toDouble() >= newestAt) {
            newestAt = pair[0].toDouble();
            value = pair[1].toDouble();
        }
    }
    return value;
}

} // namespace

TopologyScene::TopologyScene(QObject *parent)
    : QGraphicsScene(parent)
{ }

TopologyScene::TopologyScene(const Lab &lab, QObject *parent)
    : QGraphicsScene(parent)
{
    setLab(lab);
}

void TopologyScene::setLab(const Lab &lab)
{
    clear();
    m_nodes.clear();
    m_cables.clear();
    m_pressedCable = 0;
    m_pressPositions.clear();
    m_lab = lab;

    const TopologyLayout layout = layoutTopology(lab);
    m_switch = new SwitchItem(tr("VDE switch"), layout.switchRadius);
    m_switch->setToolTip(TopologyText::switchToolTip(lab));
    addItem(m_switch);
    for (auto it = layout.sockets.cbegin(); it != layout.sockets.cend(); ++it)
        m_switch->addPort(it.key(), it.value(), colourOfVlan(lab, lab.vlanOfPort(it.key()).value_or(0)));

    const ManagementSpec &management = lab.management;
    auto *host = new HostItem(hostBoxName(), tr("Host", "the management host, on the canvas"),
        management.hostTap + u' ' + management.hostIp());
    host->setToolTip(TopologyText::hostToolTip(management));
    host->setPos(layout.boxes.value(hostBoxName()));
    addItem(host);
    m_nodes.insert(hostBoxName(), host);
    addCable({ host, m_switch->portItem(management.hostPort) },
        { hostBoxName(), management.hostTap, QString(), management.vlan }, CableItem::Role::Management);

    for (const NodeSpec &spec : lab.nodes) {
        auto *node = new NodeItem(spec.name, spec.name, spec.kind);
        node->setToolTip(TopologyText::nodeToolTip(spec));
        node->setPos(layout.boxes.value(spec.name));
        addItem(node);
        m_nodes.insert(spec.name, node);
        showVmDetails(spec.name, {}); // a VM looks like one before the lab is up: the lab file says so
        for (qsizetype i = 0; i < spec.interfaces.size(); ++i) {
            const InterfaceSpec &iface = spec.interfaces[i];
            const int vlan = iface.management ? management.vlan : lab.vlanOfPort(iface.switchPort).value_or(0);
            addCable({ node, m_switch->portItem(iface.switchPort), int(i), int(spec.interfaces.size()) },
                { spec.name, iface.name, iface.path, vlan },
                iface.management ? CableItem::Role::Management : CableItem::Role::Path);
        }
    }

    setNodePositions(lab.layout);
    Q_EMIT labChanged();
}

void TopologyScene::resetLayout()
{
    setNodePositions(layoutTopology(m_lab).boxes);
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it)
        Q_EMIT nodeMoved(it.key(), it.value()->pos());
}

QList<TopologyLegend::Entry> TopologyScene::legendEntries() const
{
    return TopologyText::legendEntries(m_lab);
}

void TopologyScene::addCable(CableItem::Ends ends, CableItem::Id id, CableItem::Role role)
{
    if (!ends.socket)
        return; // a lab that passed validation has a socket for every port it uses
    const QColor colour = colourOfVlan(m_lab, id.vlan);
    auto *cable = new CableItem(ends, std::move(id), role, colour);
    cable->setToolTip(TopologyText::cableToolTip(m_lab, *cable));
    addItem(cable);
    m_cables.insert(cable->port(), cable);
}

void TopologyScene::setNodePositions(const QHash<QString, QPointF> &positions)
{
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        if (NodeItem *node = m_nodes.value(it.key()))
            node->setPos(it.value());
    }
}

QHash<QString, QPointF> TopologyScene::nodePositions() const
{
    QHash<QString, QPointF> positions;
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it)
        positions.insert(it.key(), it.value()->pos());
    return positions;
}

void TopologyScene::setLinkState(int port, State state, const QString &mode)
{
    CableItem *cable = m_cables.value(port);
    if (!cable || cable->role() != CableItem::Role::Path)
        return;
    cable->setState(state, mode.isEmpty() ? kCut : mode);
    cable->setToolTip(TopologyText::cableToolTip(m_lab, *cable));
}

void TopologyScene::setLinkRate(int port, double bitsPerSecond)
{
    if (CableItem *cable = m_cables.value(port))
        cable->setRate(bitsPerSecond);
}

void TopologyScene::markBroken(int port, bool broken, const QString &mode)
{
    const CableItem *cable = m_cables.value(port);
    if (broken)
        setLinkState(port, State::Broken, mode);
    else if (cable && cable->state() == State::Broken)
        setLinkState(port, State::Up);
}

void TopologyScene::applySubflows(const QJsonArray &table)
{
    QSet<QString> stalledLinks; // "NodeA:eth0"
    for (const QJsonValue &value : table) {
        const QJsonObject row = value.toObject();
        if (row.value(QLatin1String("health")).toString() == QLatin1String("stalled"))
            stalledLinks.insert(row.value(QLatin1String("node")).toString() + QLatin1Char(':')
                + row.value(QLatin1String("interface")).toString());
    }
    for (CableItem *cable : std::as_const(m_cables)) {
        if (cable->role() != CableItem::Role::Path || cable->state() == State::Broken)
            continue;
        const State state = stalledLinks.contains(cable->link()) ? State::Impaired : State::Up;
        if (state != cable->state())
            setLinkState(cable->port(), state);
    }
}

void TopologyScene::applyStatus(const QJsonObject &status)
{
    const int deadVlan = status.value(QLatin1String("deadVlan")).toInt(m_lab.switchSpec.deadVlan);
    QHash<int, int> vlans; // port -> VLAN it is on now
    for (const QJsonValue &value : status.value(QLatin1String("ports")).toArray()) {
        const QJsonObject port = value.toObject();
        if (port.contains(QLatin1String("vlan")))
            vlans.insert(port.value(QLatin1String("port")).toInt(), port.value(QLatin1String("vlan")).toInt());
    }
    QHash<int, QJsonObject> interfaces; // port -> status of the interface plugged into it
    for (const QJsonValue &node : status.value(QLatin1String("nodes")).toArray()) {
        for (const QJsonValue &value : node.toObject().value(QLatin1String("interfaces")).toArray()) {
            const QJsonObject iface = value.toObject();
            if (iface.contains(QLatin1String("broken")))
                interfaces.insert(iface.value(QLatin1String("port")).toInt(), iface);
        }
    }
    for (const QJsonValue &node : status.value(QLatin1String("nodes")).toArray()) {
        const QJsonObject object = node.toObject();
        showVmDetails(object.value(QLatin1String("name")).toString(), VmDetails::fromStatusNode(object));
    }
    QHash<QString, QJsonObject> paths;
    for (const QJsonValue &value : status.value(QLatin1String("paths")).toArray())
        paths.insert(value.toObject().value(QLatin1String("name")).toString(), value.toObject());

    for (const CableItem *cable : std::as_const(m_cables)) {
        if (cable->role() != CableItem::Role::Path)
            continue;
        const int port = cable->port();
        const QJsonObject path = paths.value(cable->pathName());
        const QString pathMode = path.value(QLatin1String("breakMode")).toString();
        if (const auto iface = interfaces.constFind(port); iface != interfaces.cend()) {
            // The engine's own record of this link: the only source that names an unplugged end.
            markBroken(port, iface->value(QLatin1String("broken")).toBool(),
                iface->value(QLatin1String("breakMode")).toString(pathMode));
        } else if (path.contains(QLatin1String("broken")) && !path.value(QLatin1String("broken")).toBool()) {
            markBroken(port, false, QString());
        } else if (vlans.contains(port)) {
            // An unplugged link keeps its VLAN: a broken path with its ports on their VLANs says nothing of this end.
            const bool onDeadVlan = vlans.value(port) == deadVlan;
            if (onDeadVlan || !path.value(QLatin1String("broken")).toBool())
                markBroken(port, onDeadVlan, kCut);
        }
    }
}

void TopologyScene::showVmDetails(const QString &node, const VmDetails &details)
{
    const NodeSpec *spec = m_lab.nodeNamed(node);
    NodeItem *item = m_nodes.value(node);
    if (!spec || !item || spec->kind != QLatin1String("qemu"))
        return;
    item->setBadge(TopologyText::vmBadge(*spec, details), details.isInTrouble());
    item->setToolTip(TopologyText::nodeToolTip(*spec, details));
}

void TopologyScene::forgetVmDetails()
{
    for (const NodeSpec &spec : std::as_const(m_lab.nodes))
        showVmDetails(spec.name, {});
}

void TopologyScene::applyLinkEvent(const QJsonObject &event)
{
    std::optional<int> port;
    if (event.contains(QLatin1String("port")))
        port = event.value(QLatin1String("port")).toInt();
    else
        port = m_lab.resolvePort(event.value(QLatin1String("link")).toString());
    if (port)
        markBroken(*port, event.value(QLatin1String("broken")).toBool(), event.value(QLatin1String("mode")).toString());
}

void TopologyScene::applyTelemetry(const QJsonObject &batch)
{
    const QJsonObject series = batch.value(QLatin1String("series")).toObject();
    for (const PathSpec &path : std::as_const(m_lab.paths)) {
        // The nodes' counters first: they see what the nodes sent, the switch's what it carried.
        std::optional<double> rate = newestValue(series.value(QStringLiteral("path/") + path.name).toArray());
        if (!rate)
            rate = newestValue(series.value(QStringLiteral("switch/path/") + path.name).toArray());
        if (!rate)
            continue;
        for (const PathEnd &end : m_lab.endsOf(path.name))
            setLinkRate(end.interface->switchPort, *rate);
    }
}

CableItem *TopologyScene::cableAt(const QPointF &scenePos) const
{
    // A click on a cable's label is a click on the cable.
    for (QGraphicsItem *item = itemAt(scenePos, QTransform()); item; item = item->parentItem()) {
        if (auto *cable = qgraphicsitem_cast<CableItem *>(item))
            return cable;
    }
    return nullptr;
}

void TopologyScene::clickCable(const CableItem &cable)
{
    // The engine refuses to break management: it reaches the nodes through it.
    if (cable.role() != CableItem::Role::Path)
        return;
    if (cable.state() == State::Broken)
        emit restoreRequested(cable.link());
    else
        emit breakRequested(cable.link(), kCut);
}

void TopologyScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    m_pressedCable = 0;
    if (event->button() == Qt::LeftButton) {
        if (const CableItem *cable = cableAt(event->scenePos())) {
            // Accepted here, so the view does not start a hand drag from a cable.
            m_pressedCable = cable->port();
            event->accept();
            return;
        }
    }
    m_pressPositions = nodePositions();
    QGraphicsScene::mousePressEvent(event);
}

void TopologyScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_pressedCable != 0 && event->button() == Qt::LeftButton) {
        const int pressed = std::exchange(m_pressedCable, 0);
        // A click is a press and a release on the same cable; sliding off it cancels, as with a button.
        if (const CableItem *cable = cableAt(event->scenePos()); cable && cable->port() == pressed)
            clickCable(*cable);
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    const QHash<QString, QPointF> before = std::exchange(m_pressPositions, {});
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        const auto was = before.constFind(it.key());
        if (was != before.cend() && *was != it.value()->pos())
            emit nodeMoved(it.key(), it.value()->pos());
    }
}

void TopologyScene::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    const CableItem *cable = cableAt(event->scenePos());
    if (!cable) {
        QGraphicsScene::contextMenuEvent(event);
        return;
    }
    const std::unique_ptr<QMenu> menu(createCableMenu(cable->port(), event->widget()));
    menu->exec(event->screenPos());
    event->accept();
}

QMenu *TopologyScene::createCableMenu(int port, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const CableItem *cable = m_cables.value(port);
    if (!cable)
        return menu;
    const bool breakable = cable->role() == CableItem::Role::Path;
    const bool broken = cable->state() == State::Broken;
    // The link's name, not the item: the scene may be rebuilt while the menu is open.
    const QString link = cable->link();

    QAction *cut = menu->addAction(tr("Break (cut)"));
    cut->setStatusTip(tr("Move the port to the dead VLAN: neither node notices, data just stops"));
    cut->setEnabled(breakable && !broken);
    connect(cut, &QAction::triggered, this, [this, link] { emit breakRequested(link, kCut); });

    QAction *unplug = menu->addAction(tr("Unplug"));
    unplug->setStatusTip(tr("Take the interface down inside the node, as if the cable were pulled out"));
    unplug->setEnabled(breakable && !broken);
    connect(unplug, &QAction::triggered, this, [this, link] { emit breakRequested(link, kUnplug); });

    QAction *restore = menu->addAction(tr("Restore"));
    restore->setStatusTip(tr("Plug the link back in on its own VLAN"));
    restore->setEnabled(breakable && broken);
    connect(restore, &QAction::triggered, this, [this, link] { emit restoreRequested(link); });

    if (!breakable) {
        menu->addSeparator();
        menu->addAction(tr("Management cable: the engine reaches the nodes through it"))->setEnabled(false);
    }
    return menu;
}

} // namespace mlab
