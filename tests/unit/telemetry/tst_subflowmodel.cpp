#include "telemetry/subflowmodel.h"

#include "telemetry/rates.h"

#include "telemetrytest.h"

#include <QTest>

#include <optional>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestSubflowModel : public QObject
{
    Q_OBJECT

private slots:
    void snapshotNodeA_data();
    void snapshotNodeA();
    void connectionsAndJson();
    void synSentStaysStalled();
    void joinNeverCompletedReason_data();
    void joinNeverCompletedReason();
    void joinReasonFollowsTheCapture();
    void stalledDataReason();
    void closingAndGoneReasons();
    void breakSequence();
    void ratesFromDeltas();
    void vanishedSubflowClosesThenGoes();
    void lateSnapshotIgnored();
};

namespace {

SubflowSample sample(const QString &node, qint64 atMs, const QByteArray &ssOutput)
{
    const Parsed<SsSnapshot> parsed = parseSs(ssOutput);
    if (parsed.skipped != 0)
        qFatal("ss fixture has %d lines the parser skipped", parsed.skipped);
    return SubflowSample { node, atMs, parsed.value };
}

// A copy: model.subflows() is a temporary, a pointer into it would dangle.
std::optional<SubflowInfo> find(const QList<SubflowInfo> &subflows, const QString &localEndpoint)
{
    for (const SubflowInfo &s : subflows) {
        if (s.localEndpoint() == localEndpoint)
            return s;
    }
    return std::nullopt;
}

} // namespace

void TestSubflowModel::snapshotNodeA_data()
{
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("remote");
    QTest::addColumn<QString>("interfaceName");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("localId");
    QTest::addColumn<int>("remoteId");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("health");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<qint64>("bytesAcked");
    // Initial subflow: no %dev, so the interface comes from the lab's address.
    QTest::newRow("initial path1") << u"10.168.1.1:50124"_s << u"10.168.1.2"_s << u"eth0"_s << u"path1"_s << 0 << 0
                                   << u"ESTAB"_s << u"active"_s << u"active"_s << qint64(80866473);
    QTest::newRow("join path2") << u"10.168.2.1:38315"_s << u"10.168.2.2"_s << u"eth1"_s << u"path2"_s << 2 << 1
                                << u"ESTAB"_s << u"active"_s << u"active"_s << qint64(64939273);
    // Fullmesh cross pairs with the tutorial's routing never get an answer: their SYN was already resent once.
    QTest::newRow("cross eth1->path1 peer")
        << u"10.168.2.1:38515"_s << u"10.168.1.2"_s << u"eth1"_s << u"path2"_s << 2 << 0 << u"SYN-SENT"_s
        << u"stalled"_s << u"join-never-completed"_s << qint64(0);
    QTest::newRow("cross eth0->path2 peer")
        << u"10.168.1.1:60851"_s << u"10.168.2.2"_s << u"eth0"_s << u"path1"_s << 0 << 1 << u"SYN-SENT"_s
        << u"stalled"_s << u"join-never-completed"_s << qint64(0);
}

void TestSubflowModel::snapshotNodeA()
{
    QFETCH(QString, local);
    QFETCH(QString, remote);
    QFETCH(QString, interfaceName);
    QFETCH(QString, path);
    QFETCH(int, localId);
    QFETCH(int, remoteId);
    QFETCH(QString, state);
    QFETCH(QString, health);
    QFETCH(QString, condition);
    QFETCH(qint64, bytesAcked);
    SubflowModel model(test::seedLab());
    model.update(sample(u"NodeA"_s, 1000, test::readFixture("ss-tniM-nodeA.txt")));
    const QList<SubflowInfo> subflows = model.subflows();
    QCOMPARE(subflows.size(), 4);
    const std::optional<SubflowInfo> s = find(subflows, local);
    QVERIFY2(s, qPrintable(local));
    QCOMPARE(s->node, u"NodeA"_s);
    QCOMPARE(s->token, u"724e7cdf"_s);
    QCOMPARE(s->remoteAddress, remote);
    QCOMPARE(s->remotePort, 5001);
    QCOMPARE(s->interfaceName, interfaceName);
    QCOMPARE(s->path, path);
    QCOMPARE(s->localId, localId);
    QCOMPARE(s->remoteId, remoteId);
    QCOMPARE(s->state, state);
    QCOMPARE(healthName(s->health), health);
    QCOMPARE(conditionName(s->condition), condition);
    // Only what is not simply active says why.
    QCOMPARE(s->reason.isEmpty(), condition == u"active"_s);
    QCOMPARE(s->bytesAcked, bytesAcked);
    QVERIFY(!s->backup);
}

