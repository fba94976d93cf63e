// The seed lab for real: vde_switch, namespace nodes, sshd, libssh, MPTCP and
// iperf, driven through mptcplab-cli and the engine API like a user would.
#include "labharness.h"

#include "engine/engineclient.h"
#include "engine/labplan.h"
#include "engine/runtimedir.h"
#include "lab/labfile.h"
#include "mptcp/endpoints.h"
#include "mptcp/script.h"
#include "ssh/netsocket.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <cstring>
#include <memory>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mlab;

class TestSeedLab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void upBuildsTheTopology();
    void sshReachesNodesOnlyThroughManagement();
    void endpointsMatchTheLabFile();
    void trafficSurvivesABrokenPath_data();
    void trafficSurvivesABrokenPath();
    void unplugTakesTheInterfaceDownAndRestoreRebuildsRouting();
    void badLinksAreRefused();
    void strangersAreRefused();
    void deadPlugIsReported();
    void downRemovesEverything();
    void killedEngineIsCleanedUp();
    void invalidLabChangesNothing();

private:
    std::unique_ptr<LabHarness> m_lab;
};

void TestSeedLab::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("integration tests need root: they create network namespaces, taps and a switch");
    m_lab = std::make_unique<LabHarness>(QStringLiteral("itseed"));
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(QLatin1Char('\n'))));
    QElapsedTimer clock;
    clock.start();
    const CliResult up = m_lab->cli({ QStringLiteral("up"), QStringLiteral("--lab"), m_lab->labFile() });
    QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
    qInfo("up took %lld ms", clock.elapsed());
    QVERIFY(up.out.contains(QStringLiteral("is ready")));
}

void TestSeedLab::upBuildsTheTopology()
{
    const QJsonObject status = m_lab->status();
    QCOMPARE(status.value(QStringLiteral("phase")).toString(), QStringLiteral("ready"));
    const QMap<int, int> expectedVlan { { 1, 3 }, { 2, 3 }, { 3, 3 }, { 10, 1 }, { 11, 2 }, { 20, 1 }, { 21, 2 } };
    QMap<int, int> seen;
    for (const QJsonValue &value : status.value(QStringLiteral("ports")).toArray()) {
        const QJsonObject port = value.toObject();
        QVERIFY2(port.value(QStringLiteral("active")).toBool(),
            qPrintable(
                QStringLiteral("port %1 has nothing plugged in").arg(port.value(QStringLiteral("port")).toInt())));
        seen.insert(port.value(QStringLiteral("port")).toInt(), port.value(QStringLiteral("vlan")).toInt());
    }
    QCOMPARE(seen, expectedVlan);
    // Addresses and MACs inside the namespaces, as the tutorial sets them.
    QVERIFY(m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip -br addr show eth0"))
                .contains(QStringLiteral("10.168.1.1/24")));
    QVERIFY(m_lab->exec(QStringLiteral("NodeB"), QStringLiteral("ip -br addr show eth1"))
                .contains(QStringLiteral("10.168.2.2/24")));
    QVERIFY(m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip -br link show eth1"))
                .contains(QStringLiteral("52:54:00:01:02:01")));
    // Source routing: replies from each address leave through its own path.
    QVERIFY(m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip route get 10.168.2.2 from 10.168.2.1"))
                .contains(QStringLiteral("dev eth1")));
    QVERIFY(m_lab->exec(QStringLiteral("NodeB"), QStringLiteral("ip route show table 1"))
                .contains(QStringLiteral("default via 10.168.1.1 dev eth0")));
    // The management host lives in its own namespace, never in ours.
    QVERIFY(QFile::exists(RuntimeDir::netnsPath(QStringLiteral("mlab-itseed-mgmt"))));
}

