// The block parser on a real capture of the sampler script on NodeB while
// MPTCP iperf ran (sampler-stream-nodeB.txt, 16 ticks at 10 Hz), and on that
// capture cut short or garbled the ways a stream really breaks.
#include "sampling/samplerblockparser.h"

#include <QFile>
#include <QtTest>

using namespace mlab;

namespace {

QByteArray capture()
{
    QFile file(QStringLiteral(MPTCPLAB_SOURCE_DIR "/tests/unit/sampling/sampler-stream-nodeB.txt"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

struct Outcome
{
    QList<CounterSample> counters;
    QList<SubflowSample> subflows;
    QList<NstatSample> nstats;
    SamplerStats stats;
};

// Feeds line by line, each stamped with its line number, like NodeSampler does with arrival times.
Outcome parseStream(const QByteArray &text, bool finish = true)
{
    SamplerBlockParser parser(QStringLiteral("NodeB"));
    QList<QByteArray> lines = text.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    for (qsizetype i = 0; i < lines.size(); ++i)
        parser.feedLine(lines[i], i);
    if (finish)
        parser.finish();
    Outcome outcome;
    for (SamplerOutput &output : parser.takeOutputs()) {
        if (auto *c = std::get_if<CounterSample>(&output))
            outcome.counters << *c;
        else if (auto *s = std::get_if<SubflowSample>(&output))
            outcome.subflows << *s;
        else if (auto *n = std::get_if<NstatSample>(&output))
            outcome.nstats << *n;
    }
    outcome.stats = parser.stats();
    return outcome;
}

QByteArray replaced(QByteArray text, const QByteArray &before, const QByteArray &after)
{
    if (text.count(before) != 1)
        qFatal("fixture changed: \"%s\" is not there exactly once", before.constData());
    return text.replace(before, after);
}

qint64 rxBytes(const CounterSample &sample, const QString &interface)
{
    for (const InterfaceCounters &counters : sample.interfaces)
        if (counters.name == interface)
            return counters.rxBytes;
    return -1;
}

} // namespace

class TestSamplerBlockParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheRealCapture();
    void survivesBrokenStreams_data();
    void survivesBrokenStreams();
    void survivesEveryTruncation();
};

void TestSamplerBlockParser::readsTheRealCapture()
{
    const Outcome out = parseStream(capture());
    QCOMPARE(out.counters.size(), 16);
    QCOMPARE(out.subflows.size(), 7); // ticks 0, 3, 5, 8, 10, 13, 15: 4 of every 10
    QCOMPARE(out.nstats.size(), 2); // ticks 0 and 10
    QCOMPARE(out.stats.droppedBlocks, 0u);
    QCOMPARE(out.stats.missingTicks, 0u);
    QVERIFY2(out.stats.skippedLines == 0, qPrintable(out.stats.lastProblem));

    const CounterSample &first = out.counters.first();
    QCOMPARE(first.node, QStringLiteral("NodeB"));
    QCOMPARE(first.sequence, 0u);
    QCOMPARE(first.atMs, 0); // stamped with the arrival of its first line
    QCOMPARE(first.nodeClockMs, 3364140);
    QCOMPARE(rxBytes(first, QStringLiteral("eth0")), 7861438);
    QCOMPARE(rxBytes(first, QStringLiteral("eth1")), 7830966);
    for (qsizetype i = 1; i < out.counters.size(); ++i) {
        QCOMPARE(out.counters[i].sequence, quint64(i));
        QVERIFY(
            rxBytes(out.counters[i], QStringLiteral("eth0")) > rxBytes(out.counters[i - 1], QStringLiteral("eth0")));
    }
    // 10 Hz on the node's own clock: 15 periods of 100 ms, give or take its 10 ms steps.
    QVERIFY(qAbs(out.counters.last().nodeClockMs - first.nodeClockMs - 1500) <= 20);

    int subflowsOn5001 = 0;
    for (const SsTcpSocket &tcp : out.subflows.first().snapshot.tcp) {
        if (tcp.isSubflow() && tcp.local.port == 5001) {
            ++subflowsOn5001;
            QCOMPARE(tcp.localToken, QStringLiteral("407d61ee"));
        }
    }
    QCOMPARE(subflowsOn5001, 2);
    QCOMPARE(out.subflows.first().atMs, 8); // the line of "@@mlab ss 0"
    QCOMPARE(out.nstats.first().counters.value(QStringLiteral("MPTcpExtMPJoinSynRx")), 5);
}

void TestSamplerBlockParser::survivesBrokenStreams_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("counters");
    QTest::addColumn<int>("subflows");
    QTest::addColumn<int>("nstats");
    QTest::addColumn<int>("dropped");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<int>("missing");
    QTest::addColumn<int>("failedCommands");

    const QByteArray all = capture();
    const qsizetype lastSsEnd = all.lastIndexOf("@@mlab end ss 15 0");
    QTest::newRow("cut inside the last block") << all.left(lastSsEnd - 40) << 16 << 6 << 2 << 1 << 0 << 0 << 0;
    QTest::newRow("cut inside a line") << all.left(all.indexOf("@@mlab end counters 1\n") + 10) << 1 << 1 << 1 << 1 << 1
                                       << 0 << 0;
    // The 6 lines of tick 5's counters fall outside any block, and so does its end marker.
    QTest::newRow("garbled start marker")
        << replaced(all, "@@mlab counters 5 ", "@@mlab countrs 5 ") << 15 << 7 << 2 << 0 << 8 << 1 << 0;
    QTest::newRow("start marker without a clock")
        << replaced(all, "@@mlab counters 5 3364640", "@@mlab counters 5") << 15 << 7 << 2 << 0 << 8 << 1 << 0;
    QTest::newRow("lost end marker") << replaced(all, "@@mlab end counters 3\n", "") << 15 << 7 << 2 << 1 << 0 << 1
                                     << 0;
    QTest::newRow("end of another tick") << replaced(all, "@@mlab end counters 7\n", "@@mlab end counters 8\n") << 15
                                         << 7 << 2 << 1 << 0 << 1 << 0;
    QTest::newRow("number garbled in a counter line")
        << replaced(all, "eth0: 7861438 ", "eth0: 78x1438 ") << 16 << 7 << 2 << 0 << 1 << 0 << 0;
    QTest::newRow("ss failed") << replaced(all, "@@mlab end ss 3 0\n", "@@mlab end ss 3 127\n") << 16 << 6 << 2 << 0
                               << 0 << 0 << 1;
    QTest::newRow("noise between blocks")
        << replaced(all, "@@mlab end counters 2\n", "@@mlab end counters 2\n\x01\xff garbage\n\n") << 16 << 7 << 2 << 0
        << 2 << 0 << 0;
    QTest::newRow("empty stream") << QByteArray() << 0 << 0 << 0 << 0 << 0 << 0 << 0;
}

void TestSamplerBlockParser::survivesBrokenStreams()
{
    QFETCH(QByteArray, text);
    const Outcome out = parseStream(text);
    QTEST(int(out.counters.size()), "counters");
    QTEST(int(out.subflows.size()), "subflows");
    QTEST(int(out.nstats.size()), "nstats");
    QTEST(int(out.stats.droppedBlocks), "dropped");
    QTEST(int(out.stats.skippedLines), "skipped");
    QTEST(int(out.stats.missingTicks), "missing");
    QTEST(int(out.stats.failedCommands), "failedCommands");
    const bool anyProblem = out.stats.droppedBlocks || out.stats.skippedLines || out.stats.failedCommands;
    QCOMPARE(!out.stats.lastProblem.isEmpty(), anyProblem);
    if (anyProblem)
        QVERIFY2(out.stats.lastProblem.startsWith(QStringLiteral("NodeB: ")), qPrintable(out.stats.lastProblem));
}

// Whatever line the stream stops at, the parser delivers only whole blocks and accounts for the rest.
void TestSamplerBlockParser::survivesEveryTruncation()
{
    const QByteArray all = capture();
    const Outcome whole = parseStream(all);
    qsizetype at = 0;
    while ((at = all.indexOf('\n', at + 1)) > 0) {
        const Outcome cut = parseStream(all.left(at + 1));
        const qsizetype delivered = cut.counters.size() + cut.subflows.size() + cut.nstats.size();
        QVERIFY(delivered <= whole.counters.size() + whole.subflows.size() + whole.nstats.size());
        QVERIFY(cut.stats.droppedBlocks <= 1);
        QCOMPARE(cut.stats.missingTicks, 0u);
        for (qsizetype i = 0; i < cut.counters.size(); ++i) {
            QCOMPARE(cut.counters[i].interfaces.size(), whole.counters[i].interfaces.size());
            QCOMPARE(
                rxBytes(cut.counters[i], QStringLiteral("eth0")), rxBytes(whole.counters[i], QStringLiteral("eth0")));
        }
    }
}

QTEST_GUILESS_MAIN(TestSamplerBlockParser)
#include "tst_samplerblockparser.moc"
