#include "lab/labfile.h"
#include "qemu/qemucommand.h"

#include <QTest>

using namespace mlab;

namespace {

const QString kClientKey
    = QStringLiteral("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEypCCRj9+vh4kgEF8X8prFHc1IBtYUIHDnmjxNAxkrf mptcplab-seed");

Lab qemuSeed()
{
    Result<Lab> lab = loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed-qemu.json"));
    if (!lab)
        qFatal("%s", qPrintable(lab.error()));
    return *lab;
}

QemuLaunch launch()
{
    QemuLaunch l;
    l.image = { QStringLiteral("/cache/guest"), QStringLiteral("/cache/guest/vmlinux"),
        QStringLiteral("/cache/guest/initrd.gz"), QStringLiteral("6.1.0-57-amd64") };
    l.switchDir = QStringLiteral("/run/mptcplab/seed-qemu/private/vde");
    l.consoleLog = QStringLiteral("/run/n/console.log");
    l.qmpSocket = QStringLiteral("/run/n/qmp.sock");
    l.pidFile = QStringLiteral("/run/n/qemu.pid");
    l.clientKey = kClientKey;
    l.vdeqWrapper = QStringLiteral("/run/n/vdeq-qemu.sh");
    return l;
}

// The value after option, the n-th time it appears.
QString valueOf(const QStringList &argv, const QString &option, int n = 0)
{
    for (qsizetype i = 0; i + 1 < argv.size(); ++i) {
        if (argv[i] == option && n-- == 0)
            return argv[i + 1];
    }
    return {};
}

} // namespace

// The command line of a QEMU node, built from the seed-qemu lab as shipped.
class TestQemuCommand : public QObject
{
    Q_OBJECT

private slots:
    void kernelCommandLineCarriesTheNodesIdentity();
    void kernelCommandLineRefusesAKeyThatIsNotOne();
    void nativeVdeNicsFollowTheLabFile_data();
    void nativeVdeNicsFollowTheLabFile();
    void vdeqModeUsesTheTutorialSyntaxThroughTheWrapper();
    void kvmFallsBackToTcg();
    void netdevIdsAreWhatSetLinkNeeds();
    void ownDiskBootsThroughTheDescriptorTheEngineOpened();
    void nicModelReachesBothLaunchModes();
    void diskFormatComesFromTheImagesFirstBytes();
    void guestFilesOpenedAsTheUserAreReadThroughTheirDescriptors();
};

void TestQemuCommand::kernelCommandLineCarriesTheNodesIdentity()
{
    const Lab lab = qemuSeed();
    const QString line = guestKernelCommandLine(lab.nodes[1], kClientKey);
    QCOMPARE(line,
        QStringLiteral("console=ttyS0 quiet panic=-1 mlab.host=NodeB mlab.nic=52:54:00:02:01:01,eth0 "
                       "mlab.nic=52:54:00:02:02:01,eth1 mlab.nic=52:54:00:02:00:03,eth2 "
                       "mlab.mgmt=eth2,10.168.255.2/24 "
                       "mlab.key=ssh-ed25519,AAAAC3NzaC1lZDI1NTE5AAAAIEypCCRj9+vh4kgEF8X8prFHc1IBtYUIHDnmjxNAxkrf"));
}

void TestQemuCommand::kernelCommandLineRefusesAKeyThatIsNotOne()
{
    const Lab lab = qemuSeed();
    QVERIFY(guestKernelCommandLine(lab.nodes[0], QStringLiteral("ssh-ed25519 AAAA$(reboot)")).isEmpty());
    QVERIFY(guestKernelCommandLine(lab.nodes[0], QString()).isEmpty());
}

void TestQemuCommand::nativeVdeNicsFollowTheLabFile_data()
{
    QTest::addColumn<int>("nic");
    QTest::addColumn<QString>("netdev");
    QTest::addColumn<QString>("device");
    const QString sw = launch().switchDir;
    QTest::newRow("eth0") << 0 << QStringLiteral("vde,id=n0,sock=%1,port=10").arg(sw)
                          << QStringLiteral("virtio-net-pci,netdev=n0,mac=52:54:00:01:01:01,addr=0x3");
    QTest::newRow("eth1") << 1 << QStringLiteral("vde,id=n1,sock=%1,port=11").arg(sw)
                          << QStringLiteral("virtio-net-pci,netdev=n1,mac=52:54:00:01:02:01,addr=0x4");
    QTest::newRow("eth2") << 2 << QStringLiteral("vde,id=n2,sock=%1,port=2").arg(sw)
                          << QStringLiteral("virtio-net-pci,netdev=n2,mac=52:54:00:01:00:02,addr=0x5");
}

void TestQemuCommand::nativeVdeNicsFollowTheLabFile()
{
    QFETCH(int, nic);
    QFETCH(QString, netdev);
    QFETCH(QString, device);
    const Lab lab = qemuSeed();
    const QStringList argv = qemuArgv(lab.nodes[0], launch());
    QCOMPARE(argv.constFirst(), QStringLiteral("qemu-system-x86_64"));
    QCOMPARE(valueOf(argv, QStringLiteral("-netdev"), nic), netdev);
    QCOMPARE(valueOf(argv, QStringLiteral("-device"), nic), device);
    QCOMPARE(valueOf(argv, QStringLiteral("-m")), QStringLiteral("128"));
    QCOMPARE(valueOf(argv, QStringLiteral("-accel")), QStringLiteral("tcg,tb-size=64"));
    QCOMPARE(valueOf(argv, QStringLiteral("-kernel")), QStringLiteral("/cache/guest/vmlinux"));
    QCOMPARE(valueOf(argv, QStringLiteral("-serial")), QStringLiteral("file:/run/n/console.log"));
    QCOMPARE(valueOf(argv, QStringLiteral("-qmp")), QStringLiteral("unix:/run/n/qmp.sock,server=on,wait=off"));
    QVERIFY(argv.contains(QStringLiteral("-no-reboot")));
    QVERIFY(!argv.contains(QStringLiteral("-net")));
}

