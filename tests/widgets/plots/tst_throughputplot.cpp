#include "plots/throughputplot.h"

#include "plottestdata.h"

#include "mptcp/monitorparser.h"
#include "telemetry/eventlog.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mlab;
using namespace plottest;
using Counts = QMap<QString, int>;

namespace {

QJsonObject labEvent(
    qint64 atMs, const QString &kind, const QString &text, const QJsonObject &detail = {}, const QString &node = {})
{
    return toJson(LabEvent { T0 + atMs, kind, node, text, detail });
}

void feed(ThroughputPlot &plot, const QList<QJsonObject> &batches)
{
    for (const QJsonObject &b : batches)
        plot.addTelemetry(b);
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-6;
}

} // namespace

class TestThroughputPlot : public QObject
{
    Q_OBJECT

private slots:
    void seriesBecomeGraphs_data()
    {
        QTest::addColumn<QList<QJsonObject>>("batches");
        QTest::addColumn<Counts>("expected");
        const QString a = QStringLiteral("path/a");
        const QString total = QStringLiteral("total");
        QTest::newRow("one batch") << QList<QJsonObject> { batch({ { a, points(0, 900, 100, 1e6) } }) }
                                   << Counts { { a, 10 } };
        QTest::newRow("split across batches") << QList<QJsonObject> { batch({ { a, points(0, 400, 100, 1e6) } }),
            batch({ { a, points(500, 900, 100, 1e6) } }) }
                                              << Counts { { a, 10 } };
        QTest::newRow("overlap is not duplicated") << QList<QJsonObject> { batch({ { a, points(0, 500, 100, 1e6) } }),
            batch({ { a, points(300, 900, 100, 1e6) } }) }
                                                   << Counts { { a, 10 } };
        QTest::newRow("unsorted within a batch") << QList<QJsonObject> { batch({ { a,
            QJsonArray { QJsonArray { double(T0 + 200), 1e6 }, QJsonArray { double(T0), 1e6 },
                QJsonArray { double(T0 + 100), 1e6 } } } }) }
                                                 << Counts { { a, 3 } };
        QTest::newRow("paths and total, others ignored")
            << QList<QJsonObject> { batch({ { a, points(0, 900, 100, 1e6) },
                   { QStringLiteral("path/b"), points(0, 400, 100, 1e6) }, { total, points(0, 900, 100, 2e6) },
                   { QStringLiteral("subflow/NodeA/724e7cdf/10.168.1.1:50124"), points(0, 900, 250, 1e6) } }) }
            << Counts { { a, 10 }, { QStringLiteral("path/b"), 5 }, { total, 10 } };
    }

