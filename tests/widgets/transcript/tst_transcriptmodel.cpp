#include "transcript/transcriptmodel.h"

#include <QElapsedTimer>
#include <QIcon>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

using SeqBatches = QList<QList<qint64>>;

class TestTranscriptModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); } // numbers as "42.5" whatever LANG says
    void dedupAndOrder_data();
    void dedupAndOrder();
    void timeCountsFromTheFirstEntry();
    void failureMarking_data();
    void failureMarking();
    void boundKeepsTheNewest();
    void appendsThousandsQuickly();
    void invalidEntriesIgnored();
};

namespace {

// An entry as the engine sends it (toJson(TranscriptEntry)): seq n ran at 1000 + 10 n ms on a node.
QJsonObject entry(qint64 seq, int exitCode = 0)
{
    return toJson(TranscriptEntry { seq, 1000 + 10 * seq, seq % 2 ? u"NodeA"_s : u"host"_s,
        u"ip -n mlab-seed-NodeA link set eth%1 up"_s.arg(seq), exitCode, u"output %1"_s.arg(seq),
        u"step %1"_s.arg(seq) });
}

QJsonArray entries(const QList<qint64> &seqs)
{
    QJsonArray out;
    for (qint64 seq : seqs)
        out.append(entry(seq));
    return out;
}

QList<qint64> seqsOf(const TranscriptModel &model)
{
    QList<qint64> seqs;
    for (int row = 0; row < model.rowCount(); ++row)
        seqs << model.index(row, 0).data(TranscriptModel::SeqRole).toLongLong();
    return seqs;
}

} // namespace

void TestTranscriptModel::dedupAndOrder_data()
{
    QTest::addColumn<SeqBatches>("batches");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::addColumn<int>("insertSignals");
    QTest::newRow("in order") << SeqBatches { { 1, 2, 3 }, { 4, 5 } } << QList<qint64> { 1, 2, 3, 4, 5 } << 2;
    // The live topic's first entries arrive before the backlog fetch, which overlaps them.
    QTest::newRow("live then overlapping backlog")
        << SeqBatches { { 5, 6 }, { 1, 2, 3, 4, 5, 6 } } << QList<qint64> { 1, 2, 3, 4, 5, 6 } << 2;
    QTest::newRow("repeats and disorder in one batch")
        << SeqBatches { { 3, 1, 3, 2, 1 } } << QList<qint64> { 1, 2, 3 } << 1;
    QTest::newRow("gap filled later") << SeqBatches { { 1, 2, 6, 7 }, { 3, 4, 5 } }
                                      << QList<qint64> { 1, 2, 3, 4, 5, 6, 7 } << 2;
    QTest::newRow("interleaved") << SeqBatches { { 2, 4, 6 }, { 1, 3, 5, 7 } } << QList<qint64> { 1, 2, 3, 4, 5, 6, 7 }
                                 << 5;
    QTest::newRow("nothing new") << SeqBatches { { 1, 2 }, { 2, 1 } } << QList<qint64> { 1, 2 } << 1;
}

void TestTranscriptModel::dedupAndOrder()
{
    QFETCH(SeqBatches, batches);
    QFETCH(QList<qint64>, expected);
    QFETCH(int, insertSignals);
    TranscriptModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    for (const QList<qint64> &batch : batches)
        model.appendEntries(entries(batch));
    QCOMPARE(seqsOf(model), expected);
    QCOMPARE(inserted.size(), insertSignals);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.lastSeq(), expected.last());

    // One by one, in the same order, gives the same rows.
    TranscriptModel single;
    for (const QList<qint64> &batch : batches) {
        for (qint64 seq : batch)
            single.appendEntry(entry(seq));
    }
    QCOMPARE(seqsOf(single), expected);
}

