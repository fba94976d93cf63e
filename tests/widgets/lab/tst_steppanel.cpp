#include "lab/steppanel.h"

#include <QApplication>
#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

namespace {

QJsonObject step(const QString &operation, int index, const QString &state, const QString &message = {})
{
    return { { u"operation"_s, operation }, { u"id"_s, u"step%1"_s.arg(index) }, { u"index"_s, index },
        { u"total"_s, 3 }, { u"state"_s, state }, { u"durationMs"_s, 120 }, { u"message"_s, message } };
}

} // namespace

class TestStepPanel : public QObject
{
    Q_OBJECT

private slots:
    void stepsFillInPlace()
    {
        StepPanel panel;
        panel.addStep(step(u"up"_s, 1, u"running"_s));
        panel.addStep(step(u"up"_s, 1, u"done"_s, u"switch running"_s));
        panel.addStep(step(u"up"_s, 2, u"running"_s));
        QCOMPARE(panel.stepCount(), 2);
        QVERIFY(panel.failureText().isEmpty());
    }

    void aFailedStepShowsItsCommandAndOutput()
    {
        StepPanel panel;
        panel.addStep(step(u"up"_s, 1, u"done"_s));
        QJsonObject failed = step(u"up"_s, 2, u"failed"_s, u"NodeA did not answer"_s);
        failed.insert(u"command"_s, u"ip link set dev eth0 up"_s);
        failed.insert(u"output"_s, u"Cannot find device \"eth0\""_s);
        panel.addStep(failed);
        const QString text = panel.failureText();
        QVERIFY2(text.contains(u"ip link set dev eth0 up"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Cannot find device"_s), qPrintable(text));
        QVERIFY2(text.contains(u"NodeA did not answer"_s), qPrintable(text));
    }

    void anotherOperationStartsAFreshList()
    {
        StepPanel panel;
        panel.addStep(step(u"up"_s, 1, u"done"_s));
        panel.addStep(step(u"up"_s, 2, u"done"_s));
        panel.addStep(step(u"down"_s, 1, u"running"_s));
        QCOMPARE(panel.stepCount(), 1);
    }
};

QTEST_MAIN(TestStepPanel)
#include "tst_steppanel.moc"