void TestSubflowModel::connectionsAndJson()
{
    SubflowModel model(test::seedLab());
    model.update(sample(u"NodeA"_s, 1000, test::readFixture("ss-tniM-nodeA.txt")));
    const QList<MptcpConnectionInfo> connections = model.connections();
    QCOMPARE(connections.size(), 1);
    QCOMPARE(connections.at(0).token, u"724e7cdf"_s);
    QCOMPARE(connections.at(0).subflows, 3);
    QCOMPARE(connections.at(0).remoteEndpoint, u"10.168.1.2:5001"_s);

    const QJsonArray json = model.toJson();
    QCOMPARE(json.size(), 4);
    const QJsonObject first = json.at(0).toObject();
    QCOMPARE(first.value(u"key"_s).toString(), u"NodeA/724e7cdf/10.168.1.1:50124"_s);
    QCOMPARE(first.value(u"path"_s).toString(), u"path1"_s);
    QCOMPARE(first.value(u"health"_s).toString(), u"active"_s);
    QCOMPARE(first.value(u"cwnd"_s).toInt(), 376);
    QCOMPARE(first.value(u"unacked"_s).toInt(), 302);
    QCOMPARE(first.value(u"rtoMs"_s).toDouble(), 204.0);
    QCOMPARE(first.value(u"bytesSent"_s).toInteger(), 91562892);
    QCOMPARE(first.value(u"flags"_s).toString(), u"Mmec"_s);
    QCOMPARE(first.value(u"condition"_s).toString(), u"active"_s);
    QCOMPARE(first.value(u"reason"_s).toString(), QString());
    QCOMPARE(first.value(u"remoteNode"_s).toString(), u"NodeB"_s);
    QCOMPARE(first.value(u"remotePath"_s).toString(), u"path1"_s);
    QCOMPARE(first.value(u"crossPath"_s).toBool(), false);
    QCOMPARE(first.value(u"retransmits"_s).toInt(), 7270);
    const QJsonObject cross = json.at(1).toObject(); // 10.168.1.1:60851 -> 10.168.2.2
    QCOMPARE(cross.value(u"remotePath"_s).toString(), u"path2"_s);
    QCOMPARE(cross.value(u"crossPath"_s).toBool(), true);
    QCOMPARE(cross.value(u"condition"_s).toString(), u"join-never-completed"_s);
    QVERIFY(cross.value(u"reason"_s).toString().startsWith(u"join never completed"_s));
}

void TestSubflowModel::synSentStaysStalled()
{
    // A SYN-SENT subflow seen for the first time without a retransmission gets the benefit of the doubt,
    // then turns stalled once it has waited stallAfterMs: taken from the break capture's first two snapshots.
    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    SubflowModel model(test::seedLab());
    model.update(sample(u"NodeA"_s, capture.blocks.at(0).atMs, capture.blocks.at(0).text));
    model.update(sample(u"NodeA"_s, capture.blocks.at(0).atMs + 400, capture.blocks.at(1).text));
    const std::optional<SubflowInfo> cross = find(model.subflows(), u"10.168.1.1:57451"_s);
    QVERIFY(cross);
    QCOMPARE(cross->state, u"SYN-SENT"_s);
    QCOMPARE(cross->interfaceName, u"eth0"_s);
    QCOMPARE(healthName(cross->health), u"stalled"_s);
    // Not resent yet and younger than joinTimeoutMs: a handshake that is late, not yet one that never completed.
    QCOMPARE(cross->condition, SubflowCondition::Handshake);
    QVERIFY2(cross->reason.contains(u"SYN-SENT for 0.4 s"_s), qPrintable(cross->reason));
}