void TestSeedLab::sshReachesNodesOnlyThroughManagement()
{
    const QString mgmt = RuntimeDir::netnsPath(QStringLiteral("mlab-itseed-mgmt"));
    Result<int> viaManagement = connectTcpInNetns(mgmt, QStringLiteral("10.168.255.1"), 22, 2000);
    QVERIFY2(viaManagement.ok(), qPrintable(viaManagement.error()));
    ::close(viaManagement.value());
    // The management host has no route to the data paths...
    QVERIFY(!connectTcpInNetns(mgmt, QStringLiteral("10.168.1.1"), 22, 1000).ok());
    // ...and NodeB, which does reach NodeA's eth0, finds no sshd there.
    Result<int> viaPath = connectTcpInNetns(
        RuntimeDir::netnsPath(QStringLiteral("mlab-itseed-NodeB")), QStringLiteral("10.168.1.1"), 22, 1000);
    QVERIFY(!viaPath.ok());
    QVERIFY2(viaPath.error().contains(QStringLiteral("refused")), qPrintable(viaPath.error()));
    // The login the window's "Open in terminal" starts, with a command instead of a shell.
    const Result<Lab> lab = loadLabFile(m_lab->labFile());
    QVERIFY2(lab.ok(), qPrintable(lab.error()));
    const Result<QStringList> login
        = nodeLoginCommand(*lab, QStringLiteral("NodeB"), scriptSshOptions(RuntimeDir(m_lab->labName())));
    QVERIFY2(login.ok(), qPrintable(login.error()));
    QProcess ssh;
    ssh.start(login->first(), login->mid(1) + QStringList { QStringLiteral("hostname") });
    QVERIFY(ssh.waitForFinished(10000));
    QCOMPARE(ssh.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(ssh.readAllStandardOutput()).trimmed(), QStringLiteral("NodeB"));

    const QString listening = m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ss -Htln sport = :22"));
    QCOMPARE(listening.trimmed().split(QLatin1Char('\n')).size(), 1);
    QVERIFY2(listening.contains(QStringLiteral("10.168.255.1:22")), qPrintable(listening));
}

