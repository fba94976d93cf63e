// `mptcplab-cli demo` end to end on the namespace lab: traffic, a silent
// break, a restore, and a report whose numbers say what really happened.
#include "labharness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

class TestDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoReportsFailoverAndReturn();
};

static double phaseMean(const QJsonObject &report, const QString &phase, const QString &path)
{
    for (const QJsonValue &value : report.value(QStringLiteral("phases")).toArray()) {
        const QJsonObject object = value.toObject();
        if (object.value(QStringLiteral("name")).toString() == phase)
            return object.value(QStringLiteral("meanBitsPerSecond")).toObject().value(path).toDouble(-1);
    }
    return -1;
}

void TestDemo::demoReportsFailoverAndReturn()
{
    if (::geteuid() != 0)
        QSKIP("needs root: the demo brings the namespace lab up");
    LabHarness lab(QStringLiteral("itdemo"));
    QTemporaryDir dir;
    const QString reportFile = dir.filePath(QStringLiteral("report.json"));
    const QString csvFile = dir.filePath(QStringLiteral("samples.csv"));
    // Path 1 comes back only at its next retransmission after the restore
    // (exponential backoff during the 5 s outage): leave 13 s for it.
    const CliResult demo = lab.cli(
        { QStringLiteral("demo"), QStringLiteral("--lab"), lab.labFile(), QStringLiteral("--duration"),
            QStringLiteral("22"), QStringLiteral("--break-at"), QStringLiteral("4"), QStringLiteral("--restore-at"),
            QStringLiteral("9"), QStringLiteral("--report"), reportFile, QStringLiteral("--csv"), csvFile },
        90000);
    QVERIFY2(demo.exitCode == 0, qPrintable(demo.out + demo.err));
    // One live line per second, readable.
    QVERIFY2(demo.out.count(QStringLiteral(" Mbit/s")) >= 15, qPrintable(demo.out));
    QVERIFY(demo.out.contains(QStringLiteral("BREAK NodeA:eth0")));
    QVERIFY(demo.out.contains(QStringLiteral("RESTORE NodeA:eth0")));

    QFile file(reportFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(file.readAll()).object();
    qInfo("report: %s", QJsonDocument(report).toJson(QJsonDocument::Compact).left(600).constData());
    // Both paths carried traffic before the break (50 Mbit/s each when shaped).
    QVERIFY(phaseMean(report, QStringLiteral("before"), QStringLiteral("path1")) > 20e6);
    QVERIFY(phaseMean(report, QStringLiteral("before"), QStringLiteral("path2")) > 20e6);
    // During the break path 2 carried it and path 1 nothing.
    QVERIFY(phaseMean(report, QStringLiteral("during"), QStringLiteral("path2")) > 30e6);
    QVERIFY(phaseMean(report, QStringLiteral("during"), QStringLiteral("path1")) < 1e6);
    // The surviving path took over in well under the ~1 s measured for shaped paths' worst case.
    QVERIFY2(!report.value(QStringLiteral("failoverMs")).isNull(), "no failover time in the report");
    QVERIFY(report.value(QStringLiteral("failoverMs")).toDouble() < 2000);
    // Path 1 carried data again after the restore.
    QVERIFY2(
        !report.value(QStringLiteral("pathReturnMs")).isNull(), "path 1 never carried data again after the restore");
    QVERIFY(phaseMean(report, QStringLiteral("after"), QStringLiteral("path1")) > 1e6);

    QFile csv(csvFile);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = csv.readAll().trimmed().split('\n');
    QVERIFY(rows.first().contains("path1") && rows.first().contains("total"));
    QVERIFY(rows.size() > 150); // 22 s at 10 Hz

    // The demo brought the lab up, so it took it down: nothing left.
    QVERIFY2(lab.leftovers().isEmpty(), qPrintable(lab.leftovers().join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
