// VM nodes on the canvas: a QEMU node's box carries a "VM · TCG" badge and its tooltip the VM's live details
// from the engine's status (vmState, accelerator, kernel, memory, launch, boot time, console log); before the lab
// is up and after it is down, what the lab file says. A namespace node keeps its caption and tooltip.
#include "lab/labfile.h"
#include "topology/nodeitem.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

namespace {

const QString kConsole = u"/run/mptcplab/seed-qemu/private/nodes/NodeA/console.log"_s;

// What the engine's status holds for seed-qemu with NodeB made a namespace node: NodeA's keys are those of
// QemuNode::statusDetails(), merged into the node by LabController::status().
QJsonObject status(const QString &vmState, const QString &accelerator = u"tcg"_s)
{
    const QJsonObject nodeA { { u"name"_s, u"NodeA"_s }, { u"kind"_s, u"qemu"_s }, { u"mptcpProfile"_s, u"upstream"_s },
        { u"vmState"_s, vmState }, { u"accelerator"_s, accelerator }, { u"kernel"_s, u"6.1.0-57-amd64"_s },
        { u"launch"_s, u"vde"_s }, { u"memoryMiB"_s, 128 }, { u"bootMs"_s, 5230 }, { u"console"_s, kConsole },
        { u"qmp"_s, u"/run/mptcplab/seed-qemu/private/nodes/NodeA/qmp.sock"_s } };
    const QJsonObject nodeB { { u"name"_s, u"NodeB"_s }, { u"kind"_s, u"namespace"_s },
        { u"mptcpProfile"_s, u"upstream"_s }, { u"netns"_s, u"mlab-seed-qemu-NodeB"_s } };
    return { { u"phase"_s, u"ready"_s }, { u"nodes"_s, QJsonArray { nodeA, nodeB } } };
}

} // namespace

