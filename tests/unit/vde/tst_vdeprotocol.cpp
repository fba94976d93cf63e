#include "vde/vdeprotocol.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace mlab;

namespace {

QByteArray fixture(const char *name)
{
    // MPTCPLAB_FIXTURES_DIR is computed from the calling directory (tests/unit/vde/../fixtures) by the shared
    // helper; until that is fixed, fall back to the real location under the source tree.
    for (const QString &dir :
        { QStringLiteral(MPTCPLAB_FIXTURES_DIR), QStringLiteral(MPTCPLAB_SOURCE_DIR "/tests/fixtures") }) {
        QFile file(dir + QLatin1Char('/') + QLatin1String(name));
        if (file.open(QIODevice::ReadOnly))
            return file.readAll();
    }
    qFatal("cannot read fixture %s from %s", name, MPTCPLAB_FIXTURES_DIR);
}

// The live switch never echoes commands; the fixture is a transcript that shows them after each prompt.
QByteArray withoutEchoedCommands(const QByteArray &session)
{
    QByteArray live;
    for (const QByteArray &line : session.split('\n')) {
        live += line.startsWith("vde$ ") ? QByteArray("vde$ ") : line + '\n';
    }
    live.chop(1); // split() adds nothing after the final prompt, so drop the newline we appended
    return live;
}

} // namespace

class TestVdeProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sessionReplies_data();
    void sessionReplies();
    void sessionBanner();
    void sessionFedByteByByte();
    void liveStreamWithoutEcho();
    void truncatedSessionNeverInventsReplies();
    void garbledInput_data();
    void garbledInput();
    void portAllPrint_data();
    void portAllPrint();
    void portPrintFromSession();
    void malformedPortHeaderIsSkipped();
    void vlanAllPrint_data();
    void vlanAllPrint();
};

void TestVdeProtocol::sessionReplies_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("data");

    const QStringList portPrint {
        QStringLiteral("Port 0010 untagged_vlan=0001 ACTIVE - NOT Unnamed Allocatable"),
        QStringLiteral(" Current User: root Access Control: (User: NONE - Group: NONE)"),
        QStringLiteral(" IN:  pkts     792571          bytes           1191333642"),
        QStringLiteral(" OUT: pkts     195005          bytes             16341842"),
        QStringLiteral("  -- endpoint ID 0003 module unix prog   : vde_plug2tap: user=root pid=4785"),
    };
    const QStringList vlanPrint {
        QStringLiteral("VLAN 0001"),
        QStringLiteral(" -- Port 0010 tagged=0 active=1 status=Forwarding"),
        QStringLiteral(" -- Port 0020 tagged=0 active=1 status=Forwarding"),
    };
    QTest::newRow("port/print") << 0 << QStringLiteral("port/print 10") << 1000 << QStringLiteral("Success")
                                << portPrint;
    QTest::newRow("setvlan on missing port: 1022")
        << 1 << QStringLiteral("port/setvlan 99 1") << 1022 << QStringLiteral("Invalid argument") << QStringList {};
    QTest::newRow("vlan/print") << 2 << QStringLiteral("vlan/print 1") << 1000 << QStringLiteral("Success")
                                << vlanPrint;
    QTest::newRow("unknown command: 1038")
        << 3 << QStringLiteral("bogus") << 1038 << QStringLiteral("Function not implemented") << QStringList {};
    QTest::newRow("setvlan ok") << 4 << QStringLiteral("port/setvlan 10 1") << 1000 << QStringLiteral("Success")
                                << QStringList {};
    QTest::newRow("vlan/create existing: 1017")
        << 5 << QStringLiteral("vlan/create 1") << 1017 << QStringLiteral("File exists") << QStringList {};
}