void TestQemuCommand::vdeqModeUsesTheTutorialSyntaxThroughTheWrapper()
{
    Lab lab = qemuSeed();
    lab.nodes[1].qemu.launch = QStringLiteral("vdeq");
    const QStringList argv = qemuArgv(lab.nodes[1], launch());
    QCOMPARE(argv.mid(0, 2), (QStringList { QStringLiteral("vdeq"), QStringLiteral("/run/n/vdeq-qemu.sh") }));
    QCOMPARE(
        valueOf(argv, QStringLiteral("-net"), 0), QStringLiteral("nic,vlan=0,model=virtio,macaddr=52:54:00:02:01:01"));
    QCOMPARE(
        valueOf(argv, QStringLiteral("-net"), 1), QStringLiteral("vde,vlan=0,sock=%1,port=20").arg(launch().switchDir));
    QCOMPARE(
        valueOf(argv, QStringLiteral("-net"), 5), QStringLiteral("vde,vlan=2,sock=%1,port=3").arg(launch().switchDir));
    QVERIFY(!argv.contains(QStringLiteral("-netdev")));
}

void TestQemuCommand::kvmFallsBackToTcg()
{
    QemuLaunch l = launch();
    l.accel = QStringLiteral("kvm");
    const QStringList argv = qemuArgv(qemuSeed().nodes[0], l);
    QCOMPARE(valueOf(argv, QStringLiteral("-accel"), 0), QStringLiteral("kvm"));
    QCOMPARE(valueOf(argv, QStringLiteral("-accel"), 1), QStringLiteral("tcg,tb-size=64"));
}

void TestQemuCommand::netdevIdsAreWhatSetLinkNeeds()
{
    const Lab lab = qemuSeed();
    QCOMPARE(qemuNetdevId(lab.nodes[0], QStringLiteral("eth1")), QStringLiteral("n1"));
    QCOMPARE(qemuNetdevId(lab.nodes[0], QStringLiteral("eth9")), QString());
}

// The user's own disk, opened by the engine as the user: QEMU gets the descriptor (-add-fd) and never writes the
// image (snapshot=on); no kernel, initramfs or identity of the lab's guest.
void TestQemuCommand::ownDiskBootsThroughTheDescriptorTheEngineOpened()
{
    Lab lab = qemuSeed();
    lab.nodes[0].qemu.disk = QStringLiteral("images/test01.img");
    QemuLaunch l = launch();
    l.diskPath = QStringLiteral("/home/alice/labs/images/test01.img");
    l.diskFd = 7;
    l.diskFormat = QStringLiteral("qcow2");
    const QStringList argv = qemuArgv(lab.nodes[0], l);
    QCOMPARE(valueOf(argv, QStringLiteral("-add-fd")),
        QStringLiteral("fd=7,set=1,opaque=/home/alice/labs/images/test01.img"));
    QCOMPARE(
        valueOf(argv, QStringLiteral("-drive")), QStringLiteral("file=/dev/fdset/1,format=qcow2,if=ide,snapshot=on"));
    for (const QString &guestOnly : { QStringLiteral("-kernel"), QStringLiteral("-initrd"), QStringLiteral("-append") })
        QVERIFY2(!argv.contains(guestOnly), qPrintable(guestOnly));

    // For --dry-run and the script, where nothing is open yet: the path itself.
    l.diskFd = -1;
    l.diskFormat = QStringLiteral("raw");
    QCOMPARE(valueOf(qemuArgv(lab.nodes[0], l), QStringLiteral("-drive")),
        QStringLiteral("file=/home/alice/labs/images/test01.img,format=raw,if=ide,snapshot=on"));
}

void TestQemuCommand::nicModelReachesBothLaunchModes()
{
    Lab lab = qemuSeed();
    lab.nodes[0].qemu.nicModel = QStringLiteral("e1000");
    QCOMPARE(valueOf(qemuArgv(lab.nodes[0], launch()), QStringLiteral("-device"), 1),
        QStringLiteral("e1000,netdev=n1,mac=52:54:00:01:02:01,addr=0x4"));
    lab.nodes[0].qemu.launch = QStringLiteral("vdeq");
    QCOMPARE(valueOf(qemuArgv(lab.nodes[0], launch()), QStringLiteral("-net"), 0),
        QStringLiteral("nic,vlan=0,model=e1000,macaddr=52:54:00:01:01:01"));
}

void TestQemuCommand::diskFormatComesFromTheImagesFirstBytes()
{
    QCOMPARE(diskFormatOf(QByteArray("QFI\xfb", 4)), QStringLiteral("qcow2"));
    QCOMPARE(diskFormatOf(QByteArray("\xeb\x58\x90S", 4)), QStringLiteral("raw")); // a FAT boot sector
}

// QEMU runs as root: the kernel and initramfs it reads are the ones the engine opened as the user.
void TestQemuCommand::guestFilesOpenedAsTheUserAreReadThroughTheirDescriptors()
{
    QemuLaunch l = launch();
    l.kernelFd = 11;
    l.initrdFd = 12;
    const QStringList argv = qemuArgv(qemuSeed().nodes[0], l);
    QCOMPARE(valueOf(argv, QStringLiteral("-kernel")), QStringLiteral("/dev/fd/11"));
    QCOMPARE(valueOf(argv, QStringLiteral("-initrd")), QStringLiteral("/dev/fd/12"));
}

QTEST_GUILESS_MAIN(TestQemuCommand)
#include "tst_qemucommand.moc"
