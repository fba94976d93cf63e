#include "lab/labfile.h"
#include "mptcp/kernelendpoints.h"

#include <QTest>

using namespace mlab;

// The endpoint set the MPTCP profile uses on each kernel, for the seed lab's fullmesh client and signal server.
class TestKernelEndpoints : public QObject
{
    Q_OBJECT

private slots:
    void choice_data();
    void choice();
};

void TestKernelEndpoints::choice_data()
{
    QTest::addColumn<int>("node");
    QTest::addColumn<QString>("kernel");
    QTest::addColumn<QStringList>("eth0");
    QTest::addColumn<QStringList>("eth1");
    QTest::addColumn<bool>("noted");
    const QStringList fullmesh { QStringLiteral("subflow"), QStringLiteral("fullmesh") };
    const QStringList subflow { QStringLiteral("subflow") };
    const QStringList signal { QStringLiteral("signal") };
    QTest::newRow("Debian 12 stock client") << 0 << "6.1.0-57-amd64" << QStringList() << subflow << true;
    QTest::newRow("6.11 client") << 0 << "6.11.2" << QStringList() << subflow << true;
    QTest::newRow("bookworm-backports client") << 0 << "6.12.48+deb12-amd64" << fullmesh << fullmesh << false;
    QTest::newRow("host 6.18 client") << 0 << "6.18.44-fc-v1045" << fullmesh << fullmesh << false;
    QTest::newRow("7.0 client") << 0 << "7.0.0" << fullmesh << fullmesh << false;
    QTest::newRow("unknown kernel") << 0 << "weird" << fullmesh << fullmesh << false;
    QTest::newRow("6.1 server keeps signal") << 1 << "6.1.0-57-amd64" << QStringList() << signal << false;
}

void TestKernelEndpoints::choice()
{
    QFETCH(int, node);
    QFETCH(QString, kernel);
    QFETCH(QStringList, eth0);
    QFETCH(QStringList, eth1);
    QFETCH(bool, noted);
    Result<Lab> lab = loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json"));
    QVERIFY2(lab, qPrintable(lab.error()));
    const EndpointChoice choice = endpointsForKernel(lab->nodes[node], kernel);
    QCOMPARE(choice.node.interfaceNamed(QStringLiteral("eth0"))->endpointFlags, eth0);
    QCOMPARE(choice.node.interfaceNamed(QStringLiteral("eth1"))->endpointFlags, eth1);
    QCOMPARE(!choice.note.isEmpty(), noted);
    if (noted) {
        QVERIFY2(choice.note.contains(kernel), qPrintable(choice.note));
        QVERIFY2(choice.note.contains(QStringLiteral("eth1")), qPrintable(choice.note));
    }
}

QTEST_GUILESS_MAIN(TestKernelEndpoints)
#include "tst_kernelendpoints.moc"