void TestVdeProtocol::sessionReplies()
{
    QFETCH(int, index);
    QFETCH(QString, command);
    QFETCH(int, code);
    QFETCH(QString, text);
    QFETCH(QStringList, data);

    const VdeSession session = parseVdeSession(fixture("vde-mgmt-session.bin"));
    QCOMPARE(session.replies.size(), 6);
    QVERIFY2(session.unexpectedLines.isEmpty(), qPrintable(session.unexpectedLines.join(QLatin1Char('\n'))));
    QVERIFY(session.complete);

    const VdeReply &reply = session.replies.at(index);
    QCOMPARE(reply.command, command);
    QCOMPARE(reply.code, code);
    QCOMPARE(reply.text, text);
    QCOMPARE(reply.dataLines, data);
    QCOMPARE(reply.ok(), code == 1000);
    QCOMPARE(reply.statusLine(), QString::number(code) + QLatin1Char(' ') + text);
}

void TestVdeProtocol::sessionBanner()
{
    const VdeSession session = parseVdeSession(fixture("vde-mgmt-session.bin"));
    QCOMPARE(session.banner.trimmed(),
        QStringLiteral("VDE switch V.2.3.2\n(C) Virtual Square Team (coord. R. Davoli) 2005,2006,2007 - GPLv2"));
}

void TestVdeProtocol::sessionFedByteByByte()
{
    // Socket reads split anywhere, including inside "vde$ " and inside "0000 DATA END WITH '.'".
    const QByteArray bytes = fixture("vde-mgmt-session.bin");
    const VdeSession whole = parseVdeSession(bytes);
    VdeReplyParser parser;
    QList<VdeReply> replies;
    for (char byte : bytes) {
        parser.feed(QByteArray(1, byte));
        while (auto reply = parser.takeReply())
            replies << *reply;
    }
    QVERIFY(parser.promptSeen());
    QVERIFY(parser.idle());
    QCOMPARE(replies.size(), whole.replies.size());
    for (int i = 0; i < replies.size(); ++i) {
        QCOMPARE(replies.at(i).command, whole.replies.at(i).command);
        QCOMPARE(replies.at(i).code, whole.replies.at(i).code);
        QCOMPARE(replies.at(i).dataLines, whole.replies.at(i).dataLines);
    }
}

void TestVdeProtocol::liveStreamWithoutEcho()
{
    const VdeSession session = parseVdeSession(withoutEchoedCommands(fixture("vde-mgmt-session.bin")));
    QVERIFY2(session.unexpectedLines.isEmpty(), qPrintable(session.unexpectedLines.join(QLatin1Char('\n'))));
    QCOMPARE(session.replies.size(), 6);
    const QList<int> codes { 1000, 1022, 1000, 1038, 1000, 1017 };
    for (int i = 0; i < codes.size(); ++i) {
        QCOMPARE(session.replies.at(i).code, codes.at(i));
        QVERIFY(session.replies.at(i).command.isEmpty());
    }
    QCOMPARE(session.replies.at(0).dataLines.size(), 5);
}

void TestVdeProtocol::truncatedSessionNeverInventsReplies()
{
    const QByteArray bytes = fixture("vde-mgmt-session.bin");
    const VdeSession whole = parseVdeSession(bytes);
    for (qsizetype cut = 0; cut < bytes.size(); ++cut) {
        const VdeSession part = parseVdeSession(bytes.left(cut));
        QVERIFY(part.replies.size() <= whole.replies.size());
        QVERIFY2(part.unexpectedLines.isEmpty(), qPrintable(QStringLiteral("cut at %1").arg(cut)));
        // Every reply from a prefix is exactly a reply of the whole session: never a half-read one.
        for (int i = 0; i < part.replies.size(); ++i) {
            QCOMPARE(part.replies.at(i).code, whole.replies.at(i).code);
            QCOMPARE(part.replies.at(i).dataLines, whole.replies.at(i).dataLines);
        }
    }
    QVERIFY(!parseVdeSession(bytes.left(bytes.indexOf("1000 Success"))).complete);
}

