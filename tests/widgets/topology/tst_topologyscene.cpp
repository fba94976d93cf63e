#include "lab/labfile.h"
#include "topology/cableitem.h"
#include "topology/nodeitem.h"
#include "topology/switchitem.h"
#include "topology/switchportitem.h"
#include "topology/topologylayout.h" // kSocketDiameter
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace mlab;

Q_DECLARE_METATYPE(mlab::TopologyScene::State)

namespace {

Result<Lab> loadSourceLab(const QString &relativePath)
{
    return loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/") + relativePath);
}

template <typename Item> QList<Item *> itemsOfType(const QGraphicsScene &scene)
{
    QList<Item *> found;
    for (QGraphicsItem *item : scene.items()) {
        if (item->type() == Item::Type)
            found.append(static_cast<Item *>(item));
    }
    return found;
}

QList<int> cablePorts(const QGraphicsScene &scene)
{
    QList<int> ports;
    for (const CableItem *cable : itemsOfType<CableItem>(scene))
        ports.append(cable->port());
    std::sort(ports.begin(), ports.end());
    return ports;
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// The cable a click at this scene point reaches, as the scene decides it (labels belong to their cable).
const CableItem *cableUnder(const QGraphicsScene &scene, const QPointF &point)
{
    for (QGraphicsItem *item = scene.itemAt(point, QTransform()); item; item = item->parentItem()) {
        if (item->type() == CableItem::Type)
            return static_cast<const CableItem *>(item);
    }
    return nullptr;
}

bool showFitted(TopologyView &view)
{
    view.resize(1000, 800);
    view.show();
    const bool exposed = QTest::qWaitForWindowExposed(&view);
    view.fitToWindow();
    return exposed;
}

} // namespace

class TestTopologyScene : public QObject
{
    Q_OBJECT

private:
    QHash<QString, Lab> m_labs; // by data row name
    Lab m_seed;

