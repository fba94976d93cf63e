#include "plots/plotcontrols.h"
#include "plots/throughputplot.h"

#include "plottestdata.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mlab;

class TestPlotControls : public QObject
{
    Q_OBJECT

private slots:
    void windowChoiceDrivesThePlot_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("seconds");
        QTest::newRow("30 s") << 0 << 30;
        QTest::newRow("2 min") << 1 << 120;
        QTest::newRow("10 min") << 2 << 600;
        QTest::newRow("all") << 3 << 0;
    }

    void windowChoiceDrivesThePlot()
    {
        QFETCH(int, index);
        QFETCH(int, seconds);
        ThroughputPlot plot;
        PlotControls controls(&plot);
        auto *combo = controls.findChildren<QComboBox *>().constFirst();
        Q_EMIT combo->activated(index); // what a user's pick emits
        QCOMPARE(plot.window(), seconds);
        plot.setWindow(30); // and back: the combo follows the plot
        QCOMPARE(combo->currentData().toInt(), 30);
    }

    void pauseFollowsBothWays()
    {
        ThroughputPlot plot;
        PlotControls controls(&plot);
        QVERIFY(controls.pauseAction()->isCheckable());
        QVERIFY(!controls.pauseAction()->statusTip().isEmpty());
        controls.pauseAction()->trigger();
        QVERIFY(plot.isPaused());
        plot.setPaused(false); // e.g. a double click on the plot
        QVERIFY(!controls.pauseAction()->isChecked());
    }

    void sourceChoiceDrivesThePlot()
    {
        ThroughputPlot plot;
        PlotControls controls(&plot);
        auto *combo = controls.findChildren<QComboBox *>().at(1);
        Q_EMIT combo->activated(combo->findData(int(ThroughputPlot::Source::Switch)));
        QCOMPARE(plot.source(), ThroughputPlot::Source::Switch);
    }

    void exportReportsItsOutcome()
    {
        QTemporaryDir dir;
        ThroughputPlot plot;
        plot.addTelemetry(plottest::batch({ { QStringLiteral("total"), plottest::points(0, 1000, 100, 1e6) } }));
        PlotControls controls(&plot);
        QSignalSpy messages(&controls, &PlotControls::statusMessage);
        const QString path = dir.filePath(QStringLiteral("all.csv"));
        QVERIFY(controls.exportTo(PlotControls::ExportFormat::CsvAll, path));
        QVERIFY(QFileInfo(path).size() > 0);
        QCOMPARE(messages.count(), 1);
        QVERIFY(controls.statusText().contains(path));

        const QString bad = QStringLiteral("/nonexistent-mptcplab-folder/plot.png");
        QVERIFY(!controls.exportTo(PlotControls::ExportFormat::Png, bad));
        QVERIFY2(messages.last().constFirst().toString().contains(bad), qPrintable(controls.statusText()));
        QCOMPARE(controls.statusText(), messages.last().constFirst().toString());
        for (auto format : { PlotControls::ExportFormat::Png, PlotControls::ExportFormat::Pdf,
                 PlotControls::ExportFormat::CsvVisible, PlotControls::ExportFormat::CsvAll })
            QVERIFY(!controls.exportAction(format)->text().isEmpty());
    }
};

QTEST_MAIN(TestPlotControls)
#include "tst_plotcontrols.moc"