void TestSeedLab::endpointsMatchTheLabFile()
{
    const Parsed<QList<MptcpEndpoint>> nodeA
        = parseEndpoints(m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip mptcp endpoint show")).toUtf8());
    QCOMPARE(nodeA.value.size(), 2);
    QCOMPARE(nodeA.value[0].address, QStringLiteral("10.168.1.1"));
    QCOMPARE(nodeA.value[0].dev, QStringLiteral("eth0"));
    QCOMPARE(nodeA.value[0].flags, QStringList({ QStringLiteral("subflow"), QStringLiteral("fullmesh") }));
    QCOMPARE(nodeA.value[1].address, QStringLiteral("10.168.2.1"));
    QCOMPARE(nodeA.value[1].dev, QStringLiteral("eth1"));
    const Parsed<QList<MptcpEndpoint>> nodeB
        = parseEndpoints(m_lab->exec(QStringLiteral("NodeB"), QStringLiteral("ip mptcp endpoint show")).toUtf8());
    QCOMPARE(nodeB.value.size(), 1);
    QCOMPARE(nodeB.value[0].address, QStringLiteral("10.168.2.2"));
    QCOMPARE(nodeB.value[0].flags, QStringList({ QStringLiteral("signal") }));
    const Parsed<MptcpLimits> limits
        = parseLimits(m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip mptcp limits show")).toUtf8());
    QCOMPARE(limits.value.subflows, std::optional<int>(8));
}

void TestSeedLab::trafficSurvivesABrokenPath_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("breakLink");
    QTest::addColumn<QString>("restoreLink");
    // Each names the link once by node and interface and once by bare port, for the break or the restore.
    QTest::newRow("cut") << QStringLiteral("cut") << QStringLiteral("NodeA:eth0") << QStringLiteral("10");
    QTest::newRow("unplug") << QStringLiteral("unplug") << QStringLiteral("10") << QStringLiteral("NodeA:eth0");
}

void TestSeedLab::trafficSurvivesABrokenPath()
{
    QFETCH(QString, mode);
    QFETCH(QString, breakLink);
    QFETCH(QString, restoreLink);
    const int serverPid = m_lab->startIperfServer(QStringLiteral("NodeB"));
    QVERIFY(serverPid > 0);
    // Also when a check fails: the next row starts a server of its own.
    const auto stopServer = qScopeGuard([&] { m_lab->stopProcess(QStringLiteral("NodeB"), serverPid); });
    QThread::msleep(300);
    // The client runs through the engine like a student's command would.
    QProcess client;
    client.start(LabHarness::cliPath(),
        { QStringLiteral("--lab"), m_lab->labName(), QStringLiteral("exec"), QStringLiteral("NodeA"),
            QStringLiteral("mptcpize"), QStringLiteral("run"), QStringLiteral("iperf"), QStringLiteral("-c"),
            QStringLiteral("10.168.1.2"), QStringLiteral("-t"), QStringLiteral("9"), QStringLiteral("-i"),
            QStringLiteral("1") });
    QVERIFY(client.waitForStarted());

    // Delivered bytes per path = what NodeB's switch ports (20: path 1, 21: path 2) send out.
    QList<PortSample> samples; // A: path 1, B: path 2
    QElapsedTimer clock;
    clock.start();
    qint64 breakAt = -1;
    qint64 restoreAt = -1;
    QJsonArray subflowsDuringBreak;
    // Until 1.5 s after the restore (an unplug's restore runs a dozen commands on the node: it can take a second
    // on a busy machine), so that the return of path 1 is measured too.
    while (clock.elapsed() < 6500 || (restoreAt >= 0 && clock.elapsed() < restoreAt + 1500)) {
        const QJsonObject status = m_lab->status();
        samples << PortSample { clock.elapsed(), portOutBytes(status, 20), portOutBytes(status, 21) };
        if (breakAt < 0 && clock.elapsed() >= 2500) {
            QCOMPARE(m_lab->callError(QStringLiteral("break"),
                         { { QStringLiteral("link"), breakLink }, { QStringLiteral("mode"), mode } }),
                QString());
            breakAt = clock.elapsed();
        }
        // Just before the restore: the subflow table, derived from ss counters
        // alone (a silent break raises no kernel event), shows who carries what.
        if (restoreAt < 0 && clock.elapsed() >= 4800 && subflowsDuringBreak.isEmpty())
            subflowsDuringBreak = status.value(QStringLiteral("subflows")).toArray();
        if (restoreAt < 0 && clock.elapsed() >= 5000) {
            QCOMPARE(
                m_lab->callError(QStringLiteral("restore"), { { QStringLiteral("link"), restoreLink } }), QString());
            restoreAt = clock.elapsed();
        }
        QThread::msleep(100);
    }
    if (!client.waitForFinished(15000)) {
        const QString sofar = QString::fromUtf8(client.readAllStandardOutput() + client.readAllStandardError());
        client.kill();
        client.waitForFinished();
        QFAIL(qPrintable(QStringLiteral("the iperf client did not finish; it printed: ") + sofar));
    }
    QString pathOneHealth;
    QString pathTwoHealth;
    for (const QJsonValue &value : std::as_const(subflowsDuringBreak)) {
        const QJsonObject subflow = value.toObject();
        // Closed ones belong to an earlier row's connection: the table keeps them for a while, in their last state.
        if (subflow.value(QStringLiteral("node")).toString() != QLatin1String("NodeA")
            || subflow.value(QStringLiteral("state")).toString() != QLatin1String("ESTAB")
            || subflow.value(QStringLiteral("health")).toString() == QLatin1String("closed"))
            continue;
        (subflow.value(QStringLiteral("path")).toString() == QLatin1String("path1") ? pathOneHealth : pathTwoHealth)
            = subflow.value(QStringLiteral("health")).toString();
    }
    // One short line per subflow: the whole table as JSON is longer than a test message may be.
    QStringList lines;
    for (const QJsonValue &value : std::as_const(subflowsDuringBreak)) {
        const QJsonObject subflow = value.toObject();
        lines << QStringLiteral("%1 %2:%3->%4:%5 %6 %7 %8")
                     .arg(subflow.value(QStringLiteral("node")).toString(),
                         subflow.value(QStringLiteral("localAddress")).toString())
                     .arg(subflow.value(QStringLiteral("localPort")).toInt())
                     .arg(subflow.value(QStringLiteral("remoteAddress")).toString())
                     .arg(subflow.value(QStringLiteral("remotePort")).toInt())
                     .arg(subflow.value(QStringLiteral("path")).toString(),
                         subflow.value(QStringLiteral("state")).toString(),
                         subflow.value(QStringLiteral("health")).toString());
    }
    const QByteArray table = lines.join(QStringLiteral("; ")).toUtf8();
    QVERIFY2(pathOneHealth == QLatin1String("stalled"), table.constData());
    QVERIFY2(pathTwoHealth == QLatin1String("active"), table.constData());
    const QString clientOutput = QString::fromUtf8(client.readAllStandardOutput());
    QVERIFY2(client.exitCode() == 0, qPrintable(clientOutput + QString::fromUtf8(client.readAllStandardError())));

    auto deliveredBetween = [&](qint64 fromMs, qint64 toMs, bool path1) {
        return std::max<qint64>(0, sentBetween(samples, fromMs, toMs, path1 ? SamplePort::A : SamplePort::B));
    };
    // Before the break both paths carry traffic (50 Mbit/s each is ~6 MB/s).
    const qint64 before1 = deliveredBetween(breakAt - 1500, breakAt, true);
    const qint64 before2 = deliveredBetween(breakAt - 1500, breakAt, false);
    qInfo("before the break: path 1 %lld B, path 2 %lld B in 1.5 s", before1, before2);
    QVERIFY2(before1 > 1000000 && before2 > 1000000, "both paths must carry traffic before the break");
    // From 1 s after the break, path 2 alone carries it and path 1 delivers nothing.
    const qint64 during1 = deliveredBetween(breakAt + 1000, restoreAt, true);
    const qint64 during2 = deliveredBetween(breakAt + 1000, restoreAt, false);
    qInfo("during the break: path 1 %lld B, path 2 %lld B in %lld ms", during1, during2, restoreAt - breakAt - 1000);
    QVERIFY2(during1 < 20000, "a broken path 1 must deliver nothing");
    QVERIFY2(during2 > 2000000, "path 2 must carry the traffic while path 1 is broken");
    // How long the total delivered stayed below a quarter of the pre-break rate (the outage a class sees).
    const double quarterPerMs = double(before1 + before2) / 1500.0 / 4.0;
    qint64 outageEnd = breakAt;
    for (qsizetype i = 1; i < samples.size(); ++i) {
        const qint64 spanMs = samples[i].atMs - samples[i - 1].atMs;
        const qint64 total = samples[i].bytesA - samples[i - 1].bytesA + samples[i].bytesB - samples[i - 1].bytesB;
        if (samples[i - 1].atMs >= breakAt && samples[i].atMs < restoreAt
            && double(total) < quarterPerMs * double(spanMs))
            outageEnd = samples[i].atMs;
    }
    qInfo("total throughput below a quarter of its pre-break rate until %lld ms after the break", outageEnd - breakAt);
    // Path 1 carries data again soon after the restore: for an unplug this needs the routes the kernel deleted
    // (fast recovery caps the subflow's retransmission backoff at 1 s).
    const qint64 after1 = deliveredBetween(restoreAt + 300, restoreAt + 1500, true);
    qInfo("after the restore: path 1 %lld B from 0.3 s to 1.5 s after it", after1);
    QVERIFY2(after1 > 300000, "path 1 must carry traffic again within 1.5 s of the restore");
    const QJsonObject status = m_lab->status();
    QCOMPARE(portOutBytes(status, 20) >= 0, true);
    for (const QJsonValue &value : status.value(QStringLiteral("ports")).toArray()) {
        if (value.toObject().value(QStringLiteral("port")).toInt() == 10)
            QCOMPARE(value.toObject().value(QStringLiteral("vlan")).toInt(), 1);
    }
}

// The interface (or path) of status that sits on port, with its broken flag and breakMode.
static QJsonObject statusOfPort(const QJsonObject &status, int port)
{
    for (const QJsonValue &node : status.value(QStringLiteral("nodes")).toArray()) {
        for (const QJsonValue &iface : node.toObject().value(QStringLiteral("interfaces")).toArray()) {
            if (iface.toObject().value(QStringLiteral("port")).toInt() == port)
                return iface.toObject();
        }
    }
    return {};
}

static QJsonObject statusOfPath(const QJsonObject &status, const QString &name)
{
    for (const QJsonValue &path : status.value(QStringLiteral("paths")).toArray()) {
        if (path.toObject().value(QStringLiteral("name")).toString() == name)
            return path.toObject();
    }
    return {};
}

void TestSeedLab::unplugTakesTheInterfaceDownAndRestoreRebuildsRouting()
{
    const QString socket = RuntimeDir(m_lab->labName()).apiSocket();
    EngineClient events;
    QVERIFY(events.connectTo(socket));
    QVERIFY(events.call(
        QStringLiteral("subscribe"), { { QStringLiteral("topics"), QJsonArray { QStringLiteral("link") } } }));
    EngineClient control;
    QVERIFY(control.connectTo(socket));
    // Every transcript entry after seq, all pages of it.
    const auto transcriptSince = [&](qint64 seq) {
        QList<QJsonObject> entries;
        for (;;) {
            const Result<QJsonValue> page = control.call(QStringLiteral("transcript"),
                { { QStringLiteral("sinceSeq"), seq }, { QStringLiteral("limit"), 5000 } });
            const QJsonArray list = page ? page->toObject().value(QStringLiteral("entries")).toArray() : QJsonArray();
            if (list.isEmpty())
                return entries;
            for (const QJsonValue &entry : list)
                entries << entry.toObject();
            seq = page->toObject().value(QStringLiteral("nextSeq")).toInteger();
        }
    };
    const qint64 transcriptBefore = transcriptSince(0).last().value(QStringLiteral("seq")).toInteger();

    const CliResult typo = m_lab->cli({ QStringLiteral("--lab"), m_lab->labName(), QStringLiteral("break"),
        QStringLiteral("NodeA:eth0"), QStringLiteral("--mode"), QStringLiteral("melt") });
    QCOMPARE(typo.exitCode, 1);
    QVERIFY2(typo.err.contains(QStringLiteral("--mode \"melt\": expected cut or unplug")), qPrintable(typo.err));

    const CliResult unplugged = m_lab->cli({ QStringLiteral("--lab"), m_lab->labName(), QStringLiteral("break"),
        QStringLiteral("NodeA:eth0"), QStringLiteral("--mode"), QStringLiteral("unplug") });
    QVERIFY2(unplugged.exitCode == 0, qPrintable(unplugged.out + unplugged.err));
    QVERIFY2(unplugged.out.contains(QStringLiteral("unplugged")), qPrintable(unplugged.out));

    // Inside the node: the interface is down, and the kernel took every route through it with it.
    QVERIFY2(m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip link show eth0"))
                 .contains(QStringLiteral("state DOWN")),
        qPrintable(m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip link show eth0"))));
    for (const char *table : { "1", "2", "main" }) {
        const QString routes
            = m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip route show table %1").arg(QLatin1String(table)));
        QVERIFY2(!routes.contains(QStringLiteral("dev eth0")), qPrintable(routes));
    }
    // The switch was not touched, and status says which kind of break is in effect.
    const QJsonObject broken = m_lab->status();
    for (const QJsonValue &value : broken.value(QStringLiteral("ports")).toArray()) {
        if (value.toObject().value(QStringLiteral("port")).toInt() == 10)
            QCOMPARE(value.toObject().value(QStringLiteral("vlan")).toInt(), 1);
    }
    QCOMPARE(statusOfPort(broken, 10).value(QStringLiteral("broken")).toBool(), true);
    QCOMPARE(statusOfPort(broken, 10).value(QStringLiteral("breakMode")).toString(), QStringLiteral("unplug"));
    QCOMPARE(statusOfPath(broken, QStringLiteral("path1")).value(QStringLiteral("breakMode")).toString(),
        QStringLiteral("unplug"));
    QVERIFY(!statusOfPath(broken, QStringLiteral("path2")).contains(QStringLiteral("breakMode")));
    const CliResult statusText = m_lab->cli({ QStringLiteral("--lab"), m_lab->labName(), QStringLiteral("status") });
    QVERIFY2(statusText.out.contains(QStringLiteral("BROKEN (unplug)")), qPrintable(statusText.out));

    // Unplugging again changes nothing; a cut on top is refused until the restore.
    const Result<QJsonValue> again = control.call(QStringLiteral("break"),
        { { QStringLiteral("link"), QStringLiteral("10") }, { QStringLiteral("mode"), QStringLiteral("unplug") } });
    QVERIFY2(again && again->toString().contains(QStringLiteral("already broken (unplug)")),
        qPrintable(again ? again->toString() : again.error()));
    const QString cutOnTop
        = m_lab->callError(QStringLiteral("break"), { { QStringLiteral("link"), QStringLiteral("NodeA:eth0") } });
    QVERIFY2(
        cutOnTop.contains(QStringLiteral("already broken by unplug")) && cutOnTop.contains(QStringLiteral("restore")),
        qPrintable(cutOnTop));

    // What a student repeats: the command, on NodeA, with its reason.
    bool downRecorded = false;
    for (const QJsonObject &entry : transcriptSince(transcriptBefore)) {
        if (entry.value(QStringLiteral("command")).toString() == QLatin1String("ip link set dev eth0 down")) {
            downRecorded = entry.value(QStringLiteral("where")).toString() == QLatin1String("NodeA")
                && entry.value(QStringLiteral("exitCode")).toInt() == 0
                && entry.value(QStringLiteral("why")).toString().contains(QStringLiteral("unplug"));
        }
    }
    QVERIFY(downRecorded);

    const qint64 transcriptAtRestore
        = transcriptSince(transcriptBefore).last().value(QStringLiteral("seq")).toInteger();
    const CliResult restored
        = m_lab->cli({ QStringLiteral("--lab"), m_lab->labName(), QStringLiteral("restore"), QStringLiteral("10") });
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.out + restored.err));
    QVERIFY2(restored.out.contains(QStringLiteral("plugged back in")), qPrintable(restored.out));
    const QString link = m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip link show eth0"));
    QVERIFY2(link.contains(QStringLiteral(",UP,")) || link.contains(QStringLiteral(",UP>")), qPrintable(link));
    // The source-routing tables are whole again.
    const QString table1 = m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip route show table 1"));
    QVERIFY2(table1.contains(QStringLiteral("default via 10.168.1.2 dev eth0")), qPrintable(table1));
    QVERIFY2(table1.contains(QStringLiteral("10.168.1.0/24 dev eth0")), qPrintable(table1));
    const QString table2 = m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip route show table 2"));
    QVERIFY2(table2.contains(QStringLiteral("10.168.1.0/24 dev eth0")), qPrintable(table2));
    QVERIFY2(table2.contains(QStringLiteral("default via 10.168.2.2 dev eth1")), qPrintable(table2));
    const QString mainTable = m_lab->exec(QStringLiteral("NodeA"), QStringLiteral("ip route show"));
    QVERIFY2(mainTable.contains(QStringLiteral("default via 10.168.1.2 dev eth0")), qPrintable(mainTable));
    // And the transcript says why the routing ran again.
    int rerun = 0;
    for (const QJsonObject &entry : transcriptSince(transcriptAtRestore)) {
        if (entry.value(QStringLiteral("why")).toString().contains(QStringLiteral("deleted every route through it")))
            ++rerun;
    }
    QVERIFY2(rerun >= 10, qPrintable(QString::number(rerun)));
    const QJsonObject whole = m_lab->status();
    QCOMPARE(statusOfPort(whole, 10).value(QStringLiteral("broken")).toBool(), false);
    QVERIFY(!statusOfPath(whole, QStringLiteral("path1")).contains(QStringLiteral("breakMode")));

    // Subscribers heard both, with the real mode.
    QList<QJsonObject> linkEvents;
    QElapsedTimer waited;
    waited.start();
    while (linkEvents.size() < 2 && waited.elapsed() < 3000) {
        QVERIFY(events.waitForEvents(100, [&](const QJsonObject &event) {
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("link"))
                linkEvents << event;
        }));
    }
    QCOMPARE(linkEvents.size(), 2);
    QCOMPARE(linkEvents[0].value(QStringLiteral("broken")).toBool(), true);
    QCOMPARE(linkEvents[0].value(QStringLiteral("mode")).toString(), QStringLiteral("unplug"));
    QCOMPARE(linkEvents[0].value(QStringLiteral("link")).toString(), QStringLiteral("NodeA:eth0"));
    QCOMPARE(linkEvents[1].value(QStringLiteral("broken")).toBool(), false);
    QCOMPARE(linkEvents[1].value(QStringLiteral("mode")).toString(), QStringLiteral("unplug"));
}