void TestSubflowModel::joinNeverCompletedReason_data()
{
    QTest::addColumn<QString>("routing");
    QTest::addColumn<QString>("local");
    QTest::addColumn<QStringList>("mentions");
    QTest::addColumn<bool>("namesTheCause");
    const QStringList always { u"join never completed"_s, u"for at least 1.0 s"_s, u"SYN retransmissions: 1"_s,
        u"backoff: 0"_s, u"retransmit timer: 1000 ms"_s, u"connection-level retransmit timer"_s,
        u"failover after a break waits for it"_s };
    QTest::newRow("symmetric: no guess at the cause") << u"symmetric"_s << u"10.168.1.1:60851"_s << always << false;
    QTest::newRow("tutorial: path1 -> path2") << u"tutorial"_s << u"10.168.1.1:60851"_s
                                              << always
            + QStringList { u"NodeB answer"_s, u"(10.168.1.1 on path1 -> 10.168.2.2 on path2)"_s,
                  u"NodeA finds no socket"_s } << true;
    QTest::newRow("tutorial: path2 -> path1")
        << u"tutorial"_s << u"10.168.2.1:38515"_s
        << always + QStringList { u"(10.168.2.1 on path2 -> 10.168.1.2 on path1)"_s } << true;
}

void TestSubflowModel::joinNeverCompletedReason()
{
    QFETCH(QString, routing);
    QFETCH(QString, local);
    QFETCH(QStringList, mentions);
    QFETCH(bool, namesTheCause);
    Lab lab = test::seedLab();
    lab.failover.routing = routing;
    SubflowModel model(lab);
    model.update(sample(u"NodeA"_s, 1000, test::readFixture("ss-tniM-nodeA.txt")));
    const std::optional<SubflowInfo> s = find(model.subflows(), local);
    QVERIFY(s);
    QCOMPARE(s->condition, SubflowCondition::JoinNeverCompleted);
    QVERIFY(s->crossesPaths());
    for (const QString &words : mentions)
        QVERIFY2(s->reason.contains(words), qPrintable(words + u" not in: "_s + s->reason));
    QCOMPARE(s->reason.contains(u"failover.routing \"symmetric\" fixes it"_s), namesTheCause);
}

void TestSubflowModel::joinReasonFollowsTheCapture()
{
    // The break capture's cross join 10.168.1.1 -> 10.168.2.2: first seen fresh, its SYN resent every second
    // (linear SYN timeouts), then backed off.
    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    SubflowModel model(test::seedLab());
    QList<SubflowCondition> conditions;
    for (const test::CaptureBlock &block : capture.blocks) {
        model.update(sample(u"NodeA"_s, block.atMs, block.text));
        const std::optional<SubflowInfo> cross = find(model.subflows(), u"10.168.1.1:57451"_s);
        QVERIFY(cross);
        if (conditions.isEmpty() || conditions.last() != cross->condition)
            conditions.append(cross->condition);
        if (cross->condition == SubflowCondition::JoinNeverCompleted)
            QVERIFY2(cross->reason.startsWith(u"join never completed"_s), qPrintable(cross->reason));
    }
    QCOMPARE(conditions, (QList { SubflowCondition::Handshake, SubflowCondition::JoinNeverCompleted }));
    const std::optional<SubflowInfo> cross = find(model.subflows(), u"10.168.1.1:57451"_s);
    QCOMPARE(cross->retransmits, 6);
    QCOMPARE(cross->backoff, 2);
    QVERIFY2(cross->reason.contains(u"SYN retransmissions: 6, backoff: 2, retransmit timer: 4000 ms"_s),
        qPrintable(cross->reason));
}

