// "Open in terminal": which terminal runs the login, how the command is handed to it, and a real start of a
// stand-in terminal that runs what it is given.
#include "console/terminallauncher.h"

#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mlab;
using mlab::test::writeExecutable;

class TestTerminalLauncher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachTerminalGetsItsFlag_data();
    void eachTerminalGetsItsFlag();
    void opensAndRunsTheCommand();
    void noTerminalIsNamed();
};

void TestTerminalLauncher::eachTerminalGetsItsFlag_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("flag");
    QTest::newRow("xterm") << QStringLiteral("xterm") << QStringLiteral("-e");
    QTest::newRow("gnome-terminal") << QStringLiteral("gnome-terminal") << QStringLiteral("--");
    QTest::newRow("xfce4-terminal") << QStringLiteral("xfce4-terminal") << QStringLiteral("-x");
    QTest::newRow("konsole") << QStringLiteral("konsole") << QStringLiteral("-e");
}

void TestTerminalLauncher::eachTerminalGetsItsFlag()
{
    QFETCH(QString, name);
    QFETCH(QString, flag);
    QTemporaryDir dir;
    const QString program = dir.filePath(name);
    QVERIFY(writeExecutable(program, "#!/bin/sh\n"));
    const QStringList command { QStringLiteral("ssh"), QStringLiteral("root@10.168.255.1") };
    QCOMPARE(TerminalLauncher::terminalArguments(command, program), QStringList({ program, flag }) + command);
}

void TestTerminalLauncher::opensAndRunsTheCommand()
{
    QTemporaryDir dir;
    const QString log = dir.filePath(QStringLiteral("terminal.log"));
    // A terminal that records how it was called, then runs the command after -e with no one at the keyboard.
    const QString terminal = dir.filePath(QStringLiteral("fake-terminal"));
    QVERIFY(writeExecutable(terminal,
        "#!/bin/sh\nprintf 'args:%s\\n' \"$*\" > \"$0.log.tmp\"\n[ \"$1\" = -e ] && shift\n"
        "\"$@\" < /dev/null >> \"$0.log.tmp\" 2>&1\nmv \"$0.log.tmp\" \""
            + log.toUtf8() + "\"\n"));
    qputenv("TERMINAL", terminal.toUtf8());
    const Result<QStringList> opened
        = TerminalLauncher::open({ QStringLiteral("echo"), QStringLiteral("hello from"), QStringLiteral("NodeA") });
    qunsetenv("TERMINAL");
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    QCOMPARE(opened->first(), terminal);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(log), 5000);
    QFile file(log);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    // The command line shown as a student would type it, then its output, then the note that it ended.
    QVERIFY2(text.contains(QStringLiteral("$ echo 'hello from' NodeA\nhello from NodeA\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("[the session ended: press Enter to close]")), qPrintable(text));
}

void TestTerminalLauncher::noTerminalIsNamed()
{
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", "/nonexistent");
    const Result<QStringList> opened = TerminalLauncher::open({ QStringLiteral("true") });
    qputenv("PATH", path);
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().startsWith(QStringLiteral("no terminal emulator found")), qPrintable(opened.error()));
}

QTEST_GUILESS_MAIN(TestTerminalLauncher)
#include "tst_terminallauncher.moc"
