// The generated sampler script run for real, locally (no SSH), under each
// POSIX shell a node may have: dash (Debian's /bin/sh), busybox sh (QEMU
// guests) and bash (preferred where present). Its output goes through the
// same block parser NodeSampler uses.
#include "sampling/samplerblockparser.h"
#include "sampling/samplerscript.h"

#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace mlab;

namespace {

struct Run
{
    QList<CounterSample> counters;
    int subflows = 0;
    QList<NstatSample> nstats;
    SamplerStats stats;
};

Run parseOutput(const QByteArray &output)
{
    SamplerBlockParser parser(QStringLiteral("local"));
    for (const QByteArray &line : output.split('\n'))
        if (!line.isEmpty())
            parser.feedLine(line, 0);
    // No finish(): the kill that ended the run may have cut the last block, which is not the script's fault.
    Run run;
    for (SamplerOutput &output : parser.takeOutputs()) {
        if (auto *c = std::get_if<CounterSample>(&output))
            run.counters << *c;
        else if (std::holds_alternative<SubflowSample>(output))
            ++run.subflows;
        else if (auto *n = std::get_if<NstatSample>(&output))
            run.nstats << *n;
    }
    run.stats = parser.stats();
    return run;
}

// The shell as argv, or empty (and the test skipped) when it is not installed.
QStringList shellCommand(const QString &shell)
{
    const QStringList argv = shell.split(QLatin1Char(' '));
    if (QStandardPaths::findExecutable(argv.first()).isEmpty())
        return {};
    return argv;
}

void addShellRows()
{
    QTest::addColumn<QString>("shell");
    for (const char *shell : { "dash", "busybox sh", "bash" })
        QTest::newRow(shell) << QString::fromLatin1(shell);
}

} // namespace

class TestSamplerScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplesAtItsRates_data();
    void samplesAtItsRates();
    void keepsTheRateWithoutStdin_data() { addShellRows(); }
    void keepsTheRateWithoutStdin();
    void stopsWhenItsOutputCloses_data() { addShellRows(); }
    void stopsWhenItsOutputCloses();
    void rejectsBadRates();
};

void TestSamplerScript::samplesAtItsRates_data()
{
    QTest::addColumn<QString>("shell");
    QTest::addColumn<int>("counterHz");
    QTest::addColumn<int>("ssHz");
    QTest::addColumn<int>("nstatHz");
    for (const char *shell : { "dash", "busybox sh", "bash" }) {
        QTest::addRow("%s default", shell) << QString::fromLatin1(shell) << 10 << 4 << 1;
        QTest::addRow("%s 20 Hz counters only", shell) << QString::fromLatin1(shell) << 20 << 0 << 0;
        QTest::addRow("%s 5 Hz, ss at 5 Hz", shell) << QString::fromLatin1(shell) << 5 << 5 << 2;
    }
}