void TestVdeProtocol::garbledInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("replies");
    QTest::addColumn<bool>("unexpected");

    const QByteArray session = fixture("vde-mgmt-session.bin");
    QTest::newRow("empty") << QByteArray() << 0 << false;
    QTest::newRow("banner only, no prompt") << session.left(session.indexOf("vde$")) << 0 << false;
    QTest::newRow("junk before a reply") << QByteArray("vde$ \nthis is not the protocol\n1000 Success\n\nvde$ ") << 1
                                         << true;
    QTest::newRow("junk after a reply") << QByteArray("vde$ 1000 Success\nthis is junk\n\nvde$ ") << 1 << true;
    QTest::newRow("data block cut by a prompt")
        << QByteArray("vde$ 0000 DATA END WITH '.'\nPort 0010 untagged_vlan=0001\nvde$ 1000 Success\n\nvde$ ") << 1
        << true;
    QTest::newRow("data block never closed") << QByteArray("vde$ 0000 DATA END WITH '.'\nVLAN 0001\n") << 0 << false;
    static const char nuls[] = "v\0de$ 1000\0 Success\n\n\0vde$ ";
    QTest::newRow("NULs everywhere") << QByteArray(nuls, sizeof(nuls) - 1) << 1 << false;
    QTest::newRow("status code without text") << QByteArray("vde$ 1000\n\nvde$ ") << 0 << true;
    QTest::newRow("CRLF line ends") << QByteArray("vde$ 1022 Invalid argument\r\n\r\nvde$ ") << 1 << false;
    QTest::newRow("invalid UTF-8") << QByteArray("vde$ \xff\xfe\x80\n1000 Success\n\nvde$ ") << 1 << false;

    QRandomGenerator random(42); // fixed seed: the same garbage every run
    for (int round = 0; round < 8; ++round) {
        QByteArray noise = session;
        for (int i = 0; i < 40; ++i)
            noise[random.bounded(int(noise.size()))] = char(random.bounded(256));
        QTest::addRow("fixture with 40 random bytes #%d", round) << noise << -1 << false;
    }
}

void TestVdeProtocol::garbledInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, replies);
    QFETCH(bool, unexpected);

    const VdeSession session = parseVdeSession(bytes); // must not crash or hang, whatever comes in
    if (replies < 0)
        return; // random noise: surviving it is the assertion
    QCOMPARE(session.replies.size(), replies);
    QCOMPARE(!session.unexpectedLines.isEmpty(), unexpected);
}

void TestVdeProtocol::portAllPrint_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("vlan");
    QTest::addColumn<bool>("active");
    QTest::addColumn<QString>("user");
    QTest::addColumn<qint64>("inPackets");
    QTest::addColumn<qint64>("inBytes");
    QTest::addColumn<qint64>("outPackets");
    QTest::addColumn<qint64>("outBytes");
    QTest::addColumn<qint64>("endpointPid");

    QTest::newRow("port 2, management, idle")
        << 0 << 2 << 3 << false << QStringLiteral("NONE") << 0LL << 0LL << 0LL << 0LL << 0LL;
    QTest::newRow("port 3, management, idle")
        << 1 << 3 << 3 << false << QStringLiteral("NONE") << 0LL << 0LL << 0LL << 0LL << 0LL;
    QTest::newRow("port 10, path 1") << 2 << 10 << 1 << true << QStringLiteral("root") << 736268LL << 1106590708LL
                                     << 182507LL << 15300022LL << 4785LL;
    QTest::newRow("port 11, path 2") << 3 << 11 << 2 << true << QStringLiteral("root") << 1481692LL << 2235316840LL
                                     << 322052LL << 27170608LL << 4787LL;
    QTest::newRow("port 20, path 1") << 4 << 20 << 1 << true << QStringLiteral("root") << 182517LL << 15300734LL
                                     << 736164LL << 1106439620LL << 4789LL;
    QTest::newRow("port 21, path 2") << 5 << 21 << 2 << true << QStringLiteral("root") << 322052LL << 27170608LL
                                     << 1481692LL << 2235316840LL << 4791LL;
}