void TestSeedLab::badLinksAreRefused()
{
    const QString unknown
        = m_lab->callError(QStringLiteral("break"), { { QStringLiteral("link"), QStringLiteral("NodeA:eth9") } });
    QVERIFY2(unknown.contains(QStringLiteral("NodeA:eth9")) && unknown.contains(QStringLiteral("NodeA:eth0")),
        qPrintable(unknown));
    const QString management
        = m_lab->callError(QStringLiteral("break"), { { QStringLiteral("link"), QStringLiteral("NodeA:eth2") } });
    QVERIFY2(management.contains(QStringLiteral("management")), qPrintable(management));
    const CliResult cli
        = m_lab->cli({ QStringLiteral("--lab"), m_lab->labName(), QStringLiteral("break"), QStringLiteral("99") });
    QCOMPARE(cli.exitCode, 1);
    QVERIFY2(cli.err.startsWith(QStringLiteral("mptcplab-cli: ")) && cli.err.trimmed().count(QLatin1Char('\n')) == 0,
        qPrintable(cli.err));
}

// Another user (here: nobody) may reach the socket file but not the engine.
void TestSeedLab::strangersAreRefused()
{
    const QByteArray path = QFile::encodeName(RuntimeDir(m_lab->labName()).apiSocket());
    int pipeFds[2];
    QCOMPARE(::pipe(pipeFds), 0);
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(pipeFds[0]);
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(2);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.constData(), sizeof address.sun_path - 1);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            ::_exit(3);
        const char request[] = "{\"id\":1,\"method\":\"break\",\"params\":{\"link\":\"10\"}}\n";
        [[maybe_unused]] auto sent = ::write(fd, request, sizeof request - 1);
        char reply[512] = {};
        const ssize_t got = ::read(fd, reply, sizeof reply - 1);
        [[maybe_unused]] auto copied = ::write(pipeFds[1], reply, size_t(got > 0 ? got : 0));
        ::_exit(0);
    }
    ::close(pipeFds[1]);
    QByteArray reply;
    char buffer[512];
    for (ssize_t got; (got = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;)
        reply.append(buffer, got);
    ::close(pipeFds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    QCOMPARE(WEXITSTATUS(status), 0);
    QVERIFY2(reply.contains("permission denied"), reply.constData());
    QVERIFY2(reply.contains("\"code\":\"permission-denied\""), reply.constData());
    // And the request was not carried out.
    for (const QJsonValue &value : m_lab->status().value(QStringLiteral("ports")).toArray()) {
        if (value.toObject().value(QStringLiteral("port")).toInt() == 10)
            QCOMPARE(value.toObject().value(QStringLiteral("vlan")).toInt(), 1);
    }
}

void TestSeedLab::deadPlugIsReported()
{
    // Pull NodeB's eth1 cable: kill the vde_plug2tap serving switch port 21.
    qint64 plugPid = 0;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (entry.toLongLong() > 0 && cmdline.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> args = cmdline.readAll().split('\0');
            if (args.value(0).endsWith("vde_plug2tap") && args.contains("21") && args.contains("eth1")
                && args.value(2).contains("/mptcplab/itseed/"))
                plugPid = entry.toLongLong();
        }
    }
    QVERIFY2(plugPid > 0, "no vde_plug2tap for port 21 of the test lab");
    QCOMPARE(::kill(pid_t(plugPid), SIGKILL), 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_lab->status().value(QStringLiteral("damage")).toString().contains(QStringLiteral("vde_plug2tap")), 5000);
    const QString damage = m_lab->status().value(QStringLiteral("damage")).toString();
    QVERIFY2(damage.contains(QStringLiteral("NodeB")) && damage.contains(QStringLiteral("eth1")), qPrintable(damage));
}