void TestSubflowModel::stalledDataReason()
{
    // The same snapshot again 500 ms later: nothing acknowledged, data outstanding.
    const QByteArray snapshot = test::readFixture("ss-tniM-nodeA.txt");
    SubflowModel model(test::seedLab());
    model.update(sample(u"NodeA"_s, 1000, snapshot));
    model.update(sample(u"NodeA"_s, 1500, snapshot));
    const std::optional<SubflowInfo> initial = find(model.subflows(), u"10.168.1.1:50124"_s);
    QCOMPARE(initial->condition, SubflowCondition::DataStalled);
    QCOMPARE(initial->reason, u"data stalled: no data acknowledged for 0.5 s with 302 segments outstanding"_s);

    // Late in the break capture the path1 subflow has backed off as well.
    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    SubflowModel broken(test::seedLab());
    for (const test::CaptureBlock &block : capture.blocks)
        broken.update(sample(u"NodeA"_s, block.atMs, block.text));
    const std::optional<SubflowInfo> path1 = find(broken.subflows(), u"10.168.1.1:35560"_s);
    QCOMPARE(path1->condition, SubflowCondition::DataStalled);
    for (const QString &words : { u"no data acknowledged for "_s, u"segments outstanding"_s,
             u"retransmission backoff %1 (RTO %2 ms"_s.arg(path1->backoff).arg(path1->rtoMs) })
        QVERIFY2(path1->reason.contains(words), qPrintable(words + u" not in: "_s + path1->reason));
}

void TestSubflowModel::closingAndGoneReasons()
{
    QByteArray closing = test::readFixture("ss-tniM-nodeA.txt");
    closing.replace("tcp   ESTAB    0      2583760", "tcp   FIN-WAIT-1 0   2583760");
    SubflowModel model(test::seedLab());
    model.update(sample(u"NodeA"_s, 1000, closing));
    std::optional<SubflowInfo> initial = find(model.subflows(), u"10.168.1.1:50124"_s);
    QCOMPARE(initial->health, SubflowHealth::Closed);
    QCOMPARE(initial->condition, SubflowCondition::Closing);
    QCOMPARE(initial->reason, u"closing (FIN-WAIT-1): it carries no more data"_s);

    model.update(sample(u"NodeA"_s, 1200, QByteArray()));
    initial = find(model.subflows(), u"10.168.1.1:50124"_s);
    QCOMPARE(initial->condition, SubflowCondition::Gone);
    QCOMPARE(initial->reason, u"no longer in NodeA's socket list: closed or reset"_s);
}

void TestSubflowModel::breakSequence()
{
    // Real ss -tniM snapshots on NodeA every ~200 ms while NodeA:eth0 (path1) was cut.
    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    QCOMPARE(capture.link, u"NodeA:eth0"_s);
    SubflowModel model(test::seedLab());
    QStringList path1Health;
    int path2Seen = 0;
    qint64 stalledAt = 0;
    for (const test::CaptureBlock &block : capture.blocks) {
        model.update(sample(u"NodeA"_s, block.atMs, block.text));
        const QList<SubflowInfo> subflows = model.subflows();
        const std::optional<SubflowInfo> path1 = find(subflows, u"10.168.1.1:35560"_s);
        const std::optional<SubflowInfo> path2 = find(subflows, u"10.168.2.1:52721"_s);
        QVERIFY(path1);
        QVERIFY(path2);
        QCOMPARE(path1->path, u"path1"_s);
        QCOMPARE(path2->path, u"path2"_s);
        QCOMPARE(path2->state, u"ESTAB"_s);
        QVERIFY2(path2->health == SubflowHealth::Active,
            qPrintable(
                u"path2 subflow %1 at +%2 ms"_s.arg(healthName(path2->health)).arg(block.atMs - capture.breakAtMs)));
        ++path2Seen;
        const QString h = healthName(path1->health);
        if (path1Health.isEmpty() || path1Health.last() != h)
            path1Health.append(h);
        if (h == u"stalled"_s && stalledAt == 0)
            stalledAt = block.atMs;
        if (block.atMs < capture.breakAtMs)
            QCOMPARE(h, u"active"_s);
    }
    QCOMPARE(path2Seen, capture.blocks.size());
    // The capture ends before path1 comes back: active, then stalled for good.
    QCOMPARE(path1Health, (QStringList { u"active"_s, u"stalled"_s }));
    QVERIFY2(stalledAt - capture.breakAtMs <= 700, qPrintable(QString::number(stalledAt - capture.breakAtMs)));
    const std::optional<SubflowInfo> path1 = find(model.subflows(), u"10.168.1.1:35560"_s);
    QVERIFY(path1->backoff > 0);
    QCOMPARE(path1->txBitsPerSecond, 0.0);
}

