#include "common/widgetsversion.h"

#include <QApplication>
#include <QTest>

class TestWidgetsVersion : public QObject
{
    Q_OBJECT

private slots:
    void namesQtAndQCustomPlot()
    {
        const QString info = mlab::widgetsBuildInfo();
        QVERIFY2(info.startsWith(QStringLiteral("Qt 6.")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("QCustomPlot 2.")), qPrintable(info));
    }
};

QTEST_MAIN(TestWidgetsVersion)
#include "tst_widgetsversion.moc"