    void addLabRows()
    {
        QTest::addColumn<QString>("name");
        for (auto it = m_labs.cbegin(); it != m_labs.cend(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key();
    }

private slots:
    void initTestCase()
    {
        // Rate labels are formatted in the user's locale; the expected texts are in C's.
        QLocale::setDefault(QLocale::c());
        const QHash<QString, QString> files { { QStringLiteral("seed"), QStringLiteral("resources/labs/seed.json") },
            { QStringLiteral("three-paths"), QStringLiteral("tests/fixtures/labs/three-paths.json") },
            { QStringLiteral("three-nodes"), QStringLiteral("tests/fixtures/labs/three-nodes.json") } };
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            const Result<Lab> lab = loadSourceLab(it.value());
            QVERIFY2(lab.ok(), qPrintable(lab.error()));
            m_labs.insert(it.key(), *lab);
        }
        m_seed = m_labs.value(QStringLiteral("seed"));
    }

    void itemsForEveryNodePortAndCable_data() { addLabRows(); }
    void itemsForEveryNodePortAndCable()
    {
        QFETCH(QString, name);
        const Lab lab = m_labs.value(name);
        const TopologyScene scene(lab);

        QStringList expectedNodes;
        for (const NodeSpec &node : lab.nodes)
            expectedNodes.append(node.name);
        QStringList nodes;
        for (const NodeItem *node : itemsOfType<NodeItem>(scene))
            nodes.append(node->name());
        std::sort(expectedNodes.begin(), expectedNodes.end());
        std::sort(nodes.begin(), nodes.end());
        QCOMPARE(nodes, expectedNodes);
        QCOMPARE(itemsOfType<HostItem>(scene).size(), 1);
        QCOMPARE(itemsOfType<SwitchItem>(scene).size(), 1);

        QList<int> sockets;
        for (const SwitchPortItem *socket : itemsOfType<SwitchPortItem>(scene))
            sockets.append(socket->port());
        std::sort(sockets.begin(), sockets.end());
        QCOMPARE(sockets, lab.usedPorts());
        // One cable per interface, plus the host's tap.
        QCOMPARE(cablePorts(scene), lab.usedPorts());
        for (const NodeSpec &node : lab.nodes) {
            for (const InterfaceSpec &iface : node.interfaces) {
                const CableItem *cable = scene.cableItem(iface.switchPort);
                QVERIFY(cable);
                QCOMPARE(cable->link(), node.name + u':' + iface.name);
                QCOMPARE(cable->role(), iface.management ? CableItem::Role::Management : CableItem::Role::Path);
                QCOMPARE(cable->pathName(), iface.path);
            }
        }
        const CableItem *tap = scene.cableItem(lab.management.hostPort);
        QVERIFY(tap);
        QCOMPARE(tap->role(), CableItem::Role::Management);
        QCOMPARE(tap->interfaceName(), lab.management.hostTap);
    }

    void cableColoursDifferByVlan_data() { addLabRows(); }
    void cableColoursDifferByVlan()
    {
        QFETCH(QString, name);
        const Lab lab = m_labs.value(name);
        const TopologyScene scene(lab);
        QHash<int, QColor> colourOfVlan;
        for (const CableItem *cable : itemsOfType<CableItem>(scene)) {
            QCOMPARE(cable->vlan(), lab.vlanOfPort(cable->port()).value_or(-1));
            const QColor colour = colourOfVlan.value(cable->vlan(), cable->colour());
            QCOMPARE(cable->colour(), colour); // one colour per VLAN
            colourOfVlan.insert(cable->vlan(), colour);
        }
        QCOMPARE(colourOfVlan.size(), lab.paths.size() + 1);
        QList<QRgb> distinct;
        for (const QColor &colour : std::as_const(colourOfVlan))
            distinct.append(colour.rgb());
        std::sort(distinct.begin(), distinct.end());
        QVERIFY(std::adjacent_find(distinct.begin(), distinct.end()) == distinct.end());
    }

    void legendNamesEveryVlan_data() { addLabRows(); }
    void legendNamesEveryVlan()
    {
        QFETCH(QString, name);
        const Lab lab = m_labs.value(name);
        const TopologyScene scene(lab);
        TopologyLegend legend;
        legend.setEntries(scene.legendEntries());
        const QStringList texts = legend.texts();
        for (const PathSpec &path : lab.paths)
            QVERIFY2(
                texts.contains(QStringLiteral("%1 (VLAN %2)").arg(path.name).arg(path.vlan)), qPrintable(path.name));
        QVERIFY(texts.contains(QStringLiteral("management (VLAN 3)")));
        QVERIFY(texts.contains(QStringLiteral("dead VLAN 4: broken links go here")));
    }

    void stalledSubflowImpairsAnUpCable()
    {
        TopologyScene scene(m_seed);
        auto row = [](const char *node, const char *interface, const char *health) {
            return QJsonObject { { QStringLiteral("node"), QString::fromUtf8(node) },
                { QStringLiteral("interface"), QString::fromUtf8(interface) },
                { QStringLiteral("health"), QString::fromUtf8(health) } };
        };
        // NodeA's eth0 (port 10) stalled, its eth1 (port 11) active.
        scene.applySubflows({ row("NodeA", "eth0", "stalled"), row("NodeA", "eth1", "active") });
        QCOMPARE(scene.cableItem(10)->state(), CableItem::State::Impaired);
        QCOMPARE(scene.cableItem(11)->state(), CableItem::State::Up);
        QVERIFY(scene.cableItem(10)->toolTip().contains(QStringLiteral("stalled")));
        // Traffic moves again: up.
        scene.applySubflows({ row("NodeA", "eth0", "active") });
        QCOMPARE(scene.cableItem(10)->state(), CableItem::State::Up);
        // A cut cable stays cut, whatever its subflows say; the management cable is never impaired.
        scene.setLinkState(10, CableItem::State::Broken, QStringLiteral("cut"));
        scene.applySubflows({ row("NodeA", "eth0", "stalled"), row("NodeA", "eth2", "stalled") });
        QCOMPARE(scene.cableItem(10)->state(), CableItem::State::Broken);
        QCOMPARE(scene.cableItem(2)->state(), CableItem::State::Up);
    }

    void labLayoutPlacesBoxesAndResetUndoesIt()
    {
        const QPointF defaultA = TopologyScene(m_seed).nodeItem(QStringLiteral("NodeA"))->pos();
        const QPointF defaultB = TopologyScene(m_seed).nodeItem(QStringLiteral("NodeB"))->pos();
        Lab lab = m_seed;
        lab.layout.insert(QStringLiteral("NodeA"), QPointF(-500, 120));
        lab.layout.insert(hostBoxName(), QPointF(10, 400));
        TopologyScene scene(lab);
        QCOMPARE(scene.nodeItem(QStringLiteral("NodeA"))->pos(), QPointF(-500, 120));
        QCOMPARE(scene.nodeItem(hostBoxName())->pos(), QPointF(10, 400));
        QCOMPARE(scene.nodeItem(QStringLiteral("NodeB"))->pos(), defaultB); // not in the layout: default

        QSignalSpy moved(&scene, &TopologyScene::nodeMoved);
        scene.resetLayout();
        QCOMPARE(scene.nodeItem(QStringLiteral("NodeA"))->pos(), defaultA);
        QCOMPARE(moved.size(), 3); // NodeA, NodeB and the host: the window marks the layout as changed
    }

    void clickOnCable_data()
    {
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("brokenFirst"); // break mode in effect before the click; empty: up
        QTest::addColumn<QString>("expected"); // "break", "restore" or "" for no signal
        QTest::newRow("up path cable breaks") << 10 << QString() << QStringLiteral("break");
        QTest::newRow("cut cable restores") << 10 << QStringLiteral("cut") << QStringLiteral("restore");
        QTest::newRow("unplugged cable restores") << 21 << QStringLiteral("unplug") << QStringLiteral("restore");
        QTest::newRow("management cable does nothing") << 2 << QString() << QString();
        QTest::newRow("host tap cable does nothing") << 1 << QString() << QString();
    }
    void clickOnCable()
    {
        QFETCH(int, port);
        QFETCH(QString, brokenFirst);
        QFETCH(QString, expected);
        TopologyScene scene(m_seed);
        if (!brokenFirst.isEmpty())
            scene.setLinkState(port, TopologyScene::State::Broken, brokenFirst);
        TopologyView view(&scene);
        QVERIFY(showFitted(view));

        const CableItem *cable = scene.cableItem(port);
        QVERIFY(cable);
        // Away from the node (its box covers the cable's start) and from the neighbours converging on the switch.
        const QPointF point = cable->line().pointAt(0.4);
        QCOMPARE(cableUnder(scene, point), cable);
        QSignalSpy breaks(&scene, &TopologyScene::breakRequested);
        QSignalSpy restores(&scene, &TopologyScene::restoreRequested);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::NoModifier, view.mapFromScene(point));

        QCOMPARE(breaks.size(), expected == QLatin1String("break") ? 1 : 0);
        QCOMPARE(restores.size(), expected == QLatin1String("restore") ? 1 : 0);
        const QString link = cable->link();
        if (!breaks.isEmpty())
            QCOMPARE(breaks.first(), QVariantList({ link, QStringLiteral("cut") }));
        if (!restores.isEmpty())
            QCOMPARE(restores.first(), QVariantList({ link }));
    }