void TestSubflowModel::ratesFromDeltas()
{
    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    SubflowModel model(test::seedLab());
    model.update(sample(u"NodeA"_s, capture.blocks.at(0).atMs, capture.blocks.at(0).text));
    const QList<SeriesPoint> points
        = model.update(sample(u"NodeA"_s, capture.blocks.at(1).atMs, capture.blocks.at(1).text));
    const std::optional<SubflowInfo> path2 = find(model.subflows(), u"10.168.2.1:52721"_s);
    // snapshot 1 -> 2: bytes_acked 1804921 -> 3018977 in 207 ms
    const double expected
        = (3018977.0 - 1804921.0) * 8 * 1000 / double(capture.blocks.at(1).atMs - capture.blocks.at(0).atMs);
    QCOMPARE(path2->txBitsPerSecond, expected);
    QVERIFY(path2->txBitsPerSecond > 35e6 && path2->txBitsPerSecond < 65e6); // a 50mbit path
    bool found = false;
    for (const SeriesPoint &p : points) {
        if (p.name == series::subflow(u"NodeA"_s, path2->token, u"10.168.2.1:52721"_s)) {
            found = true;
            QCOMPARE(p.value, path2->txBitsPerSecond + path2->rxBitsPerSecond);
            QCOMPARE(p.atMs, capture.blocks.at(1).atMs);
        }
    }
    QVERIFY(found);
}

void TestSubflowModel::vanishedSubflowClosesThenGoes()
{
    SubflowModel::Options options;
    options.keepClosedMs = 5000;
    SubflowModel model(test::seedLab(), options);
    const QByteArray full = test::readFixture("ss-tniM-nodeA.txt");
    model.update(sample(u"NodeA"_s, 1000, full));
    model.update(sample(u"NodeB"_s, 1000, test::readFixture("ss-tniM-nodeA.txt"))); // another node is untouched
    model.update(sample(u"NodeA"_s, 1200, QByteArray())); // everything gone from NodeA
    QCOMPARE(model.subflowsOf(u"NodeA"_s).size(), 4);
    for (const SubflowInfo &s : model.subflowsOf(u"NodeA"_s)) {
        QCOMPARE(s.health, SubflowHealth::Closed);
        QCOMPARE(s.closedAtMs, qint64(1200));
    }
    for (const SubflowInfo &s : model.subflowsOf(u"NodeB"_s))
        QVERIFY(s.health != SubflowHealth::Closed);
    QVERIFY(model.connections().size() == 1); // NodeB's
    model.update(sample(u"NodeA"_s, 6100, QByteArray()));
    QCOMPARE(model.subflowsOf(u"NodeA"_s).size(), 4); // kept for keepClosedMs
    model.update(sample(u"NodeA"_s, 6200, QByteArray()));
    QCOMPARE(model.subflowsOf(u"NodeA"_s).size(), 0);
    QCOMPARE(model.subflowsOf(u"NodeB"_s).size(), 4);
}

void TestSubflowModel::lateSnapshotIgnored()
{
    const test::Capture capture = test::readCapture("telemetry-ss-break-sequence.txt");
    SubflowModel model(test::seedLab());
    model.update(sample(u"NodeA"_s, 2000, capture.blocks.at(5).text));
    model.update(sample(u"NodeA"_s, 1800, capture.blocks.at(4).text)); // arrived late
    const std::optional<SubflowInfo> path1 = find(model.subflows(), u"10.168.1.1:35560"_s);
    QCOMPARE(path1->lastSeenMs, qint64(2000));
    QCOMPARE(path1->bytesAcked, qint64(8082541)); // snapshot 6's, not snapshot 5's
}

QTEST_GUILESS_MAIN(TestSubflowModel)
#include "tst_subflowmodel.moc"
