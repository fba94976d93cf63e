#include "engine/historyjson.h"

#include "telemetry/rates.h"

#include "testsupport.h"

#include <QJsonArray>
#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestHistoryJson : public QObject
{
    Q_OBJECT

private slots:
    void reportInput_data();
    void reportInput();
};

namespace {

QJsonObject linkEvent(qint64 atMs, const QString &kind, int port, const QString &mode)
{
    QJsonObject detail { { u"port"_s, port } };
    if (!mode.isEmpty())
        detail.insert(u"mode"_s, mode);
    return { { u"atMs"_s, atMs }, { u"kind"_s, kind }, { u"node"_s, QString() }, { u"text"_s, kind },
        { u"detail"_s, detail } };
}

QJsonArray points(std::initializer_list<std::pair<qint64, double>> list)
{
    QJsonArray out;
    for (const auto &[atMs, value] : list)
        out.append(QJsonArray { atMs, value });
    return out;
}

} // namespace

void TestHistoryJson::reportInput_data()
{
    QTest::addColumn<QString>("mode"); // in the break event; empty = none (an engine from before break modes)
    QTest::addColumn<QString>("routing");
    QTest::addColumn<QString>("breakMode");
    QTest::newRow("unplug, tutorial") << u"unplug"_s << u"tutorial"_s << u"unplug"_s;
    QTest::newRow("cut, symmetric") << u"cut"_s << u"symmetric"_s << u"cut"_s;
    QTest::newRow("no mode reads as a cut") << QString() << u"symmetric"_s << u"cut"_s;
}

void TestHistoryJson::reportInput()
{
    QFETCH(QString, mode);
    QFETCH(QString, routing);
    QFETCH(QString, breakMode);
    Lab lab = test::seedLab();
    lab.failover.routing = routing;
    const QJsonObject series { { series::path(u"path1"_s), points({ { 1000, 5e6 }, { 1100, 6e6 } }) },
        { series::path(u"path2"_s), points({ { 1000, 7e6 } }) },
        { series::total(), points({ { 1000, 12e6 }, { 1100, 6e6 } }) } };
    const QJsonObject history { { u"series"_s, series },
        { u"events"_s,
            QJsonArray { linkEvent(900, u"break"_s, 11, u"cut"_s), // another port: not this run's break
                linkEvent(1050, u"break"_s, 10, mode), linkEvent(1500, u"break"_s, 10, u"cut"_s),
                linkEvent(2000, u"restore"_s, 10, mode) } },
        { u"subflowHistory"_s,
            QJsonArray { QJsonObject { { u"atMs"_s, 1000 }, { u"subflows"_s, QJsonArray { QJsonObject {} } } } } } };

    const ReportInput in = reportInputFromHistory(history, lab, u"NodeA:eth0"_s, 10);
    QCOMPARE(in.labName, lab.name);
    QCOMPARE(in.brokenPath, u"path1"_s);
    QCOMPARE(in.brokenLink, u"NodeA:eth0"_s);
    QCOMPARE(in.breakAtMs, qint64(1050)); // the first break of port 10
    QCOMPARE(in.restoreAtMs.value_or(-1), qint64(2000));
    QCOMPARE(in.breakMode, breakMode);
    QCOMPARE(in.routing, routing);
    QCOMPARE(in.paths.value(u"path1"_s).size(), 2);
    QCOMPARE(in.paths.value(u"path2"_s).at(0).value, 7e6);
    QCOMPARE(in.total.size(), 2);
    QCOMPARE(in.events.size(), 4);
    QCOMPARE(in.subflowSnapshots.size(), 1);
    QCOMPARE(computeReport(in).breakMode, breakMode);
}

QTEST_GUILESS_MAIN(TestHistoryJson)
#include "tst_historyjson.moc"