    void cableMenuFollowsState_data()
    {
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("brokenFirst");
        QTest::addColumn<QList<bool>>("enabled"); // Break (cut), Unplug, Restore
        QTest::addColumn<int>("trigger"); // index of the action to trigger
        QTest::addColumn<QVariantList>("breakArgs"); // empty: no breakRequested
        QTest::addColumn<QVariantList>("restoreArgs");
        QTest::newRow("up: cut") << 10 << QString() << QList<bool> { true, true, false } << 0
                                 << QVariantList { QStringLiteral("NodeA:eth0"), QStringLiteral("cut") }
                                 << QVariantList();
        QTest::newRow("up: unplug") << 11 << QString() << QList<bool> { true, true, false } << 1
                                    << QVariantList { QStringLiteral("NodeA:eth1"), QStringLiteral("unplug") }
                                    << QVariantList();
        QTest::newRow("broken: restore") << 20 << QStringLiteral("cut") << QList<bool> { false, false, true } << 2
                                         << QVariantList() << QVariantList { QStringLiteral("NodeB:eth0") };
        QTest::newRow("management: nothing")
            << 3 << QString() << QList<bool> { false, false, false } << -1 << QVariantList() << QVariantList();
    }
    void cableMenuFollowsState()
    {
        QFETCH(int, port);
        QFETCH(QString, brokenFirst);
        QFETCH(QList<bool>, enabled);
        QFETCH(int, trigger);
        QFETCH(QVariantList, breakArgs);
        QFETCH(QVariantList, restoreArgs);
        TopologyScene scene(m_seed);
        if (!brokenFirst.isEmpty())
            scene.setLinkState(port, TopologyScene::State::Broken, brokenFirst);
        const std::unique_ptr<QMenu> menu(scene.createCableMenu(port));
        const QList<QAction *> actions = menu->actions();
        QVERIFY(actions.size() >= 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(actions[i]->isEnabled(), enabled[i]);
        QSignalSpy breaks(&scene, &TopologyScene::breakRequested);
        QSignalSpy restores(&scene, &TopologyScene::restoreRequested);
        if (trigger >= 0)
            actions[trigger]->trigger();
        QCOMPARE(breaks.isEmpty() ? QVariantList() : breaks.first(), breakArgs);
        QCOMPARE(restores.isEmpty() ? QVariantList() : restores.first(), restoreArgs);
    }

    void managementCableCannotBeBroken()
    {
        TopologyScene scene(m_seed);
        scene.setLinkState(2, TopologyScene::State::Broken, QStringLiteral("cut"));
        QCOMPARE(scene.cableItem(2)->state(), TopologyScene::State::Up);
        QVERIFY(scene.cableItem(2)->toolTip().contains(QStringLiteral("the engine reaches the nodes through it")));
    }

    // Status objects in the shape LabController::status() writes (backend/engine/labstatus.cpp).
    void applyStatus_data()
    {
        QTest::addColumn<QString>("brokenFirst"); // mode port 10 is broken with before the status; empty: up
        QTest::addColumn<QJsonObject>("status");
        QTest::addColumn<int>("port");
        QTest::addColumn<TopologyScene::State>("state");
        QTest::addColumn<QString>("mode");
        const auto up = TopologyScene::State::Up;
        const auto broken = TopologyScene::State::Broken;
        const QJsonObject deadPort10 = json(R"({"deadVlan": 4, "ports": [
            {"port": 1, "vlan": 3}, {"port": 2, "vlan": 3}, {"port": 3, "vlan": 3},
            {"port": 10, "vlan": 4}, {"port": 11, "vlan": 2}, {"port": 20, "vlan": 1}, {"port": 21, "vlan": 2}]})");
        QTest::newRow("port 10 on the dead VLAN is cut") << QString() << deadPort10 << 10 << broken << "cut";
        QTest::newRow("its peer stays up") << QString() << deadPort10 << 20 << up << QString();
        QTest::newRow("back on its VLAN is up")
            << "cut" << json(R"({"deadVlan": 4, "ports": [{"port": 10, "vlan": 1}]})") << 10 << up << QString();
        QTest::newRow("no ports (lab not ready) keeps the state") << "cut" << json("{}") << 10 << broken << "cut";
        QTest::newRow("unplugged interface keeps its VLAN")
            << QString()
            << json(R"({"deadVlan": 4, "ports": [{"port": 10, "vlan": 1}], "nodes": [{"name": "NodeA", "interfaces": [
                   {"name": "eth0", "port": 10, "path": "path1", "broken": true, "breakMode": "unplug"}]}]})")
            << 10 << broken << "unplug";
        QTest::newRow("path not broken restores its ends")
            << "cut" << json(R"({"paths": [{"name": "path1", "vlan": 1, "broken": false}]})") << 10 << up << QString();
        QTest::newRow("broken path without interfaces: the dead-VLAN end")
            << QString() << json(R"({"deadVlan": 4, "ports": [{"port": 10, "vlan": 1}, {"port": 20, "vlan": 4}],
                   "paths": [{"name": "path1", "vlan": 1, "broken": true, "breakMode": "cut"}]})")
            << 20 << broken << "cut";
    }
    void applyStatus()
    {
        QFETCH(QString, brokenFirst);
        QFETCH(QJsonObject, status);
        QFETCH(int, port);
        QFETCH(TopologyScene::State, state);
        QFETCH(QString, mode);
        TopologyScene scene(m_seed);
        if (!brokenFirst.isEmpty())
            scene.setLinkState(10, TopologyScene::State::Broken, brokenFirst);
        scene.applyStatus(status);
        QCOMPARE(scene.cableItem(port)->state(), state);
        QCOMPARE(scene.cableItem(port)->breakMode(), mode);
        // Management is never broken, whatever the status says about its ports.
        QCOMPARE(scene.cableItem(2)->state(), TopologyScene::State::Up);
    }

    void linkEventBreaksAndRestores()
    {
        TopologyScene scene(m_seed);
        scene.applyLinkEvent(json(R"({"port": 11, "link": "NodeA:eth1", "broken": true, "mode": "unplug"})"));
        QCOMPARE(scene.cableItem(11)->state(), TopologyScene::State::Broken);
        QCOMPARE(scene.cableItem(11)->breakMode(), QStringLiteral("unplug"));
        scene.applyLinkEvent(json(R"({"link": "NodeA:eth1", "broken": false, "mode": "unplug"})"));
        QCOMPARE(scene.cableItem(11)->state(), TopologyScene::State::Up);
    }

    void applyTelemetry_data()
    {
        QTest::addColumn<QJsonObject>("batch");
        QTest::addColumn<QString>("path1Rate"); // shown on ports 10 and 20
        QTest::addColumn<QString>("path2Rate"); // shown on ports 11 and 21
        QTest::newRow("newest point of path/<name>")
            << json(R"({"now": 5000, "series": {"path/path1": [[4800, 1200000], [4900, 48300000]],
                   "path/path2": [[4900, 750000]], "total": [[4900, 49050000]]}})")
            << "48.3 Mbit/s"
            << "750.0 kbit/s";
        QTest::newRow("switch series when the nodes' is missing")
            << json(R"({"now": 5000, "series": {"switch/path/path1": [[4900, 2500000000]]}})") << "2.5 Gbit/s"
            << QString();
        QTest::newRow("nodes' series preferred")
            << json(R"({"series": {"switch/path/path2": [[4900, 1000]], "path/path2": [[4900, 2000]]}})") << QString()
            << "2.0 kbit/s";
    }
    void applyTelemetry()
    {
        QFETCH(QJsonObject, batch);
        QFETCH(QString, path1Rate);
        QFETCH(QString, path2Rate);
        TopologyScene scene(m_seed);
        const double idleWidth = scene.cableItem(10)->penWidth();
        scene.applyTelemetry(batch);
        QCOMPARE(scene.cableItem(10)->rateText(), path1Rate);
        QCOMPARE(scene.cableItem(20)->rateText(), path1Rate);
        QCOMPARE(scene.cableItem(11)->rateText(), path2Rate);
        QCOMPARE(scene.cableItem(21)->rateText(), path2Rate);
        QCOMPARE(scene.cableItem(2)->rateText(), QString());
        if (!path1Rate.isEmpty())
            QVERIFY(scene.cableItem(10)->penWidth() > idleWidth);
    }

    void penWidthIsClamped()
    {
        TopologyScene scene(m_seed);
        scene.setLinkRate(10, 0);
        const double idle = scene.cableItem(10)->penWidth();
        scene.setLinkRate(10, 1e6);
        const double slow = scene.cableItem(10)->penWidth();
        scene.setLinkRate(10, 1e15);
        const double huge = scene.cableItem(10)->penWidth();
        QVERIFY(idle > 0 && idle < slow && slow < huge);
        QVERIFY(huge <= 8.0);
    }

    void nodePositionsRoundTrip()
    {
        const Lab lab = m_labs.value(QStringLiteral("three-nodes"));
        TopologyScene scene(lab);
        const QLineF before = scene.cableItem(30)->line();
        const QHash<QString, QPointF> saved { { QStringLiteral("NodeC"), QPointF(-400, 350) },
            { QStringLiteral("host"), QPointF(0, 500) }, { QStringLiteral("NodeZ"), QPointF(1, 1) } };
        scene.setNodePositions(saved);

        const QHash<QString, QPointF> positions = scene.nodePositions();
        QCOMPARE(positions.size(), lab.nodes.size() + 1); // the unknown NodeZ is ignored
        QCOMPARE(positions.value(QStringLiteral("NodeC")), QPointF(-400, 350));
        QCOMPARE(positions.value(QStringLiteral("host")), QPointF(0, 500));
        // The cable followed its node; its switch end stayed at the socket.
        QVERIFY(scene.cableItem(30)->line().p1() != before.p1());
        const QPointF socket = scene.switchItem()->portItem(30)->scenePos();
        QVERIFY(QLineF(scene.cableItem(30)->line().p2(), socket).length() < kSocketDiameter);

        TopologyScene reloaded(lab);
        reloaded.setNodePositions(positions);
        QCOMPARE(reloaded.nodePositions(), positions);
    }

    void draggingANodeEmitsNodeMoved()
    {
        TopologyScene scene(m_seed);
        TopologyView view(&scene);
        QVERIFY(showFitted(view));
        QSignalSpy moved(&scene, &TopologyScene::nodeMoved);
        const QPointF start = scene.nodeItem(QStringLiteral("NodeB"))->pos();
        const QPoint from = view.mapFromScene(start);
        QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(view.viewport(), from + QPoint(20, 30));
        QTest::mouseMove(view.viewport(), from + QPoint(40, 60));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::NoModifier, from + QPoint(40, 60));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(moved.first().at(0).toString(), QStringLiteral("NodeB"));
        QCOMPARE(moved.first().at(1).toPointF(), scene.nodeItem(QStringLiteral("NodeB"))->pos());
        QVERIFY(scene.nodeItem(QStringLiteral("NodeB"))->pos().y() > start.y());
    }
};

QTEST_MAIN(TestTopologyScene)
#include "tst_topologyscene.moc"
