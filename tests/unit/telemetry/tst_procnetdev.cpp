#include "telemetry/procnetdev.h"

#include "telemetrytest.h"

#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestProcNetDev : public QObject
{
    Q_OBJECT

private slots:
    void realNode_data();
    void realNode();
    void counterTouchingTheColon();
    void garbled_data();
    void garbled();
    void wholeBreakCapture();
};

void TestProcNetDev::realNode_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("rxBytes");
    QTest::addColumn<qint64>("rxPackets");
    QTest::addColumn<qint64>("txBytes");
    QTest::addColumn<qint64>("txPackets");
    QTest::newRow("lo") << u"lo"_s << qint64(369) << qint64(6) << qint64(369) << qint64(6);
    QTest::newRow("eth0") << u"eth0"_s << qint64(1398750) << qint64(17925) << qint64(71703604) << qint64(47904);
    QTest::newRow("eth1") << u"eth1"_s << qint64(1863834) << qint64(23895) << qint64(112220248) << qint64(74664);
    QTest::newRow("eth2") << u"eth2"_s << qint64(33964) << qint64(370) << qint64(313354) << qint64(347);
}

void TestProcNetDev::realNode()
{
    QFETCH(QString, name);
    QFETCH(qint64, rxBytes);
    QFETCH(qint64, rxPackets);
    QFETCH(qint64, txBytes);
    QFETCH(qint64, txPackets);
    const Parsed<QList<InterfaceCounters>> parsed = parseProcNetDev(test::readFixture("telemetry-proc-net-dev.txt"));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.size(), 4);
    const auto it = std::find_if(
        parsed.value.cbegin(), parsed.value.cend(), [&](const InterfaceCounters &c) { return c.name == name; });
    QVERIFY2(it != parsed.value.cend(), qPrintable(name));
    QCOMPARE(it->rxBytes, rxBytes);
    QCOMPARE(it->rxPackets, rxPackets);
    QCOMPARE(it->txBytes, txBytes);
    QCOMPARE(it->txPackets, txPackets);
}

void TestProcNetDev::counterTouchingTheColon()
{
    // The kernel prints "%6s:%7llu": a name of 6 characters and a big counter leave no space around the colon.
    const QByteArray line = "enp0s31f6:12345678901    10    0    0    0     0          0         0 42 7 0 0 0 0 0 0\n";
    const Parsed<QList<InterfaceCounters>> parsed = parseProcNetDev(line);
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.value.size(), 1);
    QCOMPARE(parsed.value.at(0).name, u"enp0s31f6"_s);
    QCOMPARE(parsed.value.at(0).rxBytes, qint64(12345678901));
    QCOMPARE(parsed.value.at(0).txBytes, qint64(42));
}

void TestProcNetDev::garbled_data()
{
    QTest::addColumn<QByteArray>("line");
    const QByteArray real = test::readFixture("telemetry-proc-net-dev.txt").split('\n').at(3); // eth0
    QTest::newRow("cut short") << real.left(real.size() / 2);
    QTest::newRow("no colon") << QByteArray(real).replace(':', ' ');
    QTest::newRow("not a number") << QByteArray(real).replace("17925", "17x25");
    QTest::newRow("negative") << QByteArray(real).replace("17925", "-17925");
    QTest::newRow("no name") << real.mid(real.indexOf(':'));
}

void TestProcNetDev::garbled()
{
    QFETCH(QByteArray, line);
    const QByteArray lines = test::readFixture("telemetry-proc-net-dev.txt");
    const Parsed<QList<InterfaceCounters>> parsed = parseProcNetDev(lines + line + '\n');
    QCOMPARE(parsed.skipped, 1);
    QCOMPARE(parsed.value.size(), 4); // the good lines still come through
}

void TestProcNetDev::wholeBreakCapture()
{
    const test::Capture capture = test::readCapture("telemetry-counters-break.txt");
    QVERIFY(capture.blocks.size() >= 150);
    qint64 previousEth0 = -1;
    for (const test::CaptureBlock &block : capture.blocks) {
        const Parsed<QList<InterfaceCounters>> parsed = parseProcNetDev(block.text);
        QCOMPARE(parsed.skipped, 0);
        QCOMPARE(parsed.value.size(), 4);
        QCOMPARE(parsed.value.at(1).name, u"eth0"_s);
        QVERIFY(parsed.value.at(1).rxBytes >= previousEth0); // cumulative
        previousEth0 = parsed.value.at(1).rxBytes;
    }
}

QTEST_GUILESS_MAIN(TestProcNetDev)
#include "tst_procnetdev.moc"