void TestSamplerScript::samplesAtItsRates()
{
    QFETCH(QString, shell);
    QFETCH(int, counterHz);
    QFETCH(int, ssHz);
    QFETCH(int, nstatHz);
    const QStringList argv = shellCommand(shell);
    if (argv.isEmpty())
        QSKIP(qPrintable(shell + QStringLiteral(" is not installed")));
    SamplerRates rates;
    rates.counterHz = counterHz;
    rates.ssHz = ssHz;
    rates.nstatHz = nstatHz;

    // stdin stays an open, silent pipe, as an SSH channel's does.
    QProcess process;
    process.start(argv.first(), argv.mid(1) << QStringLiteral("-c") << SamplerScript::script(rates));
    QVERIFY(process.waitForStarted());
    QVERIFY2(!process.waitForFinished(1250), qPrintable(QString::fromUtf8(process.readAllStandardError())));
    process.kill();
    process.waitForFinished();
    QCOMPARE(process.readAllStandardError(), QByteArray());
    const Run run = parseOutput(process.readAllStandardOutput());

    // ~1.2 s of sampling after a 50 ms probe.
    QVERIFY2(run.counters.size() >= counterHz * 9 / 10, qPrintable(QString::number(run.counters.size())));
    QVERIFY(run.counters.size() <= counterHz * 13 / 10 + 1);
    QVERIFY(!run.counters.first().interfaces.isEmpty());
    QCOMPARE(run.counters.first().interfaces.first().name, QStringLiteral("lo"));
    // No drift: the node clock advances one period per tick number (10 ms clock steps).
    const CounterSample &first = run.counters.first();
    const CounterSample &last = run.counters.last();
    const qint64 expectedMs = qint64(last.sequence - first.sequence) * (1000 / counterHz);
    QVERIFY2(qAbs(last.nodeClockMs - first.nodeClockMs - expectedMs) <= 20,
        qPrintable(QStringLiteral("%1 ms for %2 ticks").arg(last.nodeClockMs - first.nodeClockMs).arg(last.sequence)));
    // An idle machine might still skip a tick now and then; most must be there.
    QVERIFY(run.stats.missingTicks <= 2);

    const double seconds = double(last.sequence + 1) / counterHz;
    QVERIFY2(qAbs(run.subflows - ssHz * seconds) <= 1.5, qPrintable(QString::number(run.subflows)));
    QCOMPARE(run.nstats.isEmpty(), nstatHz == 0);
    if (!run.nstats.isEmpty())
        QVERIFY(run.nstats.first().counters.contains(QStringLiteral("MPTcpExtMPCapableSYNRX")));
    QCOMPARE(run.stats.droppedBlocks, 0u);
    QCOMPARE(run.stats.failedCommands, 0u);
    QVERIFY2(run.stats.skippedLines == 0, qPrintable(run.stats.lastProblem));
}

// A closed stdin makes `read -t` return at once: the script must notice and
// nap with `sleep` instead of spinning.
void TestSamplerScript::keepsTheRateWithoutStdin()
{
    QFETCH(QString, shell);
    const QStringList argv = shellCommand(shell);
    if (argv.isEmpty())
        QSKIP(qPrintable(shell + QStringLiteral(" is not installed")));
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(argv.first(), argv.mid(1) << QStringLiteral("-c") << SamplerScript::script({}));
    QVERIFY(process.waitForStarted());
    QVERIFY(!process.waitForFinished(1250));
    process.kill();
    process.waitForFinished();
    const Run run = parseOutput(process.readAllStandardOutput());
    QVERIFY2(run.counters.size() >= 9 && run.counters.size() <= 14, qPrintable(QString::number(run.counters.size())));
}

void TestSamplerScript::stopsWhenItsOutputCloses()
{
    QFETCH(QString, shell);
    const QStringList argv = shellCommand(shell);
    if (argv.isEmpty())
        QSKIP(qPrintable(shell + QStringLiteral(" is not installed")));
    // `head` reads the first blocks and exits, closing the pipe as a closed SSH channel would.
    QProcess script;
    QProcess head;
    script.setStandardOutputProcess(&head);
    head.start(QStringLiteral("head"), { QStringLiteral("-n"), QStringLiteral("40") });
    script.start(argv.first(), argv.mid(1) << QStringLiteral("-c") << SamplerScript::script({}));
    QVERIFY(script.waitForStarted());
    QVERIFY(head.waitForFinished(5000));
    QVERIFY2(script.waitForFinished(2000), "the script kept running after its output closed");
    QCOMPARE(head.readAllStandardOutput().count('\n'), 40);
}

void TestSamplerScript::rejectsBadRates()
{
    SamplerRates rates;
    QVERIFY(rates.validate().ok());
    rates.counterHz = 0;
    QVERIFY(rates.validate().error().contains(QStringLiteral("counterHz is 0")));
    rates = {};
    rates.ssHz = 11;
    QVERIFY(rates.validate().error().contains(QStringLiteral("ssHz is 11")));
    rates = {};
    rates.switchHz = 100;
    QVERIFY(!rates.validate().ok());
}

QTEST_GUILESS_MAIN(TestSamplerScript)
#include "tst_samplerscript.moc"
