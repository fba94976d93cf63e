// shellQuote decides what a node's shell sees of a user's words (exec) and what the exported script runs.
#include "core/command.h"

#include <QProcess>
#include <QtTest>

using namespace mlab;

class TestCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quoting_data();
    void quoting();
    void shellSeesExactlyTheWord_data();
    void shellSeesExactlyTheWord();
};

void TestCommand::quoting_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << QStringLiteral("eth0") << QStringLiteral("eth0");
    QTest::newRow("address") << QStringLiteral("10.168.1.1/24") << QStringLiteral("10.168.1.1/24");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("'a b'");
    QTest::newRow("quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
    QTest::newRow("empty") << QString() << QStringLiteral("''");
    // PCRE's $ matches before a final newline: the word must still be quoted, or the shell runs a second line.
    QTest::newRow("trailing newline") << QStringLiteral("eth0\n") << QStringLiteral("'eth0\n'");
}

void TestCommand::quoting()
{
    QFETCH(QString, word);
    QFETCH(QString, quoted);
    QCOMPARE(shellQuote(word), quoted);
}

void TestCommand::shellSeesExactlyTheWord_data()
{
    QTest::addColumn<QString>("word");
    QTest::newRow("newline and command") << QStringLiteral("x\ntouch /nonexistent/pwned");
    QTest::newRow("semicolon") << QStringLiteral("x; echo pwned");
    QTest::newRow("dollar") << QStringLiteral("$(echo pwned)");
    QTest::newRow("quotes") << QStringLiteral("'\"'");
}

void TestCommand::shellSeesExactlyTheWord()
{
    QFETCH(QString, word);
    QProcess shell;
    shell.start(QStringLiteral("sh"), { QStringLiteral("-c"), QStringLiteral("printf %s ") + shellQuote(word) });
    QVERIFY(shell.waitForFinished(5000));
    QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()), word);
}

QTEST_GUILESS_MAIN(TestCommand)
#include "tst_command.moc"
