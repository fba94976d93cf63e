#include "common/rowfilterproxy.h"
#include "tables/endpointsview.h"
#include "tables/subflowpanel.h"
#include "tables/subflowtablemodel.h"

#include "telemetry/subflowmodel.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestSubflowPanel : public QObject
{
    Q_OBJECT

private slots:
    void endpointsOfEachNode_data();
    void endpointsOfEachNode();
    void endpointsReplacedNotAdded();
    void nodeFilterAndSearch();
    void selectionSaysWhichSubflow();
};

namespace {

QString fixture(const char *name)
{
    return QString::fromUtf8(test::readFixture(name));
}

QStringList childRows(const QStandardItem *node)
{
    QStringList rows;
    for (int row = 0; row < node->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < EndpointsView::ColumnCount; ++column)
            cells << (node->child(row, column) ? node->child(row, column)->text() : QString());
        rows << cells.join(u'|');
    }
    return rows;
}

} // namespace

void TestSubflowPanel::endpointsOfEachNode_data()
{
    QTest::addColumn<bool>("legacy");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("limits");
    QTest::addColumn<QStringList>("rows"); // address|id|flags|dev|port
    QTest::addColumn<QString>("summary");
    QTest::newRow("NodeA, fullmesh") << false << fixture("ip-mptcp-endpoint-nodeA.txt")
                                     << fixture("ip-mptcp-limits.txt")
                                     << QStringList { u"10.168.1.1|1|subflow fullmesh|eth0|"_s,
                                            u"10.168.2.1|2|subflow fullmesh|eth1|"_s }
                                     << u"N: at most 8 extra subflows, accepts 8 ADD_ADDR"_s;
    QTest::newRow("NodeB, signal") << false << fixture("ip-mptcp-endpoint-nodeB.txt") << QString()
                                   << QStringList { u"10.168.2.2|1|signal|eth1|"_s } << u"N"_s;
    QTest::newRow("no endpoints") << false << QString() << fixture("ip-mptcp-limits.txt") << QStringList()
                                  << u"N: no endpoints, at most 8 extra subflows, accepts 8 ADD_ADDR"_s;
    QTest::newRow("garbled line said") << false << u"10.168.1.1 id\n"_s << QString() << QStringList()
                                       << u"N: no endpoints (1 line(s) not understood)"_s;
    // The table as DOMAIN.md documents it: no out-of-tree kernel can be booted here to capture one.
    QTest::newRow("legacy") << true
                            << u"Index, Address-ID, Backup, IP-address\nIPv4, next v4-index: 4\n1, 2, 0, 10.168.1.1\n"
                               u"2, 3, 1, 10.168.2.1\nIPv6, next v6-index: 0\n"_s
                            << QString() << QStringList { u"10.168.1.1|2|||"_s, u"10.168.2.1|3|backup||"_s }
                            << u"N: out-of-tree kernel, fullmesh addresses"_s;
}

void TestSubflowPanel::endpointsOfEachNode()
{
    QFETCH(bool, legacy);
    QFETCH(QString, output);
    QFETCH(QString, limits);
    QFETCH(QStringList, rows);
    QFETCH(QString, summary);
    SubflowPanel panel;
    if (legacy)
        panel.setLegacyEndpoints(u"N"_s, output);
    else
        panel.setEndpoints(u"N"_s, output, limits);
    const QStandardItem *node = panel.endpointsView()->nodeItem(u"N"_s);
    QVERIFY(node);
    QCOMPARE(node->text(), summary);
    QCOMPARE(childRows(node), rows);
}

void TestSubflowPanel::endpointsReplacedNotAdded()
{
    EndpointsView view;
    view.setEndpoints(u"NodeA"_s, fixture("ip-mptcp-endpoint-nodeA.txt"), fixture("ip-mptcp-limits.txt"));
    view.setEndpoints(u"NodeB"_s, fixture("ip-mptcp-endpoint-nodeB.txt"), fixture("ip-mptcp-limits.txt"));
    QSignalSpy reset(view.endpointModel(), &QAbstractItemModel::modelReset);
    view.setEndpoints(u"NodeA"_s, fixture("ip-mptcp-endpoint-nodeB.txt"), QString());
    QCOMPARE(view.endpointModel()->rowCount(), 2);
    QCOMPARE(view.endpointModel()->item(0)->data(Qt::UserRole).toString(), u"NodeA"_s); // kept its place
    QCOMPARE(view.nodeItem(u"NodeA"_s)->rowCount(), 1);
    QCOMPARE(reset.size(), 0);
    view.removeNode(u"NodeA"_s);
    QCOMPARE(view.endpointModel()->rowCount(), 1);
    QVERIFY(!view.nodeItem(u"NodeA"_s));
}

void TestSubflowPanel::nodeFilterAndSearch()
{
    SubflowModel backend(test::seedLab());
    const SsSnapshot snapshot = parseSs(test::readFixture("ss-tniM-nodeA.txt")).value;
    backend.update(SubflowSample { u"NodeA"_s, 1000, snapshot });
    backend.update(SubflowSample { u"NodeB"_s, 1000, snapshot });
    SubflowPanel panel;
    panel.resize(900, 600);
    panel.setSubflows(backend.toJson());
    QCOMPARE(panel.proxy()->rowCount(), 8);
    panel.setNodeFilter(u"NodeB"_s);
    QCOMPARE(panel.proxy()->rowCount(), 4);
    panel.setSearchText(u"SYN-SENT"_s);
    QCOMPARE(panel.proxy()->rowCount(), 2);
    panel.setNodeFilter({});
    QCOMPARE(panel.proxy()->rowCount(), 4);
    QVERIFY(!panel.grab().isNull());
}

void TestSubflowPanel::selectionSaysWhichSubflow()
{
    SubflowModel backend(test::seedLab());
    backend.update(SubflowSample { u"NodeA"_s, 1000, parseSs(test::readFixture("ss-tniM-nodeA.txt")).value });
    SubflowPanel panel;
    panel.setSubflows(backend.toJson());
    QSignalSpy current(&panel, &SubflowPanel::currentSubflowChanged);
    const QModelIndex first = panel.proxy()->index(0, 0);
    panel.tableView()->setCurrentIndex(first);
    QCOMPARE(current.size(), 1);
    QCOMPARE(current.at(0).at(0).toString(), first.data(SubflowTableModel::KeyRole).toString());
    // The next tick keeps the current row.
    panel.setSubflows(backend.toJson());
    QCOMPARE(panel.tableView()->currentIndex(), first);
    QCOMPARE(current.size(), 1);
}

QTEST_MAIN(TestSubflowPanel)
#include "tst_subflowpanel.moc"