void TestSeedLab::downRemovesEverything()
{
    QElapsedTimer clock;
    clock.start();
    const CliResult down = m_lab->cli({ QStringLiteral("down"), QStringLiteral("--lab"), m_lab->labName() });
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    qInfo("down took %lld ms", clock.elapsed());
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(QLatin1Char('\n'))));
}

void TestSeedLab::killedEngineIsCleanedUp()
{
    const CliResult up = m_lab->cli({ QStringLiteral("up"), QStringLiteral("--lab"), m_lab->labFile() });
    QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
    const qint64 enginePid = m_lab->status().value(QStringLiteral("enginePid")).toInteger();
    QVERIFY(enginePid > 0);
    QCOMPARE(::kill(pid_t(enginePid), SIGKILL), 0);
    QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(enginePid), 0) != 0, 5000);
    QVERIFY(!m_lab->leftovers().isEmpty()); // namespaces and sshd outlive a killed engine...
    const CliResult status = m_lab->cli({ QStringLiteral("status"), QStringLiteral("--lab"), m_lab->labName() });
    QCOMPARE(status.exitCode, 1);
    QVERIFY2(status.err.contains(QStringLiteral("no running engine")), qPrintable(status.err));
    const CliResult down = m_lab->cli({ QStringLiteral("down"), QStringLiteral("--lab"), m_lab->labName() });
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(QLatin1Char('\n')))); // ...until down
}

void TestSeedLab::invalidLabChangesNothing()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bad.json"));
    QFile bad(file);
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(QByteArray(R"({"format": "mptcplab-lab/1", "name": "itbad", "switch": {"vlans": [1], "deadVlan": 7}})"));
    bad.close();
    const CliResult up = m_lab->cli({ QStringLiteral("up"), QStringLiteral("--lab"), file });
    QCOMPARE(up.exitCode, 1);
    QVERIFY2(up.err.contains(file) && up.err.contains(QStringLiteral("/switch/deadVlan")), qPrintable(up.err));
    QVERIFY(!RuntimeDir(QStringLiteral("itbad")).exists());
    QProcess ip;
    ip.start(QStringLiteral("ip"), { QStringLiteral("netns"), QStringLiteral("list") });
    ip.waitForFinished();
    QVERIFY(!ip.readAllStandardOutput().contains("mlab-itbad"));
}

QTEST_GUILESS_MAIN(TestSeedLab)
#include "tst_seedlab.moc"
