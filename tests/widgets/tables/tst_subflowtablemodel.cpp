#include "tables/subflowtablemodel.h"

#include "common/rowfilterproxy.h"

#include "telemetry/subflowmodel.h"
#include "telemetry/telemetrytest.h"

#include <QIcon>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

// The tables come from real `ss -tniM` captures run through the backend's SubflowModel, as the engine
// builds the `telemetry` event's `subflows`.
class TestSubflowTableModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); } // numbers as "42.5" whatever LANG says
    void rowsOfACapture_data();
    void rowsOfACapture();
    void stalledRowIsMarkedAndExplained();
    void closedRowIsGreyed();
    void changedRateTouchesOnlyThoseCells();
    void realNextSnapshotUpdatesInPlace();
    void goneAndNewRows();
    void sortsOnRawValues_data();
    void sortsOnRawValues();
    void proxyFiltersNodeAndText();
};

namespace {

// Snapshots of one node fed in order; the table as it stands after the last.
QJsonArray tableOf(const QString &node, const QList<test::CaptureBlock> &snapshots)
{
    SubflowModel model(test::seedLab());
    for (const test::CaptureBlock &block : snapshots)
        model.update(SubflowSample { node, block.atMs, parseSs(block.text).value });
    return model.toJson();
}

QJsonArray nodeAFixture()
{
    return tableOf(u"NodeA"_s, { { 1000, test::readFixture("ss-tniM-nodeA.txt") } });
}

QModelIndex cell(const SubflowTableModel &model, const QString &localEndpoint, int column)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, SubflowTableModel::LocalColumn).data().toString() == localEndpoint)
            return model.index(row, column);
    }
    return {};
}

QJsonArray withField(QJsonArray table, int row, const QString &field, const QJsonValue &value)
{
    QJsonObject object = table.at(row).toObject();
    object.insert(field, value);
    table.replace(row, object);
    return table;
}

} // namespace

void TestSubflowTableModel::rowsOfACapture_data()
{
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("remote");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("health");
    QTest::addColumn<QString>("ids");
    QTest::newRow("initial path1") << u"10.168.1.1:50124"_s << u"10.168.1.2:5001"_s << u"ESTAB"_s << u"active"_s
                                   << u"0 / 0"_s;
    QTest::newRow("join path2") << u"10.168.2.1:38315"_s << u"10.168.2.2:5001"_s << u"ESTAB"_s << u"active"_s
                                << u"2 / 1"_s;
    // Fullmesh cross joins across VLAN-isolated paths: the SYN is never answered.
    QTest::newRow("cross join eth1") << u"10.168.2.1:38515"_s << u"10.168.1.2:5001"_s
                                     << u"SYN-SENT (join never completed)"_s << u"stalled"_s << u"2 / 0"_s;
    QTest::newRow("cross join eth0") << u"10.168.1.1:60851"_s << u"10.168.2.2:5001"_s
                                     << u"SYN-SENT (join never completed)"_s << u"stalled"_s << u"0 / 1"_s;
}

void TestSubflowTableModel::rowsOfACapture()
{
    QFETCH(QString, local);
    QFETCH(QString, remote);
    QFETCH(QString, state);
    QFETCH(QString, health);
    QFETCH(QString, ids);
    SubflowTableModel model;
    model.setSubflows(nodeAFixture());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(SubflowTableModel::ColumnCount));
    const QModelIndex row = cell(model, local, SubflowTableModel::NodeColumn);
    QVERIFY2(row.isValid(), qPrintable(local));
    QCOMPARE(row.data().toString(), u"NodeA"_s);
    QCOMPARE(row.siblingAtColumn(SubflowTableModel::TokenColumn).data().toString(), u"724e7cdf"_s);
    QCOMPARE(row.siblingAtColumn(SubflowTableModel::RemoteColumn).data().toString(), remote);
    QCOMPARE(row.siblingAtColumn(SubflowTableModel::StateColumn).data().toString(), state);
    QCOMPARE(
        row.siblingAtColumn(SubflowTableModel::HealthColumn).data(SubflowTableModel::HealthRole).toString(), health);
    QCOMPARE(row.siblingAtColumn(SubflowTableModel::IdsColumn).data().toString(), ids);
    QCOMPARE(model.rowOfKey(row.data(SubflowTableModel::KeyRole).toString()), row.row());
}

