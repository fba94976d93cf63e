#include "scenario/scenariopanel.h"

#include "lab/labfile.h"

#include <QApplication>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestScenarioPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        Result<Lab> lab = loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json"));
        QVERIFY(lab.ok());
        m_lab = *lab;
    }

    void theDemoDefaultsToTheSeedDemo()
    {
        ScenarioPanel panel(m_lab);
        const QJsonObject params = panel.demoParameters();
        QCOMPARE(params.value(u"name"_s).toString(), u"demo"_s);
        QCOMPARE(params.value(u"breakAtS"_s).toDouble(), 6.0);
        QCOMPARE(params.value(u"restoreAtS"_s).toDouble(), 12.0);
        QCOMPARE(params.value(u"link"_s).toString(), u"NodeA:eth0"_s); // the first path interface
        QCOMPARE(params.value(u"mode"_s).toString(), u"cut"_s);
    }

    void runsAndShowsTheReport()
    {
        ScenarioPanel panel(m_lab);
        QSignalSpy start(&panel, &ScenarioPanel::startRequested);
        panel.setLabReady(true);
        auto *run = findButton(panel, u"Run the demo"_s);
        QVERIFY(run && run->isEnabled());
        QTest::mouseClick(run, Qt::LeftButton);
        QCOMPARE(start.size(), 1);
        panel.showScenario({ { u"state"_s, u"running"_s }, { u"elapsedS"_s, 6.0 }, { u"action"_s, u"break"_s },
            { u"link"_s, u"NodeA:eth0"_s }, { u"ok"_s, true }, { u"message"_s, u"port 10 moved to dead VLAN 4"_s } });
        QVERIFY(panel.isRunning());
        QVERIFY(!run->isEnabled());
        panel.showScenario({ { u"finished"_s, true }, { u"state"_s, u"finished"_s },
            { u"summary"_s, u"path2 took over 0.2 s after the cut."_s } });
        QVERIFY(!panel.isRunning());
        QCOMPARE(panel.summary(), u"path2 took over 0.2 s after the cut."_s);
        QVERIFY(run->isEnabled());
    }

private:
    static QPushButton *findButton(QWidget &parent, const QString &text)
    {
        for (QPushButton *button : parent.findChildren<QPushButton *>()) {
            if (button->text() == text)
                return button;
        }
        return nullptr;
    }

    Lab m_lab;
};

QTEST_MAIN(TestScenarioPanel)
#include "tst_scenariopanel.moc"