void TestVdeProtocol::portAllPrint()
{
    QFETCH(int, index);
    QFETCH(int, port);
    QFETCH(int, vlan);
    QFETCH(bool, active);
    QFETCH(QString, user);
    QFETCH(qint64, inPackets);
    QFETCH(qint64, inBytes);
    QFETCH(qint64, outPackets);
    QFETCH(qint64, outBytes);
    QFETCH(qint64, endpointPid);

    const QList<VdePortInfo> ports = parsePortPrint(splitVdeLines(fixture("vde-port-allprint.txt")));
    QCOMPARE(ports.size(), 6);
    const VdePortInfo &info = ports.at(index);
    QCOMPARE(info.port, port);
    QCOMPARE(info.untaggedVlan, vlan);
    QCOMPARE(info.active, active);
    QCOMPARE(info.user, user);
    QCOMPARE(info.inPackets, inPackets);
    QCOMPARE(info.inBytes, inBytes);
    QCOMPARE(info.outPackets, outPackets);
    QCOMPARE(info.outBytes, outBytes);
    QCOMPARE(info.endpoints.size(), endpointPid ? 1 : 0);
    if (endpointPid) {
        QCOMPARE(info.endpoints.first().pid, endpointPid);
        QCOMPARE(info.endpoints.first().module, QStringLiteral("unix prog"));
        QCOMPARE(info.endpoints.first().description, QStringLiteral("vde_plug2tap: user=root pid=%1").arg(endpointPid));
    }
}

void TestVdeProtocol::portPrintFromSession()
{
    const VdeSession session = parseVdeSession(fixture("vde-mgmt-session.bin"));
    const QList<VdePortInfo> ports = parsePortPrint(session.replies.at(0).dataLines);
    QCOMPARE(ports.size(), 1);
    QCOMPARE(ports.first().port, 10);
    QCOMPARE(ports.first().untaggedVlan, 1);
    QCOMPARE(ports.first().inPackets, 792571);
    QCOMPARE(ports.first().inBytes, 1191333642);
    QCOMPARE(ports.first().outPackets, 195005);
    QCOMPARE(ports.first().outBytes, 16341842);
    QCOMPARE(ports.first().endpoints.size(), 1);
    QCOMPARE(ports.first().endpoints.first().id, 3);
}

void TestVdeProtocol::malformedPortHeaderIsSkipped()
{
    QStringList lines = splitVdeLines(fixture("vde-port-allprint.txt"));
    const qsizetype header
        = lines.indexOf(QStringLiteral("Port 0011 untagged_vlan=0002 ACTIVE - NOT Unnamed Allocatable"));
    QVERIFY(header > 0);
    lines[header] = QStringLiteral("Port 0011 untagged_vlan=?? ACTIVE");
    const QList<VdePortInfo> ports = parsePortPrint(lines);
    QCOMPARE(ports.size(), 5);
    // Port 11's counters must not overwrite port 10's.
    QCOMPARE(ports.at(2).port, 10);
    QCOMPARE(ports.at(2).inPackets, 736268);
    QCOMPARE(ports.at(2).endpoints.size(), 1);
    QCOMPARE(ports.at(3).port, 20);
}

void TestVdeProtocol::vlanAllPrint_data()
{
    QTest::addColumn<int>("vlan");
    QTest::addColumn<QList<int>>("ports");
    QTest::addColumn<bool>("active");

    QTest::newRow("VLAN 0: nothing") << 0 << QList<int> {} << false;
    QTest::newRow("VLAN 1: path 1") << 1 << QList<int> { 10, 20 } << true;
    QTest::newRow("VLAN 2: path 2") << 2 << QList<int> { 11, 21 } << true;
    QTest::newRow("VLAN 3: management, idle") << 3 << QList<int> { 2, 3 } << false;
    QTest::newRow("VLAN 4: the black hole") << 4 << QList<int> {} << false;
}

void TestVdeProtocol::vlanAllPrint()
{
    QFETCH(int, vlan);
    QFETCH(QList<int>, ports);
    QFETCH(bool, active);

    const QList<VdeVlanInfo> vlans = parseVlanPrint(splitVdeLines(fixture("vde-vlan-allprint.txt")));
    QCOMPARE(vlans.size(), 5);
    const VdeVlanInfo &info = vlans.at(vlan);
    QCOMPARE(info.vlan, vlan);
    QList<int> found;
    for (const VdeVlanMember &member : info.members) {
        found << member.port;
        QVERIFY(!member.tagged);
        QCOMPARE(member.active, active);
        QCOMPARE(member.status, active ? QStringLiteral("Forwarding") : QStringLiteral("Learning"));
    }
    QCOMPARE(found, ports);
}

QTEST_GUILESS_MAIN(TestVdeProtocol)
#include "tst_vdeprotocol.moc"