void TestSubflowTableModel::stalledRowIsMarkedAndExplained()
{
    SubflowTableModel model;
    const QJsonArray table = nodeAFixture();
    model.setSubflows(table);
    const QModelIndex stalled = cell(model, u"10.168.2.1:38515"_s, SubflowTableModel::HealthColumn);
    const QModelIndex active = cell(model, u"10.168.1.1:50124"_s, SubflowTableModel::HealthColumn);
    QVERIFY(stalled.data(Qt::BackgroundRole).isValid());
    QVERIFY(stalled.data(Qt::ForegroundRole).isValid());
    QVERIFY(!active.data(Qt::BackgroundRole).isValid());
    // Not only colour: an icon and the word.
    QVERIFY(!stalled.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(!active.data(Qt::DecorationRole).isValid());
    QCOMPARE(stalled.data().toString(), u"stalled"_s);
    QVERIFY2(stalled.data(Qt::ToolTipRole).toString().startsWith(u"Stalled"_s),
        qPrintable(stalled.data(Qt::ToolTipRole).toString()));

    // With the engine's reason, every cell of the row says it, and the reason column shows it.
    const QString reason = u"the join's SYN to 10.168.1.2 got no answer for 12 s"_s;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSubflows(withField(table, stalled.row(), u"reason"_s, reason));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), stalled.siblingAtColumn(0));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), SubflowTableModel::ColumnCount - 1);
    for (int column : { int(SubflowTableModel::NodeColumn), int(SubflowTableModel::RateColumn) })
        QVERIFY(stalled.siblingAtColumn(column).data(Qt::ToolTipRole).toString().contains(reason));
    QCOMPARE(stalled.siblingAtColumn(SubflowTableModel::ReasonColumn).data().toString(), reason);
}

void TestSubflowTableModel::closedRowIsGreyed()
{
    SubflowTableModel model;
    const QJsonArray table = nodeAFixture();
    model.setSubflows(withField(table, 0, u"health"_s, u"closed"_s));
    const QModelIndex closed = model.index(0, SubflowTableModel::HealthColumn);
    QCOMPARE(closed.data().toString(), u"closed"_s);
    QVERIFY(closed.data(Qt::ForegroundRole).isValid());
    QVERIFY(!closed.data(Qt::BackgroundRole).isValid());
}

void TestSubflowTableModel::changedRateTouchesOnlyThoseCells()
{
    SubflowTableModel model;
    const QJsonArray table = nodeAFixture();
    model.setSubflows(table);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.setSubflows(table);
    QCOMPARE(changed.size(), 0); // the same table changes nothing

    const int row = model.rowOfKey(table.at(2).toObject().value(u"key"_s).toString());
    model.setSubflows(withField(table, 2, u"txBitsPerSecond"_s, 42.5e6));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(row, SubflowTableModel::RateColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(row, SubflowTableModel::RateColumn));
    QCOMPARE(model.index(row, SubflowTableModel::RateColumn).data().toString(), u"42.5"_s);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(reset.size(), 0);
}

void TestSubflowTableModel::realNextSnapshotUpdatesInPlace()
{
    // Two consecutive real snapshots, 207 ms apart: counters, rates and RTTs move, the subflows stay.
    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    const QJsonArray first = tableOf(u"NodeA"_s, capture.blocks.mid(0, 1));
    const QJsonArray second = tableOf(u"NodeA"_s, capture.blocks.mid(0, 2));
    SubflowTableModel model;
    model.setSubflows(first);
    const QPersistentModelIndex path1 = cell(model, u"10.168.1.1:35560"_s, SubflowTableModel::NodeColumn);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSubflows(second);
    QCOMPARE(model.rowCount(), int(first.size()));
    QCOMPARE(inserted.size() + removed.size() + reset.size(), 0);
    QVERIFY(changed.size() > 0);
    QSet<int> rateRows;
    for (const QList<QVariant> &signal : changed) {
        const QModelIndex from = signal.at(0).toModelIndex();
        const QModelIndex to = signal.at(1).toModelIndex();
        QCOMPARE(from.row(), to.row());
        // The node, token and addresses never change: only a health change repaints the whole row.
        if (from.column() == SubflowTableModel::NodeColumn)
            QCOMPARE(to.column(), SubflowTableModel::ColumnCount - 1);
        if (from.column() <= SubflowTableModel::RateColumn && to.column() >= SubflowTableModel::RateColumn)
            rateRows.insert(from.row());
    }
    QVERIFY(rateRows.contains(path1.row()));
    QCOMPARE(path1.data().toString(), u"NodeA"_s); // the row kept its place
}

