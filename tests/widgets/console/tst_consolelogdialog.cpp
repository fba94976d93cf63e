// The VM console log viewer: it shows the log the engine read, readable (no CRs, no terminal escapes), says
// which file and how much of it, and asks for it again through Refresh without reading anything itself.
#include "console/consolelogdialog.h"

#include <QAction>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

namespace {

const QString kPath = u"/run/mptcplab/seed-qemu/private/nodes/NodeA/console.log"_s;

// A consoleLog result as the engine sends it: the serial console's CR LF line ends and the guest shell's
// coloured prompt included.
QJsonObject consoleLog(const QString &text, bool truncated = false, qint64 sizeBytes = -1)
{
    return { { u"node"_s, u"NodeA"_s }, { u"path"_s, kPath }, { u"text"_s, text },
        { u"sizeBytes"_s, sizeBytes < 0 ? text.toUtf8().size() : sizeBytes }, { u"truncated"_s, truncated } };
}

} // namespace

class TestConsoleLogDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); } // sizes as "3.00 MiB"

    void showsTheGivenLog()
    {
        ConsoleLogDialog dialog(u"NodeA"_s);
        QVERIFY(dialog.windowTitle().contains(u"NodeA"_s));
        dialog.showLog(consoleLog(u"[    0.000000] Linux version 6.1.0-57-amd64\r\n"
                                  "MLAB-READY NodeA kernel=6.1.0-57-amd64 uptime=4.21 mptcp=1\r\n"
                                  "\x1b[1;32mNodeA:~#\x1b[0m "_s));
        QCOMPARE(dialog.text(),
            u"[    0.000000] Linux version 6.1.0-57-amd64\n"
            "MLAB-READY NodeA kernel=6.1.0-57-amd64 uptime=4.21 mptcp=1\n"
            "NodeA:~# "_s);
        QVERIFY2(dialog.summary().contains(kPath), qPrintable(dialog.summary()));
        QVERIFY2(!dialog.summary().contains(u"newest"_s), qPrintable(dialog.summary()));
        auto *view = dialog.findChild<QPlainTextEdit *>();
        QVERIFY(view && view->isReadOnly());
    }

    void truncatedLogSaysSo()
    {
        ConsoleLogDialog dialog(u"NodeA"_s);
        dialog.showLog(consoleLog(u"last line\n"_s, true, 3 * 1024 * 1024));
        QVERIFY2(dialog.summary().contains(u"newest"_s), qPrintable(dialog.summary()));
        QVERIFY2(dialog.summary().contains(u"3.00 MiB"_s), qPrintable(dialog.summary()));
        QCOMPARE(dialog.text(), u"last line\n"_s);
    }

    void emptyLogSaysNothingWasWritten()
    {
        ConsoleLogDialog dialog(u"NodeA"_s);
        dialog.showLog(consoleLog(QString()));
        QVERIFY2(dialog.text().contains(u"nothing"_s), qPrintable(dialog.text()));
    }

    void refreshAsksAgainForItsNode()
    {
        ConsoleLogDialog dialog(u"NodeB"_s);
        QSignalSpy refresh(&dialog, &ConsoleLogDialog::refreshRequested);
        dialog.refreshAction()->trigger();
        QCOMPARE(refresh.size(), 1);
        QCOMPARE(refresh.first().first().toString(), u"NodeB"_s);

        // One request at a time: Refresh waits for the answer, which may be a problem.
        dialog.setLoading();
        QVERIFY(!dialog.refreshAction()->isEnabled());
        dialog.showProblem(u"lab seed-qemu is not running (it is down): start it with up"_s);
        QVERIFY(dialog.refreshAction()->isEnabled());
        QVERIFY2(dialog.summary().contains(u"not running"_s), qPrintable(dialog.summary()));
        dialog.setLoading();
        dialog.showLog(consoleLog(u"booted\n"_s));
        QVERIFY(dialog.refreshAction()->isEnabled());
    }

    void followsTheNewestLines()
    {
        ConsoleLogDialog dialog(u"NodeA"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QString text;
        for (int i = 0; i < 2000; ++i)
            text += u"[   %1] a kernel message\r\n"_s.arg(i);
        dialog.showLog(consoleLog(text));
        const QScrollBar *bar = dialog.findChild<QPlainTextEdit *>()->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());
    }
};

QTEST_MAIN(TestConsoleLogDialog)
#include "tst_consolelogdialog.moc"