    void seriesBecomeGraphs()
    {
        QFETCH(QList<QJsonObject>, batches);
        QFETCH(Counts, expected);
        ThroughputPlot plot;
        feed(plot, batches);
        QCOMPARE(plot.shownSeries(), QStringList(expected.keys())); // these sort as shown: paths, then the total
        QCOMPARE(plot.customPlot()->graphCount(), expected.size());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            const QCPGraph *graph = plot.graph(it.key());
            QVERIFY2(graph, qPrintable(it.key()));
            QCOMPARE(graph->data()->size(), it.value());
            QVERIFY(graph->adaptiveSampling());
        }
        // The first point is the origin, values are in Mbit/s, keys ascend.
        const auto data = plot.graph(QStringLiteral("path/a"))->data();
        QCOMPARE(plot.timeOrigin().value_or(-1), T0);
        QVERIFY(near(data->constBegin()->key, 0.0));
        QVERIFY(near(data->constBegin()->value, 1.0));
        QVERIFY(std::is_sorted(data->constBegin(), data->constEnd(), qcpLessThanSortKey<QCPGraphData>));
    }

    void historyFillsInWithoutDuplicates()
    {
        ThroughputPlot plot;
        plot.setTimeOrigin(T0);
        feed(plot, run(5000, 9900)); // live batches first, as when the app connects to a running lab
        QJsonObject history = batch({ { QStringLiteral("path/a"), points(0, 9900, 100, 20e6) } },
            { labEvent(6000, QStringLiteral("break"), QStringLiteral("port 10 moved to the dead VLAN"),
                { { QStringLiteral("port"), 10 } }) });
        plot.addHistory(history);
        plot.addHistory(history); // twice: still nothing doubled
        const auto data = plot.graph(QStringLiteral("path/a"))->data();
        QCOMPARE(data->size(), 100);
        QVERIFY(near(data->constBegin()->key, 0.0));
        QVERIFY(near((data->constEnd() - 1)->key, 9.9));
        QCOMPARE(plot.markers().size(), 1);
    }

    void originMovesData()
    {
        ThroughputPlot plot;
        feed(plot, run(1000, 1900));
        QCOMPARE(plot.timeOrigin().value_or(-1), T0 + 1000);
        plot.setTimeOrigin(T0);
        QVERIFY(near(plot.graph(QStringLiteral("total"))->data()->constBegin()->key, 1.0));
        plot.clear();
        QCOMPARE(plot.customPlot()->graphCount(), 0);
        QVERIFY(!plot.timeOrigin());
    }

    void markersFromEvents_data()
    {
        QTest::addColumn<QJsonObject>("event");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("label");
        const QJsonObject port { { QStringLiteral("port"), 10 } };
        QTest::newRow("break, as the engine notes it")
            << labEvent(1000, QStringLiteral("break"), QStringLiteral("port 10 moved to the dead VLAN"), port)
            << int(MarkerKind::Break) << QStringLiteral("port 10 broken");
        QTest::newRow("break naming link and mode")
            << labEvent(1000, QStringLiteral("break"), QStringLiteral("port 10 moved to the dead VLAN"),
                   { { QStringLiteral("port"), 10 }, { QStringLiteral("link"), QStringLiteral("NodeA:eth0") },
                       { QStringLiteral("mode"), QStringLiteral("cut") } })
            << int(MarkerKind::Break) << QStringLiteral("NodeA:eth0 cut");
        QTest::newRow("restore") << labEvent(
            2000, QStringLiteral("restore"), QStringLiteral("port 10 back on VLAN 1"), port)
                                 << int(MarkerKind::Restore) << QStringLiteral("port 10 restored");
        QTest::newRow("stale subflow (nstat)") << labEvent(1500, QStringLiteral("mptcp"),
            QStringLiteral("a subflow was marked stale (no progress: path failing) (MPTcpExtSubflowStale +1)"),
            { { QStringLiteral("MPTcpExtSubflowStale"), 3 } }, QStringLiteral("NodeA"))
                                               << int(MarkerKind::MptcpEvent) << QStringLiteral("subflow stale");
        QTest::newRow("note") << labEvent(0, QStringLiteral("note"), QStringLiteral("sampler of NodeB failed"))
                              << int(MarkerKind::Other) << QStringLiteral("note");
    }

    void markersFromEvents()
    {
        QFETCH(QJsonObject, event);
        QFETCH(int, kind);
        QFETCH(QString, label);
        ThroughputPlot plot;
        plot.setTimeOrigin(T0);
        plot.addTelemetry(batch({}, { event }));
        QCOMPARE(plot.markers().size(), 1);
        QCOMPARE(int(plot.markers().constFirst().kind), kind);
        QCOMPARE(plot.markers().constFirst().label, label);
        QVERIFY(plot.markers().constFirst().details.contains(event.value(QStringLiteral("text")).toString()));
        // One vertical line and one label per marker.
        QCOMPARE(plot.customPlot()->itemCount(), 2);
    }

    void mptcpMarkersFromMonitorCapture()
    {
        QFile capture(QStringLiteral(MPTCPLAB_FIXTURES_DIR "/ip-mptcp-monitor.txt"));
        QVERIFY(capture.open(QIODevice::ReadOnly));
        const Parsed<QList<MptcpEvent>> parsed = parseMonitor(capture.readAll());
        QJsonArray events;
        qint64 at = 0;
        for (const MptcpEvent &event : parsed.value) // worded like TelemetryHub::onMptcpEvent: the name first
            events.append(labEvent(at += 10, QStringLiteral("mptcp"),
                event.name + QStringLiteral(" token ") + event.token, {}, QStringLiteral("NodeA")));
        ThroughputPlot plot;
        plot.addTelemetry(batch({}, events));
        QStringList labels;
        for (const MarkerSpec &marker : plot.markers())
            labels << marker.label;
        QCOMPARE(labels,
            QStringList({ QStringLiteral("MPTCP connection"), QStringLiteral("MPTCP connection"),
                QStringLiteral("address announced"), QStringLiteral("new subflow"),
                QStringLiteral("connection closed") }));
        QVERIFY(plot.markers().at(3).details.startsWith(QStringLiteral("NodeA: SF_ESTABLISHED")));
    }

    void linkEventAndEventLogMakeOneMarker()
    {
        ThroughputPlot plot;
        plot.setTimeOrigin(T0);
        plot.addTelemetry(batch({},
            { labEvent(6000, QStringLiteral("break"), QStringLiteral("port 10 moved to the dead VLAN"),
                { { QStringLiteral("port"), 10 } }) }));
        plot.addLinkEvent({ { QStringLiteral("port"), 10 }, { QStringLiteral("link"), QStringLiteral("NodeA:eth0") },
            { QStringLiteral("broken"), true }, { QStringLiteral("mode"), QStringLiteral("cut") },
            { QStringLiteral("atMs"), double(T0 + 6003) } });
        plot.addMarker(
            T0 + 12000, QStringLiteral("NodeA:eth0 restored"), QStringLiteral("by hand"), MarkerKind::Restore);
        QCOMPARE(plot.markers().size(), 2);
        const MarkerSpec broken = plot.markers().constFirst();
        QCOMPARE(broken.label, QStringLiteral("NodeA:eth0 cut"));
        QVERIFY(broken.details.contains(QStringLiteral("dead VLAN")));
        QVERIFY(broken.details.contains(QStringLiteral("switch port 10")));
        QCOMPARE(plot.markers().at(1).label, QStringLiteral("NodeA:eth0 restored"));
        QCOMPARE(plot.customPlot()->itemCount(), 4);
    }

    void windowMovesRange_data()
    {
        QTest::addColumn<int>("window");
        QTest::addColumn<double>("lower");
        QTest::addColumn<double>("upper");
        QTest::newRow("30 s") << 30 << 70.0 << 100.0;
        QTest::newRow("2 min, not yet full") << 120 << 0.0 << 120.0;
        QTest::newRow("all") << 0 << 0.0 << 100.0;
    }

    void windowMovesRange()
    {
        QFETCH(int, window);
        QFETCH(double, lower);
        QFETCH(double, upper);
        ThroughputPlot plot;
        plot.resize(800, 400);
        plot.show();
        plot.setWindow(window);
        feed(plot, run(0, 100'000));
        // The y axis fits the visible data (50 Mbit/s total) with headroom; waiting for it also waits for the tick
        // when the window is the initial one.
        QTRY_VERIFY(plot.yRange().upper > 50 && plot.yRange().upper < 60);
        QVERIFY(near(plot.xRange().lower, lower) && near(plot.xRange().upper, upper));
    }

    void pauseKeepsRange()
    {
        ThroughputPlot plot;
        plot.show();
        plot.setWindow(30);
        feed(plot, run(0, 100'000));
        QTRY_VERIFY(near(plot.xRange().upper, 100.0));
        QSignalSpy paused(&plot, &ThroughputPlot::pausedChanged);
        plot.setPaused(true);
        QCOMPARE(paused.count(), 1);
        feed(plot, run(100'100, 120'000));
        QTest::qWait(4 * ThroughputPlot::ReplotIntervalMs);
        QVERIFY(near(plot.xRange().lower, 70.0) && near(plot.xRange().upper, 100.0));
        QCOMPARE(plot.graph(QStringLiteral("total"))->data()->size(), 1201); // stored all the same
        plot.setPaused(false);
        QTRY_VERIFY(near(plot.xRange().lower, 90.0) && near(plot.xRange().upper, 120.0));
    }

    void replotsFromTheTimerOnly()
    {
        ThroughputPlot plot;
        plot.resize(800, 400);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QTest::qWait(4 * ThroughputPlot::ReplotIntervalMs); // let the replots of showing it pass
        QSignalSpy replots(plot.customPlot(), &QCustomPlot::afterReplot);
        feed(plot, run(0, 19'800)); // 100 batches at once, far faster than one timer period
        QCOMPARE(replots.count(), 0);
        QTRY_COMPARE(replots.count(), 1);
        QTest::qWait(4 * ThroughputPlot::ReplotIntervalMs);
        QCOMPARE(replots.count(), 1); // nothing new, nothing drawn
        QCOMPARE(plot.graph(QStringLiteral("path/a"))->data()->size(), 199);
    }

    // Before the first curve the legend is empty; the axes must still take the plot's width (they were squeezed
    // to a few pixels, which is what a class saw on opening the window).
    void axesTakeTheWidthBeforeAnyCurve()
    {
        ThroughputPlot plot;
        plot.resize(800, 400);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QCOMPARE(plot.customPlot()->legend->itemCount(), 0);
        plot.customPlot()->replot();
        QVERIFY2(plot.customPlot()->axisRect()->width() > 600,
            qPrintable(QStringLiteral("axis rect %1 px wide").arg(plot.customPlot()->axisRect()->width())));
        feed(plot, run(0, 1'000));
        plot.customPlot()->replot();
        QVERIFY(plot.customPlot()->legend->itemCount() > 0);
        QVERIFY(plot.customPlot()->axisRect()->width() > 600);
    }

    void sourceChoosesCounters()
    {
        ThroughputPlot plot;
        plot.addTelemetry(batch({ { QStringLiteral("path/a"), points(0, 900, 100, 1e6) },
            { QStringLiteral("total"), points(0, 900, 100, 1e6) },
            { QStringLiteral("switch/path/a"), points(0, 900, 100, 2e6) },
            { QStringLiteral("switch/total"), points(0, 900, 100, 2e6) } }));
        QCOMPARE(plot.shownSeries(), QStringList({ QStringLiteral("path/a"), QStringLiteral("total") }));
        QVERIFY(!plot.graph(QStringLiteral("switch/path/a"))->visible());
        QCOMPARE(plot.customPlot()->legend->itemCount(), 2);
        plot.setSource(ThroughputPlot::Source::Switch);
        QCOMPARE(plot.shownSeries(), QStringList({ QStringLiteral("switch/path/a"), QStringLiteral("switch/total") }));
        QVERIFY(plot.graph(QStringLiteral("switch/path/a"))->visible());
        QVERIFY(!plot.graph(QStringLiteral("path/a"))->visible());
        QCOMPARE(plot.graph(QStringLiteral("switch/path/a"))->pen().color(),
            plot.graph(QStringLiteral("path/a"))->pen().color());
    }

    void coloursAreStableAndDistinct()
    {
        const QStringList names { QStringLiteral("path/path1"), QStringLiteral("path/path2"),
            QStringLiteral("path/wan") };
        ThroughputPlot forward;
        ThroughputPlot backward;
        for (qsizetype i = 0; i < names.size(); ++i) {
            forward.addTelemetry(batch({ { names.at(i), points(0, 100, 100, 1e6) } }));
            backward.addTelemetry(batch({ { names.at(names.size() - 1 - i), points(0, 100, 100, 1e6) } }));
        }
        QSet<QRgb> colours;
        for (const QString &name : names) {
            QCOMPARE(forward.graph(name)->pen(), backward.graph(name)->pen());
            colours.insert(forward.graph(name)->pen().color().rgb());
        }
        QCOMPARE(colours.size(), names.size());
    }

    void hoverShowsMarkerDetails()
    {
        ThroughputPlot plot;
        plot.resize(800, 400);
        plot.show();
        plot.setWindow(30);
        feed(plot, run(0, 20'000));
        plot.addMarker(
            T0 + 10'000, QStringLiteral("NodeA:eth0 cut"), QStringLiteral("port 10 moved"), MarkerKind::Break);
        plot.customPlot()->replot(); // lays out the axis rect
        const QCPAxisRect *rect = plot.customPlot()->axisRect();
        const int x = qRound(plot.customPlot()->xAxis->coordToPixel(10.0));
        const int y = rect->rect().center().y();
        QCOMPARE(plot.markerToolTipAt(QPoint(x + 2, y)), QStringLiteral("10.0 s: port 10 moved"));
        QCOMPARE(plot.markerToolTipAt(QPoint(x + 40, y)), QString());
    }

    void exportWritesFiles()
    {
        QTemporaryDir dir;
        ThroughputPlot plot;
        plot.resize(800, 400);
        plot.show();
        plot.setWindow(30);
        feed(plot, run(0, 60'000));
        const QString png = dir.filePath(QStringLiteral("plot.png"));
        const QString pdf = dir.filePath(QStringLiteral("plot.pdf"));
        const QString visible = dir.filePath(QStringLiteral("visible.csv"));
        const QString all = dir.filePath(QStringLiteral("all.csv"));
        const Status pngDone = plot.exportPng(png);
        QVERIFY2(pngDone, qPrintable(pngDone.error()));
        QCOMPARE(QImage(png).size(), QSize(800, 400));
        const Status pdfDone = plot.exportPdf(pdf);
        QVERIFY2(pdfDone, qPrintable(pdfDone.error()));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5) == "%PDF-");
        QVERIFY(plot.exportCsv(visible, ThroughputPlot::ExportRange::Visible));
        QVERIFY(plot.exportCsv(all, ThroughputPlot::ExportRange::All));

        auto lines = [](const QString &path) {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll().split('\n') : QList<QByteArray>();
        };
        const QList<QByteArray> visibleLines = lines(visible);
        const QList<QByteArray> allLines = lines(all);
        QCOMPARE(visibleLines.constFirst(), QByteArray("time_s,path/a_Mbps,path/b_Mbps,total_Mbps"));
        QCOMPARE(allLines.size(), 1 + 601 + 1); // header, 60 s at 10 Hz with both ends, the final newline
        QCOMPARE(visibleLines.size(), 1 + 301 + 1); // [30, 60]
        QCOMPARE(visibleLines.at(1), QByteArray("30.000,20.000000,30.000000,50.000000"));
        QCOMPARE(allLines.at(601), QByteArray("60.000,20.000000,30.000000,50.000000"));
    }

    void exportFailureNamesThePath()
    {
        ThroughputPlot plot;
        const QString path = QStringLiteral("/nonexistent-mptcplab-folder/plot.csv");
        for (const Status &done : { plot.exportCsv(path), plot.exportPng(path), plot.exportPdf(path) }) {
            QVERIFY(!done);
            QVERIFY2(done.error().contains(path), qPrintable(done.error()));
            QVERIFY2(done.error().contains(QStringLiteral("does not exist")), qPrintable(done.error()));
        }
    }
};

QTEST_MAIN(TestThroughputPlot)
#include "tst_throughputplot.moc"
