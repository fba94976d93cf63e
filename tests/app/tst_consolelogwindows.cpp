// The window's console log dialogs: Open console log shows the node's dialog and asks the session for the log;
// with no engine to ask, the dialog says why instead of waiting. One dialog per node, raised when asked again.
#include "consolelogwindows.h"

#include "client/labsession.h"
#include "console/consolelogdialog.h"
#include "lab/labfile.h"

#include <QAction>
#include <QJsonObject>
#include <QTest>
#include <QWidget>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestConsoleLogWindows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutAnEngineTheDialogSaysWhy()
    {
        const Result<Lab> lab = loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed-qemu.json"));
        QVERIFY2(lab.ok(), qPrintable(lab.error()));
        LabSession session(*lab, u"/nonexistent/mptcplab-cli"_s); // never attached: no engine
        QWidget window;
        ConsoleLogWindows logs(&session, &window);

        logs.open(u"NodeA"_s);
        ConsoleLogDialog *dialog = logs.dialog(u"NodeA"_s);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->node(), u"NodeA"_s);
        QVERIFY2(dialog->summary().contains(u"lab seed-qemu is not running"_s), qPrintable(dialog->summary()));
        QVERIFY(dialog->refreshAction()->isEnabled());

        logs.open(u"NodeA"_s);
        QCOMPARE(logs.dialog(u"NodeA"_s), dialog);
        logs.open(u"NodeB"_s);
        QVERIFY(logs.dialog(u"NodeB"_s) && logs.dialog(u"NodeB"_s) != dialog);

        // Refresh goes through the session again.
        dialog->showLog({ { u"path"_s, u"/some/console.log"_s }, { u"text"_s, u"old\n"_s } });
        QVERIFY(!dialog->summary().contains(u"not running"_s));
        dialog->refreshAction()->trigger();
        QVERIFY(dialog->refreshAction()->isEnabled());
        QVERIFY2(dialog->summary().contains(u"not running"_s), qPrintable(dialog->summary()));
    }
};

QTEST_MAIN(TestConsoleLogWindows)
#include "tst_consolelogwindows.moc"
