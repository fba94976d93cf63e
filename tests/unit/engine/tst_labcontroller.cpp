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

QTEST_GUILESS_MAIN(TestLabController)
#include "tst_labcontroller.moc"
