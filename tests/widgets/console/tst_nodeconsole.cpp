#include "console/nodeconsole.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestNodeConsole : public QObject
{
    Q_OBJECT

private slots:
    void runsOnlyWhenTheLabIsReady()
    {
        NodeConsole console({ u"NodeA"_s, u"NodeB"_s });
        QSignalSpy run(&console, &NodeConsole::runRequested);
        console.submit(u"ip mptcp endpoint show"_s);
        QCOMPARE(run.size(), 0);
        console.setLabReady(true);
        console.submit(u"  ip mptcp endpoint show  "_s);
        QCOMPARE(run.size(), 1);
        QCOMPARE(run.first().at(0).toString(), u"NodeA"_s);
        QCOMPARE(run.first().at(1).toString(), u"ip mptcp endpoint show"_s);
        QVERIFY(console.isRunning());
        // One command at a time: the engine streams one output per console.
        console.submit(u"hostname"_s);
        QCOMPARE(run.size(), 1);
    }

    void outputAndStatusAreShown()
    {
        NodeConsole console({ u"NodeA"_s });
        console.setLabReady(true);
        console.submit(u"false"_s);
        console.appendOutput(u"stdout"_s, u"some output\n"_s);
        console.finish(1, {});
        QVERIFY(!console.isRunning());
        const QString text = console.output();
        QVERIFY2(text.contains(u"NodeA$ false"_s), qPrintable(text));
        QVERIFY2(text.contains(u"some output"_s), qPrintable(text));
        QVERIFY2(text.contains(u"[exit status 1]"_s), qPrintable(text));
        console.submit(u"sleep 100"_s);
        console.finish(-1, u"the lab engine went away"_s);
        QVERIFY(console.output().contains(u"[the lab engine went away]"_s));
    }

    void historyRecallsWithUpAndDown()
    {
        NodeConsole console({ u"NodeA"_s });
        console.setLabReady(true);
        for (const QString &command : { u"one"_s, u"two"_s, u"two"_s, u"three"_s }) {
            console.submit(command);
            console.finish(0, {});
        }
        QCOMPARE(console.history(), (QStringList { u"one"_s, u"two"_s, u"three"_s }));
        auto *input = console.findChild<QLineEdit *>();
        QVERIFY(input);
        QTest::keyClick(input, Qt::Key_Up);
        QCOMPARE(input->text(), u"three"_s);
        QTest::keyClick(input, Qt::Key_Up);
        QTest::keyClick(input, Qt::Key_Up);
        QTest::keyClick(input, Qt::Key_Up);
        QCOMPARE(input->text(), u"one"_s);
        QTest::keyClick(input, Qt::Key_Down);
        QCOMPARE(input->text(), u"two"_s);
        QTest::keyClick(input, Qt::Key_Down);
        QTest::keyClick(input, Qt::Key_Down);
        QCOMPARE(input->text(), QString());
    }

    void consoleLogOnlyForAVm()
    {
        NodeConsole console({ u"NodeA"_s, u"NodeB"_s });
        auto *button = console.findChild<QToolButton *>();
        QVERIFY(button);
        QVERIFY(button->isHidden()); // a lab without VMs does not offer it
        console.setVirtualMachines({ u"NodeA"_s });
        QVERIFY(!button->isHidden());
        QAction *open = console.openConsoleLogAction();
        QCOMPARE(button->defaultAction(), open);
        QVERIFY(!open->isEnabled()); // the lab is not running

        console.setLabReady(true);
        QVERIFY(open->isEnabled());
        QSignalSpy requested(&console, &NodeConsole::consoleLogRequested);
        open->trigger();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toString(), u"NodeA"_s);

        auto *nodes = console.findChild<QComboBox *>();
        nodes->setCurrentText(u"NodeB"_s);
        QVERIFY(!open->isEnabled());
        QVERIFY2(open->toolTip().contains(u"NodeB is not a VM"_s), qPrintable(open->toolTip()));
        open->trigger();
        QCOMPARE(requested.size(), 1);
    }
};

QTEST_MAIN(TestNodeConsole)
#include "tst_nodeconsole.moc"
