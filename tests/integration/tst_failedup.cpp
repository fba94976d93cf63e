// An `up` that fails half-way (here: the legacy out-of-tree MPTCP profile on
// an upstream kernel, whose sysctls do not exist) reports the failing command
// and removes everything it had started, engine included.
#include "labharness.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <unistd.h>

class TestFailedUp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failedUpLeavesNothing();
};

void TestFailedUp::failedUpLeavesNothing()
{
    if (::geteuid() != 0)
        QSKIP("needs root: up creates network namespaces, taps and a switch");
    LabHarness lab(QStringLiteral("itlegacy"));
    QFile file(lab.labFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QJsonArray nodes = json.value(QStringLiteral("nodes")).toArray();
    QJsonObject nodeA = nodes[0].toObject();
    QJsonObject mptcp = nodeA.value(QStringLiteral("mptcp")).toObject();
    mptcp.insert(QStringLiteral("profile"), QStringLiteral("legacy"));
    nodeA.insert(QStringLiteral("mptcp"), mptcp);
    nodes[0] = nodeA;
    json.insert(QStringLiteral("nodes"), nodes);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(json).toJson());
    file.close();

    const CliResult up = lab.cli({ QStringLiteral("up"), QStringLiteral("--lab"), lab.labFile() });
    QCOMPARE(up.exitCode, 1);
    // The reason names the node and the command that failed.
    QVERIFY2(up.err.contains(QStringLiteral("NodeA")) && up.err.contains(QStringLiteral("mptcp")), qPrintable(up.err));
    QTRY_VERIFY2_WITH_TIMEOUT(lab.leftovers().isEmpty(), qPrintable(lab.leftovers().join(QLatin1Char('\n'))), 5000);
}

QTEST_GUILESS_MAIN(TestFailedUp)
#include "tst_failedup.moc"
