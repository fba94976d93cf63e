#include "telemetry/rates.h"

#include <QTest>

using namespace mlab;

class TestCounterRate : public QObject
{
    Q_OBJECT

private slots:
    void sequence_data();
    void sequence();
};

using Reading = QPair<qint64, qint64>; // atMs, bytes

void TestCounterRate::sequence_data()
{
    QTest::addColumn<QList<Reading>>("readings");
    QTest::addColumn<QList<double>>("rates"); // -1 = no rate
    QTest::newRow("steady 10 Hz") << QList<Reading> { { 0, 0 }, { 100, 125000 }, { 200, 250000 } }
                                  << QList<double> { -1, 10e6, 10e6 };
    QTest::newRow("irregular intervals") << QList<Reading> { { 0, 0 }, { 250, 125000 }, { 300, 250000 } }
                                         << QList<double> { -1, 4e6, 20e6 };
    QTest::newRow("no traffic") << QList<Reading> { { 0, 500 }, { 100, 500 } } << QList<double> { -1, 0 };
    QTest::newRow("time did not advance")
        << QList<Reading> { { 100, 0 }, { 100, 1000 }, { 200, 12500 } } << QList<double> { -1, -1, 1e6 };
    QTest::newRow("32-bit wrap") << QList<Reading> { { 0, 4294967000LL }, { 100, 954 } }
                                 << QList<double> { -1, 1250 * 8 * 10 };
    QTest::newRow("reset rebases") << QList<Reading> { { 0, 90000000000LL }, { 100, 1000 }, { 200, 13500 } }
                                   << QList<double> { -1, -1, 1e6 };
}

void TestCounterRate::sequence()
{
    QFETCH(QList<Reading>, readings);
    QFETCH(QList<double>, rates);
    CounterRate rate;
    for (qsizetype i = 0; i < readings.size(); ++i) {
        const std::optional<double> got = rate.update(readings.at(i).first, readings.at(i).second);
        if (rates.at(i) < 0) {
            QVERIFY2(!got, qPrintable(QStringLiteral("reading %1 gave %2").arg(i).arg(got.value_or(0))));
        } else {
            QVERIFY2(got, qPrintable(QStringLiteral("reading %1 gave no rate").arg(i)));
            QCOMPARE(*got, rates.at(i));
        }
    }
}

QTEST_GUILESS_MAIN(TestCounterRate)
#include "tst_counterrate.moc"
