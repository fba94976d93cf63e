// LabController's failures reach the user: a crash-recovery record that cannot be written fails up, with the
// reason, instead of being a log line nobody reads.
#include "engine/labcontroller.h"
#include "engine/runtimedir.h"

#include "testsupport.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlab;

class TestLabController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unwritableStateFailsUp();
    void unknownBreakModeIsNamed();
    void linksForUnplug_data();
    void linksForUnplug();
};

void TestLabController::unwritableStateFailsUp()
{
    QTemporaryDir base;
    QVERIFY(base.isValid());
    qputenv("MPTCPLAB_RUNTIME_DIR", QFile::encodeName(base.path()));
    Lab lab = test::seedLab();
    const RuntimeDir dir(lab.name);
    QVERIFY(dir.create());
    // A directory where the state file goes: no atomic replace can ever succeed there.
    QVERIFY(QDir().mkpath(dir.stateFile()));
    LabController controller(lab);
    QSignalSpy phases(&controller, &LabController::phaseChanged);
    const Status up = controller.up();
    QVERIFY(!up);
    QVERIFY2(up.error().contains(QStringLiteral("cannot write lab state")), qPrintable(up.error()));
    QCOMPARE(controller.phase(), QStringLiteral("down"));
    // It said so on the way: starting, then stopping and down (nothing was started).
    QVERIFY(phases.size() >= 2);
    QCOMPARE(phases.first().first().toString(), QStringLiteral("starting"));
    QCOMPARE(phases.last().first().toString(), QStringLiteral("down"));
}

void TestLabController::unknownBreakModeIsNamed()
{
    QTemporaryDir base;
    qputenv("MPTCPLAB_RUNTIME_DIR", QFile::encodeName(base.path()));
    LabController controller(test::seedLab());
    // The mode is checked before anything else: a typo is named even while the lab is down.
    const Result<QString> melted = controller.breakLink(QStringLiteral("NodeA:eth0"), QStringLiteral("melt"));
    QCOMPARE(melted.error(), QStringLiteral("unknown break mode \"melt\" (expected cut or unplug)"));
    const Result<QString> down = controller.breakLink(QStringLiteral("NodeA:eth0"), QStringLiteral("unplug"));
    QVERIFY2(down.error().contains(QStringLiteral("is not running")), qPrintable(down.error()));
}

void TestLabController::linksForUnplug_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<int>("port"); // 0: refused
    QTest::addColumn<QString>("mentions");

    QTest::newRow("NodeA:eth0") << QStringLiteral("NodeA:eth0") << 10 << QString();
    QTest::newRow("bare port of NodeB:eth1") << QStringLiteral("21") << 21 << QString();
    QTest::newRow("management host port") << QStringLiteral("1") << 0 << QStringLiteral("management host");
    QTest::newRow("a node's management interface")
        << QStringLiteral("NodeA:eth2") << 0 << QStringLiteral("management interface eth2");
    QTest::newRow("unknown") << QStringLiteral("NodeA:eth9") << 0 << QStringLiteral("\"NodeA:eth9\"");
}

void TestLabController::linksForUnplug()
{
    QFETCH(QString, link);
    QFETCH(int, port);
    QFETCH(QString, mentions);
    const Result<int> found = LabController::portForLink(test::seedLab(), link, BreakMode::Unplug);
    if (port != 0) {
        QVERIFY2(found, qPrintable(found.error()));
        QCOMPARE(*found, port);
        return;
    }
    QVERIFY(!found);
    QVERIFY2(found.error().contains(mentions), qPrintable(found.error()));
}

QTEST_GUILESS_MAIN(TestLabController)
#include "tst_labcontroller.moc"