void TestTranscriptModel::timeCountsFromTheFirstEntry()
{
    TranscriptModel model;
    model.appendEntries(entries({ 10, 11 })); // 1100 and 1110 ms
    QCOMPARE(model.index(1, TranscriptModel::TimeColumn).data().toString(), u"0.010 s"_s);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.appendEntries(entries({ 1 })); // the lab's first command, 1010 ms
    QCOMPARE(model.originMs(), qint64(1010));
    QCOMPARE(model.index(0, TranscriptModel::TimeColumn).data().toString(), u"0.000 s"_s);
    QCOMPARE(model.index(2, TranscriptModel::TimeColumn).data().toString(), u"0.100 s"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(TranscriptModel::TimeColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(TranscriptModel::TimeColumn));
    // Sorting by time sorts by seq, not by the text.
    QCOMPARE(model.index(2, TranscriptModel::TimeColumn).data(TranscriptModel::SortRole).toLongLong(), qint64(11));
}

void TestTranscriptModel::failureMarking_data()
{
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("failed");
    QTest::addColumn<QString>("shown");
    QTest::newRow("success") << 0 << false << u"0"_s;
    QTest::newRow("exit 2") << 2 << true << u"failed (2)"_s;
    QTest::newRow("could not run") << -1 << true << u"did not run"_s;
}

void TestTranscriptModel::failureMarking()
{
    QFETCH(int, exitCode);
    QFETCH(bool, failed);
    QFETCH(QString, shown);
    TranscriptModel model;
    model.appendEntry(entry(1, exitCode));
    const QModelIndex exit = model.index(0, TranscriptModel::ExitColumn);
    QCOMPARE(exit.data().toString(), shown);
    QCOMPARE(exit.data(TranscriptModel::FailedRole).toBool(), failed);
    QCOMPARE(exit.data(TranscriptModel::SortRole).toInt(), exitCode);
    // Marked by an icon and words, not only colour; every cell of the row is tinted.
    QCOMPARE(!exit.data(Qt::DecorationRole).value<QIcon>().isNull(), failed);
    QCOMPARE(model.index(0, TranscriptModel::WhyColumn).data(Qt::BackgroundRole).isValid(), failed);
    QCOMPARE(model.index(0, TranscriptModel::CommandColumn).data(Qt::ToolTipRole).toString(), u"output 1"_s);
    QCOMPARE(
        model.index(0, TranscriptModel::CommandColumn).data(TranscriptModel::OutputRole).toString(), u"output 1"_s);
}

void TestTranscriptModel::boundKeepsTheNewest()
{
    TranscriptModel model;
    QCOMPARE(model.maxRows(), 50000);
    QList<qint64> seqs;
    for (qint64 seq = 1; seq <= 50500; ++seq)
        seqs << seq;
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendEntries(entries(seqs.mid(0, 40000)));
    QCOMPARE(removed.size(), 0);
    model.appendEntries(entries(seqs.mid(40000)));
    QCOMPARE(model.rowCount(), 50000);
    QCOMPARE(model.index(0, 0).data(TranscriptModel::SeqRole).toLongLong(), qint64(501));
    QCOMPARE(model.lastSeq(), qint64(50500));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 499);

    // Older than everything kept, when full: not inserted only to be dropped.
    inserted.clear();
    model.appendEntries(entries({ 3, 4 }));
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(model.rowCount(), 50000);
    // The time column still counts from the lab's first command.
    QCOMPARE(model.originMs(), qint64(1010));

    model.setMaxRows(100);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.index(0, 0).data(TranscriptModel::SeqRole).toLongLong(), qint64(50401));
}

void TestTranscriptModel::appendsThousandsQuickly()
{
    // The live topic delivers entries one event at a time; past the bound, each one also drops the oldest.
    TranscriptModel model;
    model.setMaxRows(20000);
    QElapsedTimer timer;
    timer.start();
    for (qint64 seq = 1; seq <= 30000; ++seq)
        model.appendEntry(entry(seq));
    QCOMPARE(model.rowCount(), 20000);
    QCOMPARE(model.index(0, 0).data(TranscriptModel::SeqRole).toLongLong(), qint64(10001));
    // Generous for a loaded CI machine; a per-append copy of the rows would take minutes.
    QVERIFY2(timer.elapsed() < 10000, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
}

void TestTranscriptModel::invalidEntriesIgnored()
{
    TranscriptModel model;
    QJsonArray batch = entries({ 1 });
    batch.append(QJsonObject { { u"command"_s, u"no seq"_s } });
    batch.append(u"not an object"_s);
    model.appendEntries(batch);
    QCOMPARE(model.rowCount(), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.originMs(), qint64(0));
}

QTEST_MAIN(TestTranscriptModel)
#include "tst_transcriptmodel.moc"
