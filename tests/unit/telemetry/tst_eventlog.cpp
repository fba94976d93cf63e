#include "telemetry/eventlog.h"

#include <QTest>
#include <QThread>

#include <atomic>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestEventLog : public QObject
{
    Q_OBJECT

private slots:
    void since_data();
    void since();
    void outOfOrderArrivalIsSorted();
    void bounded();
    void appendedAfterSeesEachEventOnce();
    void json();
    void concurrentReaders();
};

namespace {

LabEvent makeEvent(qint64 atMs, const QString &kind, const QString &text = {})
{
    return LabEvent { atMs, kind, {}, text, {} };
}

} // namespace

void TestEventLog::since_data()
{
    QTest::addColumn<qint64>("since");
    QTest::addColumn<QStringList>("kinds");
    QTest::newRow("all") << qint64(0) << QStringList { u"phase"_s, u"break"_s, u"mptcp"_s, u"restore"_s };
    QTest::newRow("from the break") << qint64(2000) << QStringList { u"break"_s, u"mptcp"_s, u"restore"_s };
    QTest::newRow("between") << qint64(2001) << QStringList { u"mptcp"_s, u"restore"_s };
    QTest::newRow("later") << qint64(9000) << QStringList {};
}

void TestEventLog::since()
{
    QFETCH(qint64, since);
    QFETCH(QStringList, kinds);
    EventLog log;
    log.append(makeEvent(1000, u"phase"_s));
    log.append(makeEvent(2000, u"break"_s));
    log.append(makeEvent(2500, u"mptcp"_s));
    log.append(makeEvent(7000, u"restore"_s));
    QStringList got;
    for (const LabEvent &e : log.since(since))
        got.append(e.kind);
    QCOMPARE(got, kinds);
}

void TestEventLog::outOfOrderArrivalIsSorted()
{
    // NodeB's monitor line can arrive after NodeA's later one.
    EventLog log;
    log.append(makeEvent(100, u"mptcp"_s, u"a"_s));
    log.append(makeEvent(300, u"mptcp"_s, u"c"_s));
    log.append(makeEvent(200, u"mptcp"_s, u"b"_s));
    log.append(makeEvent(300, u"note"_s, u"d"_s));
    QStringList texts;
    for (const LabEvent &e : log.all())
        texts.append(e.text);
    QCOMPARE(texts, (QStringList { u"a"_s, u"b"_s, u"c"_s, u"d"_s }));
}

void TestEventLog::bounded()
{
    EventLog log(3);
    for (int i = 0; i < 5; ++i)
        log.append(makeEvent(i, u"note"_s, QString::number(i)));
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.dropped(), 2);
    QCOMPARE(log.all().first().text, u"2"_s);
    QCOMPARE(log.all().last().text, u"4"_s);
}

void TestEventLog::appendedAfterSeesEachEventOnce()
{
    auto texts = [](const EventLog::Appended &appended) {
        QStringList out;
        for (const LabEvent &e : appended.events)
            out.append(e.text);
        return out;
    };
    EventLog log(4);
    log.append(makeEvent(100, u"mptcp"_s, u"a"_s));
    log.append(makeEvent(300, u"mptcp"_s, u"c"_s));
    const EventLog::Appended first = log.appendedAfter(0);
    QCOMPARE(texts(first), (QStringList { u"a"_s, u"c"_s }));
    QVERIFY(log.appendedAfter(first.sequence).events.isEmpty());

    // NodeB's line stamped 200 comes after the reader saw 300; one at 300 again is new too.
    log.append(makeEvent(200, u"mptcp"_s, u"b"_s));
    log.append(makeEvent(300, u"note"_s, u"d"_s));
    const EventLog::Appended second = log.appendedAfter(first.sequence);
    QCOMPARE(texts(second), (QStringList { u"b"_s, u"d"_s }));
    QVERIFY(second.sequence > first.sequence);

    // What the bound pushed out before it was read is gone; the rest still comes once.
    for (int i = 0; i < 5; ++i)
        log.append(makeEvent(400 + i, u"note"_s, QString::number(i)));
    QCOMPARE(texts(log.appendedAfter(second.sequence)), (QStringList { u"1"_s, u"2"_s, u"3"_s, u"4"_s }));
}

void TestEventLog::json()
{
    LabEvent e { 1234, u"mptcp"_s, u"NodeA"_s, u"SF_ESTABLISHED"_s, QJsonObject { { u"token"_s, u"724e7cdf"_s } } };
    const QJsonObject o = toJson(e);
    QCOMPARE(o.value(u"atMs"_s).toInteger(), 1234);
    QCOMPARE(o.value(u"kind"_s).toString(), u"mptcp"_s);
    QCOMPARE(o.value(u"node"_s).toString(), u"NodeA"_s);
    QCOMPARE(o.value(u"detail"_s).toObject().value(u"token"_s).toString(), u"724e7cdf"_s);
    QVERIFY(!toJson(makeEvent(1, u"break"_s)).contains(u"node"_s));
}

void TestEventLog::concurrentReaders()
{
    EventLog log(500);
    std::atomic<bool> done = false;
    std::atomic<int> bad = 0;
    std::unique_ptr<QThread> reader(QThread::create([&] {
        while (!done) {
            const QList<LabEvent> events = log.since(0);
            for (qsizetype i = 1; i < events.size(); ++i)
                bad += events.at(i).atMs < events.at(i - 1).atMs ? 1 : 0;
        }
    }));
    reader->start();
    for (int i = 0; i < 20000; ++i)
        log.append(makeEvent(i, u"note"_s));
    done = true;
    reader->wait();
    QCOMPARE(bad.load(), 0);
    QCOMPARE(log.size(), 500);
}

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
