#include "plots/markerlayer.h"

#include <qcustomplot.h>

#include <QTest>

using namespace mlab;

namespace {

MarkerSpec spec(qint64 atMs, MarkerKind kind, const QString &label)
{
    return MarkerSpec { atMs, kind, label, label, -1, QString() };
}

QList<bool> labelsShown(QCustomPlot &plot)
{
    QList<bool> shown;
    for (int i = 0; i < plot.itemCount(); ++i) {
        if (auto *text = qobject_cast<QCPItemText *>(plot.item(i)))
            shown << text->visible();
    }
    return shown;
}

// A plot showing [0, 30] s, laid out, as the throughput plot has it when it places labels.
void showThirtySeconds(QCustomPlot &plot)
{
    plot.resize(800, 400);
    plot.xAxis->setRange(0, 30);
    plot.replot();
}

} // namespace

class TestMarkerLayer : public QObject
{
    Q_OBJECT

private slots:
    void minorMarkersAreCapped()
    {
        QCustomPlot plot;
        MarkerLayer layer(&plot);
        QVERIFY(layer.add(spec(500, MarkerKind::Break, QStringLiteral("port 10 broken"))));
        for (int i = 0; i < 1000; ++i)
            layer.add(spec(i, MarkerKind::MptcpEvent, QStringLiteral("-sf")));
        QCOMPARE(layer.markers().size(), MarkerLayer::MaxMinorMarkers + 1);
        QCOMPARE(layer.droppedMinor(), qint64(1000 - MarkerLayer::MaxMinorMarkers));
        QCOMPARE(plot.itemCount(), 2 * (MarkerLayer::MaxMinorMarkers + 1)); // the dropped ones' items are gone
        QCOMPARE(int(layer.markers().constFirst().kind), int(MarkerKind::Break)); // never pushed out by minor ones
        QCOMPARE(layer.markers().at(1).atMs, qint64(1000 - MarkerLayer::MaxMinorMarkers)); // the newest are kept
        QVERIFY(!layer.add(spec(0, MarkerKind::MptcpEvent, QStringLiteral("-sf")))); // older than all kept
        layer.clear();
        QCOMPARE(plot.itemCount(), 0);
    }

    void sameEventTwiceIsOneMarker()
    {
        QCustomPlot plot;
        MarkerLayer layer(&plot);
        QVERIFY(layer.add(spec(100, MarkerKind::MptcpEvent, QStringLiteral("+sf"))));
        QVERIFY(!layer.add(spec(100, MarkerKind::MptcpEvent, QStringLiteral("+sf")))); // e.g. a history repeating it
        QCOMPARE(layer.markers().size(), 1);
    }

    void labelsDoNotOverprint_data()
    {
        QTest::addColumn<QList<qint64>>("atMs");
        QTest::addColumn<QList<int>>("kinds");
        QTest::addColumn<QList<bool>>("labelled");
        const int cut = int(MarkerKind::Break);
        const int back = int(MarkerKind::Restore);
        QTest::newRow("far apart") << QList<qint64> { 5000, 15000 } << QList<int> { cut, cut }
                                   << QList<bool> { true, true };
        QTest::newRow("close: the newer is named")
            << QList<qint64> { 5000, 5100 } << QList<int> { cut, cut } << QList<bool> { false, true };
        QTest::newRow("a restore right after: the break is named")
            << QList<qint64> { 5000, 5100 } << QList<int> { cut, back } << QList<bool> { true, false };
        QTest::newRow("out of view") << QList<qint64> { -5000, 15000 } << QList<int> { cut, back }
                                     << QList<bool> { false, true };
    }

    void labelsDoNotOverprint()
    {
        QFETCH(QList<qint64>, atMs);
        QFETCH(QList<int>, kinds);
        QFETCH(QList<bool>, labelled);
        QCustomPlot plot;
        MarkerLayer layer(&plot);
        for (qsizetype i = 0; i < atMs.size(); ++i)
            layer.add(spec(atMs.at(i), MarkerKind(kinds.at(i)), QStringLiteral("NodeA:eth0 cut")));
        showThirtySeconds(plot);
        layer.layoutLabels();
        QCOMPARE(labelsShown(plot), labelled);
    }

    void crowdedMinorMarkersAreNotLabelled_data()
    {
        QTest::addColumn<int>("events");
        QTest::addColumn<bool>("labelled");
        QTest::newRow("few") << MarkerLayer::MaxMinorLabels << true;
        QTest::newRow("crowded") << MarkerLayer::MaxMinorLabels + 1 << false;
    }

    void crowdedMinorMarkersAreNotLabelled()
    {
        QFETCH(int, events);
        QFETCH(bool, labelled);
        QCustomPlot plot;
        MarkerLayer layer(&plot);
        for (int i = 0; i < events; ++i)
            layer.add(spec(500 * i, MarkerKind::MptcpEvent, QStringLiteral("+sf")));
        showThirtySeconds(plot);
        layer.layoutLabels();
        QCOMPARE(labelsShown(plot).contains(true), labelled);
    }

    void toolTipListsTheNearMarkers()
    {
        QCustomPlot plot;
        MarkerLayer layer(&plot);
        layer.add(MarkerSpec { 10'000, MarkerKind::Break, QStringLiteral("NodeA:eth0 cut"),
            QStringLiteral("port 10 moved to the dead VLAN"), 10, QString() });
        layer.add(MarkerSpec { 10'050, MarkerKind::MptcpEvent, QStringLiteral("-sf"),
            QStringLiteral("NodeA: SF_CLOSED token 1"), -1, QString() });
        showThirtySeconds(plot);
        const double x = plot.xAxis->coordToPixel(10.0);
        QCOMPARE(layer.toolTipAt(x, 4),
            QStringLiteral("10.0 s: port 10 moved to the dead VLAN\n10.1 s: NodeA: SF_CLOSED token 1"));
        QCOMPARE(layer.toolTipAt(x + 50, 4), QString());
    }
};

QTEST_MAIN(TestMarkerLayer)
#include "tst_markerlayer.moc"
