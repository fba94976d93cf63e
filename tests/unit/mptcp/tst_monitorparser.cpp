#include "mptcp/monitorparser.h"

#include "testsupport.h"

#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(mlab::MptcpEventType)

class TestMonitorParser : public QObject
{
    Q_OBJECT

private slots:
    void clientFixture();
    void serverFixture();
    void line_data();
    void line();
    void garbledLinesAreCounted();
};

void TestMonitorParser::clientFixture()
{
    const Parsed<QList<MptcpEvent>> parsed = parseMonitor(test::readFixture("ip-mptcp-monitor.txt"));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.size(), 5);
    const QList<MptcpEventType> types { MptcpEventType::Created, MptcpEventType::Established, MptcpEventType::Announced,
        MptcpEventType::SubflowEstablished, MptcpEventType::Closed };
    for (qsizetype i = 0; i < types.size(); ++i) {
        QCOMPARE(parsed.value[i].type, types[i]);
        QCOMPARE(parsed.value[i].token, u"724e7cdf"_s);
    }
    const MptcpEvent &created = parsed.value[0];
    QCOMPARE(created.name, u"CREATED"_s);
    QCOMPARE(created.localAddress, u"10.168.1.1"_s);
    QCOMPARE(created.remoteAddress, u"10.168.1.2"_s);
    QCOMPARE(created.localPort, 50124);
    QCOMPARE(created.remotePort, 5001);

    const MptcpEvent &announced = parsed.value[2];
    QCOMPARE(announced.remoteId, 1);
    QVERIFY(!announced.localId);
    QCOMPARE(announced.remoteAddress, u"10.168.2.2"_s);
    QVERIFY(announced.localAddress.isEmpty());

    const MptcpEvent &joined = parsed.value[3];
    QCOMPARE(joined.name, u"SF_ESTABLISHED"_s);
    QCOMPARE(joined.localId, 2);
    QCOMPARE(joined.localAddress, u"10.168.2.1"_s);
    QCOMPARE(joined.localPort, 38315);
    QCOMPARE(joined.backup, false);
    QCOMPARE(joined.ifindex, 3);
    QCOMPARE(joined.attributes.value(u"saddr4"_s), u"10.168.2.1"_s);
    QVERIFY(parsed.value[4].attributes.size() == 1);
}

void TestMonitorParser::serverFixture()
{
    const Parsed<QList<MptcpEvent>> parsed = parseMonitor(test::readFixture("ip-mptcp-monitor-server.txt"));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.size(), 12);
    // iproute2 6.1 does not know the listener events: "[UNKNOWN 15]" is LISTENER_CREATED, and named so.
    QCOMPARE(parsed.value.first().name, u"LISTENER_CREATED"_s);
    QCOMPARE(parsed.value.first().kernelCode, 15);
    QCOMPARE(parsed.value.first().type, MptcpEventType::ListenerCreated);
    QCOMPARE(parsed.value.last().name, u"LISTENER_CLOSED"_s);
    QCOMPARE(parsed.value.last().kernelCode, 16);
    QCOMPARE(parsed.value.last().type, MptcpEventType::ListenerClosed);
    const MptcpEvent &created = parsed.value[1];
    QCOMPARE(created.type, MptcpEventType::Created);
    QCOMPARE(created.localAddress, u"10.99.1.2"_s); // saddr6=::ffff:10.99.1.2
    QCOMPARE(created.remoteAddress, u"10.99.1.1"_s);
    QCOMPARE(created.attributes.value(u"flags"_s), u"2"_s);
    const MptcpEvent &cross = parsed.value[4];
    QCOMPARE(cross.type, MptcpEventType::SubflowEstablished);
    QCOMPARE(cross.remoteId, 1);
    QCOMPARE(cross.localId, 0);
    QCOMPARE(cross.localAddress, u"10.99.1.2"_s);
    QCOMPARE(cross.remoteAddress, u"10.99.2.1"_s);
    QCOMPARE(parsed.value[9].token, u"6cb4eabe"_s);
    QCOMPARE(parsed.value[10].token, u"20a242d1"_s);
}