void TestSubflowTableModel::goneAndNewRows()
{
    SubflowTableModel model;
    QJsonArray table = nodeAFixture();
    model.setSubflows(table);
    const QString goneKey = table.at(0).toObject().value(u"key"_s).toString();
    const QPersistentModelIndex kept
        = model.index(model.rowOfKey(table.at(3).toObject().value(u"key"_s).toString()), 0);
    const QString keptKey = kept.data(SubflowTableModel::KeyRole).toString();

    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    const QJsonArray other = tableOf(u"NodeA"_s, capture.blocks.mid(0, 1)); // another connection's subflows
    table.removeAt(0);
    for (const QJsonValue &row : other)
        table.append(row);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSubflows(table);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt() - inserted.at(0).at(1).toInt() + 1, int(other.size()));
    QCOMPARE(model.rowCount(), 3 + int(other.size()));
    QCOMPARE(model.rowOfKey(goneKey), -1);
    // A selection on a surviving row follows it.
    QVERIFY(kept.isValid());
    QCOMPARE(kept.data(SubflowTableModel::KeyRole).toString(), keptKey);

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(reset.size(), 0);
}

void TestSubflowTableModel::sortsOnRawValues_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QList<double>>("ascending");
    // As text, "100.0" < "9.5" and "1000 ms" < "204 ms": the proxy must sort the numbers.
    QTest::newRow("rate") << int(SubflowTableModel::RateColumn) << u"txBitsPerSecond"_s
                          << QList<double> { 9.5e6, 100e6, 0, 10.2e6 } << QList<double> { 0, 9.5e6, 10.2e6, 100e6 };
    QTest::newRow("rto") << int(SubflowTableModel::RtoColumn) << u"rtoMs"_s << QList<double> { 204, 1000, 3000, 212 }
                         << QList<double> { 204, 212, 1000, 3000 };
    QTest::newRow("rtt") << int(SubflowTableModel::RttColumn) << u"rttMs"_s << QList<double> { 8.357, 13.4, 1.092, 0 }
                         << QList<double> { 0, 1.092, 8.357, 13.4 };
}

void TestSubflowTableModel::sortsOnRawValues()
{
    QFETCH(int, column);
    QFETCH(QString, field);
    QFETCH(QList<double>, values);
    QFETCH(QList<double>, ascending);
    QJsonArray table = nodeAFixture();
    QCOMPARE(table.size(), values.size());
    for (int row = 0; row < table.size(); ++row) {
        table = withField(table, row, field, values.at(row));
        table = withField(table, row, u"rxBitsPerSecond"_s, 0);
    }
    SubflowTableModel model;
    model.setSubflows(table);
    RowFilterProxy proxy({ SubflowTableModel::SortRole, SubflowTableModel::NodeRole, {} });
    proxy.setSourceModel(&model);
    proxy.sort(column, Qt::AscendingOrder);
    QList<double> sorted;
    for (int row = 0; row < proxy.rowCount(); ++row)
        sorted << proxy.index(row, column).data(SubflowTableModel::SortRole).toDouble();
    QCOMPARE(sorted, ascending);

    // A new tick re-sorts through dataChanged alone.
    const int last = model.rowOfKey(proxy.index(proxy.rowCount() - 1, 0).data(SubflowTableModel::KeyRole).toString());
    model.setSubflows(withField(table, last, field, -1.0));
    QCOMPARE(proxy.index(0, column).data(SubflowTableModel::SortRole).toDouble(), -1.0);
}

void TestSubflowTableModel::proxyFiltersNodeAndText()
{
    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    QJsonArray table = nodeAFixture();
    for (const QJsonValue &row : tableOf(u"NodeB"_s, capture.blocks.mid(0, 1)))
        table.append(row);
    SubflowTableModel model;
    model.setSubflows(table);
    RowFilterProxy proxy(
        { SubflowTableModel::SortRole, SubflowTableModel::NodeRole, { SubflowTableModel::SearchTextRole } });
    proxy.setSourceModel(&model);
    QCOMPARE(proxy.rowCount(), int(table.size()));
    proxy.setNode(u"NodeB"_s);
    QCOMPARE(proxy.rowCount(), int(table.size()) - 4);
    proxy.setSearchText(u"never COMPLETED"_s);
    QCOMPARE(proxy.rowCount(), 0); // NodeB's SYN-SENT joins are new: still "in progress"
    proxy.setNode({});
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setSearchText(u"10.168.2.1:38315"_s);
    QCOMPARE(proxy.rowCount(), 1);
}

QTEST_MAIN(TestSubflowTableModel)
#include "tst_subflowtablemodel.moc"
