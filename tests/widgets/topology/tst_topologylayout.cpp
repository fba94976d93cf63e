#include "lab/labfile.h"
#include "topology/topologylayout.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineF>
#include <QTest>

#include <cmath>

using namespace mlab;

namespace {

// A valid lab of any size: every node on every path, one management interface each. Shared paths (more than two
// ends) need no defaultPath, so none is given.
QByteArray generatedLab(int nodeCount, int pathCount)
{
    QJsonArray vlans;
    QJsonArray paths;
    for (int p = 1; p <= pathCount; ++p) {
        vlans.append(p);
        paths.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("path%1").arg(p) },
            { QStringLiteral("vlan"), p }, { QStringLiteral("table"), p } });
    }
    vlans.append(100);
    vlans.append(101);
    QJsonArray nodes;
    for (int n = 1; n <= nodeCount; ++n) {
        const auto iface = [n](const QString &name, int net, int port) {
            return QJsonObject { { QStringLiteral("name"), name },
                { QStringLiteral("mac"),
                    QStringLiteral("52:54:00:%1:%2:01")
                        .arg(n, 2, 16, QLatin1Char('0'))
                        .arg(net, 2, 16, QLatin1Char('0')) },
                { QStringLiteral("address"), QStringLiteral("10.168.%1.%2/24").arg(net).arg(n) },
                { QStringLiteral("port"), port } };
        };
        QJsonArray interfaces;
        for (int p = 1; p <= pathCount; ++p) {
            QJsonObject onPath = iface(QStringLiteral("eth%1").arg(p), p, 100 + n * 10 + p);
            onPath.insert(QStringLiteral("path"), QStringLiteral("path%1").arg(p));
            interfaces.append(onPath);
        }
        QJsonObject management = iface(QStringLiteral("mgmt0"), 255, 1 + n);
        management.insert(QStringLiteral("management"), true);
        interfaces.append(management);
        nodes.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("Node%1").arg(n) },
            { QStringLiteral("interfaces"), interfaces } });
    }
    const QJsonObject lab { { QStringLiteral("format"), QStringLiteral("mptcplab-lab/1") },
        { QStringLiteral("name"), QStringLiteral("generated") },
        { QStringLiteral("switch"),
            QJsonObject { { QStringLiteral("vlans"), vlans }, { QStringLiteral("deadVlan"), 101 },
                { QStringLiteral("ports"), 1024 } } },
        { QStringLiteral("management"),
            QJsonObject { { QStringLiteral("vlan"), 100 }, { QStringLiteral("hostTap"), QStringLiteral("tap0") },
                { QStringLiteral("hostPort"), 1 },
                { QStringLiteral("hostAddress"), QStringLiteral("10.168.255.254/24") } } },
        { QStringLiteral("paths"), paths }, { QStringLiteral("nodes"), nodes } };
    return QJsonDocument(lab).toJson();
}

QRectF boxAt(const QPointF &centre)
{
    return QRectF(centre - QPointF(kNodeBoxSize.width(), kNodeBoxSize.height()) / 2.0, kNodeBoxSize);
}

} // namespace

class TestTopologyLayout : public QObject
{
    Q_OBJECT

private slots:
    void layoutOfAnyLab_data()
    {
        QTest::addColumn<QByteArray>("json");
        const auto file = [](const char *relative) {
            QFile lab(QStringLiteral(MPTCPLAB_SOURCE_DIR "/") + QLatin1String(relative));
            return lab.open(QIODevice::ReadOnly) ? lab.readAll() : QByteArray();
        };
        QTest::newRow("seed") << file("resources/labs/seed.json");
        QTest::newRow("three-paths") << file("tests/fixtures/labs/three-paths.json");
        QTest::newRow("three-nodes") << file("tests/fixtures/labs/three-nodes.json");
        QTest::newRow("5 nodes, 3 paths") << generatedLab(5, 3);
        QTest::newRow("8 nodes, 2 paths") << generatedLab(8, 2);
        QTest::newRow("12 nodes, 4 paths") << generatedLab(12, 4);
        QTest::newRow("2 nodes, 8 paths") << generatedLab(2, 8);
    }
    void layoutOfAnyLab()
    {
        QFETCH(QByteArray, json);
        const Result<Lab> lab = parseLab(json, QStringLiteral("lab.json"));
        QVERIFY2(lab.ok(), qPrintable(lab.error()));
        const TopologyLayout layout = layoutTopology(*lab);

        // The same lab always looks the same, so saved and default positions mean the same thing next time.
        const TopologyLayout again = layoutTopology(*lab);
        QCOMPARE(again.boxes, layout.boxes);
        QCOMPARE(again.sockets, layout.sockets);

        QCOMPARE(layout.boxes.size(), lab->nodes.size() + 1);
        QVERIFY(layout.boxes.contains(hostBoxName()));
        const QRectF disc(-layout.switchRadius, -layout.switchRadius, 2 * layout.switchRadius, 2 * layout.switchRadius);
        for (auto a = layout.boxes.cbegin(); a != layout.boxes.cend(); ++a) {
            QVERIFY2(!boxAt(*a).intersects(disc), qPrintable(a.key()));
            QVERIFY(layout.bounds.adjusted(-0.01, -0.01, 0.01, 0.01).contains(boxAt(*a))); // rounding in the union
            for (auto b = layout.boxes.cbegin(); b != layout.boxes.cend(); ++b)
                QVERIFY2(a == b || !boxAt(*a).intersects(boxAt(*b)), qPrintable(a.key() + u' ' + b.key()));
        }

        // A socket for every used port, on the rim, none on top of another.
        QCOMPARE(layout.sockets.keys(), lab->usedPorts());
        for (auto a = layout.sockets.cbegin(); a != layout.sockets.cend(); ++a) {
            QVERIFY(std::abs(QLineF(QPointF(), *a).length() - layout.switchRadius) < 0.01);
            for (auto b = std::next(a); b != layout.sockets.cend(); ++b)
                QVERIFY2(QLineF(*a, *b).length() >= kSocketDiameter,
                    qPrintable(QStringLiteral("%1 %2").arg(a.key()).arg(b.key())));
        }
    }
};

QTEST_GUILESS_MAIN(TestTopologyLayout)
#include "tst_topologylayout.moc"