void TestMonitorParser::line_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<MptcpEventType>("type");
    QTest::addColumn<QString>("name");

    QTest::newRow("sf closed") << QByteArray("[     SF_CLOSED] token=724e7cdf remid=1 locid=2 saddr4=10.168.2.1 "
                                             "daddr4=10.168.2.2 sport=38315 dport=5001 backup=0 error=110")
                               << true << MptcpEventType::SubflowClosed << u"SF_CLOSED"_s;
    QTest::newRow("sf prio") << QByteArray("[       SF_PRIO] token=724e7cdf remid=1 locid=2 backup=1") << true
                             << MptcpEventType::SubflowPriority << u"SF_PRIO"_s;
    QTest::newRow("removed") << QByteArray("[       REMOVED] token=724e7cdf remid=1") << true << MptcpEventType::Removed
                             << u"REMOVED"_s;
    QTest::newRow("newer iproute2 name") << QByteArray("[LISTENER_CREATED] family=2 sport=5001 saddr4=0.0.0.0") << true
                                         << MptcpEventType::ListenerCreated << u"LISTENER_CREATED"_s;
    QTest::newRow("iproute2 6.1 listener created")
        << QByteArray("[UNKNOWN 15]") << true << MptcpEventType::ListenerCreated << u"LISTENER_CREATED"_s;
    QTest::newRow("iproute2 6.1 listener closed")
        << QByteArray("[UNKNOWN 16]") << true << MptcpEventType::ListenerClosed << u"LISTENER_CLOSED"_s;
    QTest::newRow("unknown number") << QByteArray("[UNKNOWN 42]") << true << MptcpEventType::Unknown << u"UNKNOWN 42"_s;
    QTest::newRow("no bracket") << QByteArray("CREATED token=724e7cdf") << false << MptcpEventType::Unknown
                                << QString();
    QTest::newRow("cut in name") << QByteArray("[SF_ESTAB") << false << MptcpEventType::Unknown << QString();
    QTest::newRow("cut in attribute") << QByteArray("[SF_ESTABLISHED] token=724e7cdf remid=1 loc") << false
                                      << MptcpEventType::Unknown << QString();
    QTest::newRow("cut after =") << QByteArray("[SF_ESTABLISHED] token=724e7cdf remid=") << false
                                 << MptcpEventType::Unknown << QString();
    QTest::newRow("bad token") << QByteArray("[       CREATED] token=zz12") << false << MptcpEventType::Unknown
                               << QString();
    QTest::newRow("bad address") << QByteArray("[       CREATED] token=1 saddr4=10.168.2") << false
                                 << MptcpEventType::Unknown << QString();
    QTest::newRow("bad port") << QByteArray("[       CREATED] token=1 sport=-3") << false << MptcpEventType::Unknown
                              << QString();
    QTest::newRow("bad unknown") << QByteArray("[UNKNOWN x]") << false << MptcpEventType::Unknown << QString();
    QTest::newRow("empty name") << QByteArray("[   ] token=1") << false << MptcpEventType::Unknown << QString();
}

void TestMonitorParser::line()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QFETCH(MptcpEventType, type);
    QFETCH(QString, name);
    const std::optional<MptcpEvent> event = parseMonitorLine(line);
    QCOMPARE(event.has_value(), valid);
    if (valid) {
        QCOMPARE(event->type, type);
        QCOMPARE(event->name, name);
    }
}

void TestMonitorParser::garbledLinesAreCounted()
{
    QByteArray output = test::readFixture("ip-mptcp-monitor.txt");
    output.insert(0, "Error: something\n\n");
    output.append("[SF_ESTABLISHED] token=724e7cdf remid=1 locid=2 saddr4=10.16");
    const Parsed<QList<MptcpEvent>> parsed = parseMonitor(output);
    QCOMPARE(parsed.value.size(), 5);
    QCOMPARE(parsed.skipped, 2);
}

QTEST_GUILESS_MAIN(TestMonitorParser)
#include "tst_monitorparser.moc"
