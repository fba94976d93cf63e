// Failover the class can count on: with the seed lab's symmetric routing every fullmesh join completes (none
// is left half-open in SYN-SENT, where it would slow every failover), and a cut of either path is survived by
// the other one. Real switch, namespaces, sshd, MPTCP and iperf; figures are for benchmarks (bench/failover.sh),
// so this only checks what must always hold.
#include "labharness.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>
#include <QtTest>

#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// The seed lab's switch ports on NodeB's side: what they send out is what crossed each path to the server.
constexpr int NodeBPath1Port = 20;
constexpr int NodeBPath2Port = 21;

} // namespace

class TestFailover : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyJoinCompletes();
    void cutOfEachPathIsSurvived_data();
    void cutOfEachPathIsSurvived();

private:
    // An MPTCP iperf client on NodeA towards NodeB's first address, run through the engine like a student's
    // command.
    void startClient(QProcess &client, int seconds) const;

    std::unique_ptr<LabHarness> m_lab;
    int m_serverPid = 0;
};

void TestFailover::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("integration tests need root: they create network namespaces, taps and a switch");
    m_lab = std::make_unique<LabHarness>(u"itfail"_s);
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(u'\n')));
    const CliResult up = m_lab->cli({ u"up"_s, u"--lab"_s, m_lab->labFile() });
    QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
    m_serverPid = m_lab->startIperfServer(u"NodeB"_s);
    QVERIFY(m_serverPid > 0);
    QThread::msleep(300);
}

void TestFailover::startClient(QProcess &client, int seconds) const
{
    client.start(LabHarness::cliPath(),
        { u"--lab"_s, m_lab->labName(), u"exec"_s, u"NodeA"_s, u"mptcpize"_s, u"run"_s, u"iperf"_s, u"-c"_s,
            u"10.168.1.2"_s, u"-t"_s, QString::number(seconds), u"-i"_s, u"1"_s });
    QVERIFY(client.waitForStarted());
}

void TestFailover::everyJoinCompletes()
{
    QProcess client;
    startClient(client, 3);
    // Long enough for every join and for a hanging one to have retransmitted its SYN (1 s).
    QThread::msleep(2000);
    const QString halfOpenA = m_lab->exec(u"NodeA"_s, u"ss -Htn state syn-sent"_s);
    const QString halfOpenB = m_lab->exec(u"NodeB"_s, u"ss -Htn state syn-recv"_s);
    const QJsonArray subflows = m_lab->status().value(u"subflows"_s).toArray();
    QVERIFY2(client.waitForFinished(15000), "the iperf client did not finish");
    QVERIFY2(
        client.exitCode() == 0, QByteArray(client.readAllStandardOutput() + client.readAllStandardError()).constData());

    QVERIFY2(halfOpenA.trimmed().isEmpty(), qPrintable(u"NodeA has joins in SYN-SENT:\n"_s + halfOpenA));
    QVERIFY2(halfOpenB.trimmed().isEmpty(), qPrintable(u"NodeB has joins in SYN-RECV:\n"_s + halfOpenB));
    // The engine's subflow table agrees: NodeA's four fullmesh subflows, two wholly on each path.
    QMap<QString, int> establishedPerPath;
    for (const QJsonValue &value : subflows) {
        const QJsonObject subflow = value.toObject();
        QVERIFY2(subflow.value(u"state"_s).toString() != u"SYN-SENT"_s,
            QJsonDocument(subflow).toJson(QJsonDocument::Compact).constData());
        if (subflow.value(u"node"_s).toString() == u"NodeA"_s && subflow.value(u"state"_s).toString() == u"ESTAB"_s)
            ++establishedPerPath[subflow.value(u"path"_s).toString()];
    }
    const QByteArray table = QJsonDocument(subflows).toJson(QJsonDocument::Compact);
    QVERIFY2(establishedPerPath.value(u"path1"_s) == 2, table.constData());
    QVERIFY2(establishedPerPath.value(u"path2"_s) == 2, table.constData());
}

void TestFailover::cutOfEachPathIsSurvived_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<int>("brokenPort");
    QTest::addColumn<int>("survivingPort");
    QTest::newRow("path1") << u"NodeA:eth0"_s << NodeBPath1Port << NodeBPath2Port;
    QTest::newRow("path2") << u"NodeA:eth1"_s << NodeBPath2Port << NodeBPath1Port;
}

void TestFailover::cutOfEachPathIsSurvived()
{
    QFETCH(QString, link);
    QFETCH(int, brokenPort);
    QFETCH(int, survivingPort);
    QProcess client;
    startClient(client, 7);

    QList<PortSample> samples; // A: the broken path's port, B: the surviving one
    QElapsedTimer clock;
    clock.start();
    qint64 breakAt = -1;
    qint64 restoreAt = -1;
    while (clock.elapsed() < 6500) {
        const QJsonObject status = m_lab->status();
        samples << PortSample { clock.elapsed(), portOutBytes(status, brokenPort),
            portOutBytes(status, survivingPort) };
        if (breakAt < 0 && clock.elapsed() >= 2000) {
            QCOMPARE(m_lab->callError(u"break"_s, { { u"link"_s, link } }), QString());
            breakAt = clock.elapsed();
        }
        if (restoreAt < 0 && clock.elapsed() >= 4500) {
            QCOMPARE(m_lab->callError(u"restore"_s, { { u"link"_s, link } }), QString());
            restoreAt = clock.elapsed();
        }
        QThread::msleep(100);
    }
    QVERIFY2(client.waitForFinished(15000), "the iperf client did not finish");
    QVERIFY2(
        client.exitCode() == 0, QByteArray(client.readAllStandardOutput() + client.readAllStandardError()).constData());

    // Bytes a port sent out between two moments, from the samples that bracket them.
    auto deliveredBetween = [&](qint64 fromMs, qint64 toMs, bool onBrokenPath) {
        return sentBetween(samples, fromMs, toMs, onBrokenPath ? SamplePort::A : SamplePort::B);
    };
    // 50 Mbit/s is about 6 MB/s: a path that carries traffic moves megabytes a second.
    const qint64 brokenBefore = deliveredBetween(breakAt - 1000, breakAt, true);
    const qint64 survivingDuring = deliveredBetween(breakAt + 1000, restoreAt, false);
    const qint64 brokenDuring = deliveredBetween(breakAt + 1000, restoreAt, true);
    const qint64 brokenAfter = deliveredBetween(restoreAt + 1000, clock.elapsed(), true);
    qInfo("%s: broken path %lld B in the second before the cut, %lld B during it, %lld B from 1 s after the "
          "restore; surviving path %lld B during the cut",
        qPrintable(link), brokenBefore, brokenDuring, brokenAfter, survivingDuring);
    QVERIFY2(brokenBefore > 1000000, "both paths must carry traffic before the cut");
    QVERIFY2(brokenDuring < 20000, "a port on the dead VLAN must deliver nothing");
    QVERIFY2(survivingDuring > 2000000, "the other path must carry the traffic while this one is cut");
    QVERIFY2(brokenAfter > 1000000, "the restored path must carry traffic again");
}

QTEST_GUILESS_MAIN(TestFailover)
#include "tst_failover.moc"