class TestVmNodes : public QObject
{
    Q_OBJECT

private:
    Lab m_mixed; // NodeA a QEMU VM, NodeB a namespace node

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c()); // "5.2 s"
        const Result<Lab> lab = loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed-qemu.json"));
        QVERIFY2(lab.ok(), qPrintable(lab.error()));
        m_mixed = *lab;
        QCOMPARE(m_mixed.nodes[0].name, u"NodeA"_s);
        QCOMPARE(m_mixed.nodes[0].kind, u"qemu"_s);
        m_mixed.nodes[1].kind = u"namespace"_s;
    }

    void badgeBeforeTheLabIsUp_data()
    {
        QTest::addColumn<QString>("accel");
        QTest::addColumn<QString>("badge");
        QTest::newRow("auto: QEMU decides at start") << u"auto"_s << u"VM"_s;
        QTest::newRow("tcg") << u"tcg"_s << u"VM · TCG"_s;
        QTest::newRow("kvm") << u"kvm"_s << u"VM · KVM"_s;
    }
    void badgeBeforeTheLabIsUp()
    {
        QFETCH(QString, accel);
        QFETCH(QString, badge);
        Lab lab = m_mixed;
        lab.nodes[0].qemu.accel = accel;
        const TopologyScene scene(lab);
        const NodeItem *vm = scene.nodeItem(u"NodeA"_s);
        QCOMPARE(vm->badge(), badge);
        QVERIFY(!vm->badgeAlarm());
        const QString tip = vm->toolTip();
        QVERIFY2(tip.contains(u"QEMU virtual machine: 128 MiB, launch vde, accelerator "_s + accel), qPrintable(tip));
        QVERIFY2(tip.contains(u"once the lab is up"_s), qPrintable(tip));
        QVERIFY2(!tip.contains(u"Console log"_s), qPrintable(tip));
    }

    void liveDetailsFromStatus()
    {
        TopologyScene scene(m_mixed); // accel "auto": the status says what QEMU took
        scene.applyStatus(status(u"running"_s));
        const NodeItem *vm = scene.nodeItem(u"NodeA"_s);
        QCOMPARE(vm->badge(), u"VM · TCG"_s);
        QVERIFY(!vm->badgeAlarm());
        const QString tip = vm->toolTip();
        const QStringList lines { u"VM state: <b>running</b>"_s, u"Accelerator: TCG (software emulation"_s,
            u"Kernel: 6.1.0-57-amd64"_s, u"Memory: 128 MiB"_s, u"Launch: vde"_s,
            u"Boot: 5.2 s from QEMU's start to SSH"_s, QString(u"Console log: "_s + kConsole) };
        for (const QString &expected : lines)
            QVERIFY2(tip.contains(expected), qPrintable(QString(expected + u" not in "_s + tip)));
        QVERIFY2(tip.contains(u"eth0: 10.168.1.1/24"_s), qPrintable(tip)); // the interfaces are still listed

        scene.applyStatus(status(u"running"_s, u"kvm"_s));
        QCOMPARE(vm->badge(), u"VM · KVM"_s);
        QVERIFY(vm->toolTip().contains(u"Accelerator: KVM (hardware virtualisation)"_s));
    }

    void vmThatIsNotRunningIsMarked_data()
    {
        QTest::addColumn<QString>("vmState");
        QTest::addColumn<QString>("shown");
        QTest::newRow("paused") << u"paused"_s << u"paused"_s;
        QTest::newRow("shut down") << u"shutdown"_s << u"shutdown"_s;
        QTest::newRow("QMP silent") << u"no answer on QMP (timed out after 300 ms <qmp.sock>)"_s
                                    << u"no answer on QMP (timed out after 300 ms &lt;qmp.sock&gt;)"_s;
    }
    void vmThatIsNotRunningIsMarked()
    {
        QFETCH(QString, vmState);
        QFETCH(QString, shown);
        TopologyScene scene(m_mixed);
        scene.applyStatus(status(vmState));
        const NodeItem *vm = scene.nodeItem(u"NodeA"_s);
        QCOMPARE(vm->badge(), u"VM · TCG"_s);
        QVERIFY(vm->badgeAlarm());
        QVERIFY2(vm->toolTip().contains(u"VM state: <b>"_s + shown + u"</b>"_s), qPrintable(vm->toolTip()));
        scene.applyStatus(status(u"running"_s));
        QVERIFY(!vm->badgeAlarm());
    }

    void namespaceNodeKeepsItsLook()
    {
        TopologyScene scene(m_mixed);
        const NodeItem *node = scene.nodeItem(u"NodeB"_s);
        const QString before = node->toolTip();
        scene.applyStatus(status(u"running"_s));
        QVERIFY(node->badge().isEmpty());
        QCOMPARE(node->caption(), u"namespace"_s);
        QCOMPARE(node->toolTip(), before);
        QVERIFY2(!before.contains(u"VM"_s) && !before.contains(u"Console log"_s), qPrintable(before));
        // Nor does the host's box, nor the seed lab's all-namespace nodes.
        QVERIFY(scene.nodeItem(u"host"_s)->badge().isEmpty());
        const Result<Lab> seed = loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json"));
        QVERIFY(seed.ok());
        const TopologyScene seedScene(*seed);
        for (const NodeSpec &spec : seed->nodes)
            QVERIFY(seedScene.nodeItem(spec.name)->badge().isEmpty());
    }

    void labDownForgetsTheLiveDetails()
    {
        TopologyScene scene(m_mixed);
        scene.applyStatus(status(u"paused"_s));
        scene.forgetVmDetails();
        const NodeItem *vm = scene.nodeItem(u"NodeA"_s);
        QCOMPARE(vm->badge(), u"VM"_s);
        QVERIFY(!vm->badgeAlarm());
        QVERIFY2(!vm->toolTip().contains(u"paused"_s), qPrintable(vm->toolTip()));
        QVERIFY(vm->toolTip().contains(u"from the lab file"_s));
        // A status of a lab that is down has no VM details: the same.
        scene.applyStatus(status(u"running"_s));
        scene.applyStatus(
            QJsonDocument::fromJson(R"({"phase": "down", "nodes": [{"name": "NodeA", "kind": "qemu"}]})").object());
        QCOMPARE(vm->badge(), u"VM"_s);
    }

    void badgeIsDrawn()
    {
        // The paint path with a badge; the items are checked above, not pixels. The picture is kept as an
        // artefact for a person to look at (build directory, widget-screenshots/).
        TopologyScene scene(m_mixed);
        scene.applyStatus(status(u"running"_s));
        TopologyView view(&scene);
        view.resize(900, 600);
        view.fitToWindow();
        const QPixmap shot = view.grab();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.size(), view.size());
        const QString dir = QStringLiteral(MPTCPLAB_BINARY_DIR "/widget-screenshots");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(shot.save(dir + u"/vm-nodes.png"_s));
    }
};

QTEST_MAIN(TestVmNodes)
#include "tst_vmnodes.moc"
