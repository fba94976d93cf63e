// QEMU nodes end to end, under TCG: the guest image built from Debian packages, the two-VM seed lab up over real
// vde_switch, dropbear, libssh and MPTCP, a cut and an unplug of path 1 survived on path 2, a vdeq-launched VM in a
// lab mixed with a namespace node and cleaned up after its engine was SIGKILLed, and bad inputs refused with nothing
// left running. Bounded: three VM boots and one kernel panic, one after the other.
#include "labharness.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// Kept between runs (a rebuild reuses the downloaded packages): the build directory's own image cache.
const QString kImageCache = QStringLiteral(MPTCPLAB_BINARY_DIR "/qemu-image-cache");
const QString kGuest = kImageCache + u"/guest"_s;
// NodeB's side of each path: what its ports send out is what crossed the path to the server.
constexpr int NodeBPath1Port = 20;
constexpr int NodeBPath2Port = 21;

// Every node of the lab copy gets these qemu settings (image, launch ...) merged in.
std::function<void(QJsonObject &)> withQemu(const QJsonObject &settings, const QStringList &namespaceNodes = {})
{
    return [settings, namespaceNodes](QJsonObject &lab) {
        QJsonArray nodes = lab.value(u"nodes"_s).toArray();
        for (auto node : nodes) {
            QJsonObject object = node.toObject();
            if (namespaceNodes.contains(object.value(u"name"_s).toString())) {
                object.insert(u"kind"_s, u"namespace"_s);
                object.remove(u"qemu"_s);
            } else {
                QJsonObject qemu = object.value(u"qemu"_s).toObject();
                for (auto it = settings.constBegin(); it != settings.constEnd(); ++it)
                    qemu.insert(it.key(), it.value());
                object.insert(u"qemu"_s, qemu);
            }
            node = object;
        }
        lab.insert(u"nodes"_s, nodes);
    };
}

QString run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    process.waitForFinished(60000);
    const QString output = QString::fromUtf8(process.readAll());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        qWarning("%s failed: %s", qPrintable(program), qPrintable(output));
    return output;
}

QByteArray md5Of(const QString &path)
{
    return run(u"md5sum"_s, { path }).section(u' ', 0, 0).toLatin1();
}

// The identity a user's own image carries in its boot configuration, as the lab's guest reads it.
QStringList identityOf(const QJsonObject &node)
{
    QStringList words { u"mlab.host="_s + node.value(u"name"_s).toString() };
    for (const QJsonValue &value : node.value(u"interfaces"_s).toArray()) {
        const QJsonObject iface = value.toObject();
        words << u"mlab.nic="_s + iface.value(u"mac"_s).toString() + u',' + iface.value(u"name"_s).toString();
        if (iface.value(u"management"_s).toBool())
            words << u"mlab.mgmt="_s + iface.value(u"name"_s).toString() + u',' + iface.value(u"address"_s).toString();
    }
    return words;
}

// Three seconds of MPTCP iperf from NodeA to NodeB's path 1 address; true when it ran and moved data.
bool mptcpIperfRuns(LabHarness &lab, const char *what)
{
    const int server = lab.startIperfServer(u"NodeB"_s);
    if (server <= 0)
        return false;
    QThread::msleep(300);
    int exitCode = -1;
    const QString iperf = lab.exec(u"NodeA"_s, u"mptcpize run iperf -c 10.168.1.2 -t 3 -y C"_s, &exitCode);
    lab.stopProcess(u"NodeB"_s, server);
    // iperf -y C: the last field is bits per second.
    const qint64 bitsPerSecond = iperf.trimmed().section(u'\n', -1).section(u',', -1).toLongLong();
    qInfo("%s, MPTCP: %.1f Mbit/s", what, double(bitsPerSecond) / 1e6);
    if (exitCode != 0 || bitsPerSecond <= 1000000) {
        qWarning("iperf (exit %d): %s", exitCode, qPrintable(iperf));
        return false;
    }
    return true;
}

QJsonObject nodeStatus(const QJsonObject &status, const QString &name)
{
    for (const QJsonValue &node : status.value(u"nodes"_s).toArray()) {
        if (node.toObject().value(u"name"_s).toString() == name)
            return node.toObject();
    }
    return {};
}

} // namespace

class TestQemuLab : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void seedLabSurvivesCutAndUnplug();
    void vdeqNodeInAMixedLabSurvivesItsEngine();
    void ownDiskNodesLogInWithPasswordAndKey();
    void vmThatNeverAnswersIsNamedWithItsConsole();
    void badInputsLeaveNothingRunning_data();
    void badInputsLeaveNothingRunning();

private:
    // Bytes NodeB's path ports sent out while iperf ran, sampled from status while breaks and restores happen.
};

void TestQemuLab::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("integration tests need root: they create network namespaces, taps and a switch");
    if (QStandardPaths::findExecutable(u"qemu-system-x86_64"_s).isEmpty())
        QSKIP("qemu-system-x86_64 is not installed (scripts/install-deps.sh installs it)");
    // A full build every time (the downloaded and unpacked packages stay cached); then one with nothing to do.
    QFile::remove(kGuest + u"/stamp"_s);
    QElapsedTimer clock;
    clock.start();
    QProcess process;
    const CliResult built
        = LabHarness::runCli(process, { u"image"_s, u"build"_s, u"--cache"_s, kImageCache }, 15 * 60 * 1000);
    QVERIFY2(built.exitCode == 0, qPrintable(built.out + built.err));
    QVERIFY2(built.out.contains(u"guest image built in"_s), qPrintable(built.out));
    QVERIFY2(built.out.contains(u"7/7 initramfs"_s), qPrintable(built.out)); // progress, step by step
    qInfo("image build: %.1f s", double(clock.elapsed()) / 1000);
    QVERIFY(QFile::exists(kGuest + u"/initrd.gz"_s));
    const CliResult again
        = LabHarness::runCli(process, { u"image"_s, u"build"_s, u"--cache"_s, kImageCache }, 15 * 60 * 1000);
    QVERIFY2(again.exitCode == 0 && again.out.contains(u"up to date"_s), qPrintable(again.out + again.err));
}

void TestQemuLab::seedLabSurvivesCutAndUnplug()
{
    LabHarness lab(u"itqemu"_s, u"50mbit"_s, u"seed-qemu.json"_s, withQemu({ { u"image"_s, kGuest } }));
    QVERIFY2(lab.leftovers().isEmpty(), qPrintable(lab.leftovers().join(u'\n')));
    QElapsedTimer clock;
    clock.start();
    const CliResult up = lab.cli({ u"up"_s, u"--lab"_s, lab.labFile() }, 240000);
    QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
    qInfo("two-VM lab up (boot, SSH, MPTCP configured) in %.1f s", double(clock.elapsed()) / 1000);

    const QJsonObject status = lab.status();
    for (const QString &node : { u"NodeA"_s, u"NodeB"_s }) {
        const QJsonObject vm = nodeStatus(status, node);
        QCOMPARE(vm.value(u"kind"_s).toString(), u"qemu"_s);
        const QString accel = vm.value(u"accelerator"_s).toString();
        QVERIFY2(accel == u"tcg"_s || accel == u"kvm"_s, QJsonDocument(vm).toJson().constData());
        QCOMPARE(vm.value(u"vmState"_s).toString(), u"running"_s); // asked over QMP
        qInfo("%s: %s, booted to SSH-ready in %lld ms", qPrintable(node), qPrintable(accel),
            vm.value(u"bootMs"_s).toInteger());
    }
    // The guest really is the node: its own hostname, its kernel, the lab file's MACs.
    QCOMPARE(lab.exec(u"NodeA"_s, u"hostname"_s).trimmed(), u"NodeA"_s);
    QVERIFY(lab.exec(u"NodeB"_s, u"cat /sys/class/net/eth1/address"_s).contains(u"52:54:00:02:02:01"_s));
    const QString kernel = lab.exec(u"NodeA"_s, u"uname -r"_s).trimmed();
    const QString transcript = lab.cli({ u"--lab"_s, lab.labName(), u"transcript"_s }).out;
    // QEMU (root) read the guest through descriptors the engine opened as the lab's user, not by path.
    QVERIFY2(transcript.contains(u"-kernel /dev/fd/"_s) && transcript.contains(u"-initrd /dev/fd/"_s),
        "the guest's kernel and initramfs must reach QEMU as descriptors");
    if (kernel.startsWith(u"6.1."_s))
        QVERIFY2(transcript.contains(u"is older than 6.12"_s), "the 6.1 guest kernel needs the reduced endpoint set");

    const int server = lab.startIperfServer(u"NodeB"_s);
    QVERIFY(server > 0);
    QThread::msleep(500);
    QProcess client;
    client.start(LabHarness::cliPath(),
        { u"--lab"_s, lab.labName(), u"exec"_s, u"NodeA"_s, u"mptcpize"_s, u"run"_s, u"iperf"_s, u"-c"_s,
            u"10.168.1.2"_s, u"-t"_s, u"26"_s, u"-i"_s, u"2"_s });
    QVERIFY(client.waitForStarted());
    // 3 s: cut path 1 (its port to the dead VLAN); 9 s: restore; 13 s: unplug it (QMP set_link off, carrier
    // loss inside NodeA); 19 s: plug it back.
    struct Action
    {
        qint64 atMs;
        QString method;
        QJsonObject params;
        qint64 doneMs = -1;
    };
    QList<Action> actions { { 3000, u"break"_s, { { u"link"_s, u"NodeA:eth0"_s }, { u"mode"_s, u"cut"_s } } },
        { 9000, u"restore"_s, { { u"link"_s, u"NodeA:eth0"_s } } },
        { 13000, u"break"_s, { { u"link"_s, u"NodeA:eth0"_s }, { u"mode"_s, u"unplug"_s } } },
        { 19000, u"restore"_s, { { u"link"_s, u"NodeA:eth0"_s } } } };
    QList<PortSample> samples; // A: path 1, B: path 2
    clock.restart();
    while (clock.elapsed() < 23000) {
        const QJsonObject now = lab.status();
        samples << PortSample { clock.elapsed(), portOutBytes(now, NodeBPath1Port), portOutBytes(now, NodeBPath2Port) };
        for (Action &action : actions) {
            if (action.doneMs < 0 && clock.elapsed() >= action.atMs) {
                QCOMPARE(lab.callError(action.method, action.params), QString());
                action.doneMs = clock.elapsed();
            }
        }
        QThread::msleep(200);
    }
    const QString carrier = lab.exec(u"NodeA"_s, u"cat /sys/class/net/eth0/carrier"_s).trimmed();
    QVERIFY2(client.waitForFinished(30000), "the iperf client did not finish");
    const QByteArray report = client.readAllStandardOutput() + client.readAllStandardError();
    QVERIFY2(client.exitCode() == 0, report.constData());
    lab.stopProcess(u"NodeB"_s, server);
    QCOMPARE(carrier, u"1"_s); // plugged back in

    for (int i : { 0, 2 }) {
        const qint64 breakAt = actions[i].doneMs;
        const qint64 restoreAt = actions[i + 1].doneMs;
        // Failover takes a moment (seconds on a 6.1 kernel, where subflow timers back off): judge the second
        // half of the break.
        const qint64 path2 = sentBetween(samples, breakAt + (restoreAt - breakAt) / 2, restoreAt, SamplePort::B);
        const qint64 path1 = sentBetween(samples, breakAt + 500, restoreAt, SamplePort::A);
        qInfo("%s: path 2 carried %lld bytes in the second half of the break, path 1 %lld during it",
            qPrintable(actions[i].params.value(u"mode"_s).toString()), path2, path1);
        QVERIFY2(path2 > 200000,
            qPrintable(u"path 2 did not carry the traffic during the break:\n"_s + QString::fromUtf8(report)));
        QVERIFY2(path1 < 100000, "path 1 still carried traffic while broken");
    }

    const CliResult down = lab.cli({ u"down"_s, u"--lab"_s, lab.labName() }, 60000);
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    QVERIFY2(lab.leftovers().isEmpty(), qPrintable(lab.leftovers().join(u'\n')));
}

void TestQemuLab::vdeqNodeInAMixedLabSurvivesItsEngine()
{
    // NodeA a VM started through the tutorial's vdeq, NodeB a namespace node: same switch, same SSH path.
    LabHarness lab(u"itqmix"_s, u"50mbit"_s, u"seed-qemu.json"_s,
        withQemu({ { u"image"_s, kGuest }, { u"launch"_s, u"vdeq"_s } }, { u"NodeB"_s }));
    const CliResult up = lab.cli({ u"up"_s, u"--lab"_s, lab.labFile() }, 240000);
    QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
    const QJsonObject status = lab.status();
    QCOMPARE(nodeStatus(status, u"NodeA"_s).value(u"launch"_s).toString(), u"vdeq"_s);
    QCOMPARE(nodeStatus(status, u"NodeB"_s).value(u"kind"_s).toString(), u"namespace"_s);
    QCOMPARE(lab.exec(u"NodeA"_s, u"hostname"_s).trimmed(), u"NodeA"_s);

    QVERIFY(mptcpIperfRuns(lab, "vdeq VM -> namespace node"));
    const QString subflows = lab.exec(u"NodeB"_s, u"nstat -az MPTcpExtMPCapableSYNRX"_s);
    // The namespace node accepted an MPTCP connection (MP_CAPABLE SYN) from the VM.
    QVERIFY2(!subflows.contains(u"MPTcpExtMPCapableSYNRX          0 "_s), qPrintable(subflows));

    // The engine dies without a word (SIGKILL): down finds vdeq and QEMU from the crash-recovery record and their
    // command lines, and removes them with the rest.
    const qint64 engine = status.value(u"enginePid"_s).toInteger();
    QVERIFY(engine > 0);
    QCOMPARE(::kill(pid_t(engine), SIGKILL), 0);
    QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(engine), 0) != 0, 5000);
    QVERIFY2(!lab.leftovers().isEmpty(), "the VM should outlive its engine until down");
    const CliResult down = lab.cli({ u"down"_s, u"--lab"_s, lab.labName() }, 60000);
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    QVERIFY2(lab.leftovers().isEmpty(), qPrintable(lab.leftovers().join(u'\n')));
}

// Two VMs on disk images of their own, as a user brings the tutorial's OpenWRT test01.img: the engine learns
// nothing from their consoles, finds them ready when sshd shows its host key, and logs in as the lab file says:
// NodeA as root with a password, NodeB with the user's own key. The images are never written.
void TestQemuLab::ownDiskNodesLogInWithPasswordAndKey()
{
    QTemporaryDir dir;
    const QString key = dir.path() + u"/user-key"_s;
    run(u"ssh-keygen"_s, { u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-f"_s, key });
    QFile publicKey(key + u".pub"_s);
    QVERIFY(publicKey.open(QIODevice::ReadOnly));
    const QStringList keyWords = QString::fromUtf8(publicKey.readAll()).split(u' ');
    const QString password = u"cable-pulled-42"_s;
    const QString hash = run(u"openssl"_s, { u"passwd"_s, u"-6"_s, password }).trimmed();
    QVERIFY2(hash.startsWith(u"$6$"_s), qPrintable(hash));

    const QString diskA = dir.path() + u"/nodeA.img"_s;
    const QString diskB = dir.path() + u"/nodeB.img"_s;
    auto ownDisks = [&](QJsonObject &lab) {
        QJsonArray nodes = lab.value(u"nodes"_s).toArray();
        for (auto node : nodes) {
            QJsonObject object = node.toObject();
            const bool isA = object.value(u"name"_s).toString() == u"NodeA"_s;
            QStringList identity = identityOf(object);
            identity << (isA ? QString(u"mlab.pw="_s + hash)
                             : QString(u"mlab.key="_s + keyWords[0] + u',' + keyWords[1]));
            run(QStringLiteral(MPTCPLAB_SOURCE_DIR "/tests/integration/make-own-disk.sh"),
                QStringList { kGuest, isA ? diskA : diskB } + identity);
            const QJsonObject login = isA ? QJsonObject { { u"password"_s, password } }
                                          : QJsonObject { { u"user"_s, u"root"_s }, { u"identityFile"_s, key } };
            object.insert(u"qemu"_s, QJsonObject { { u"disk"_s, isA ? diskA : diskB }, { u"login"_s, login } });
            node = object;
        }
        lab.insert(u"nodes"_s, nodes);
    };
    LabHarness lab(u"itqdisk"_s, u"50mbit"_s, u"seed-qemu.json"_s, ownDisks);
    QVERIFY(QFile::exists(diskA) && QFile::exists(diskB));
    const QByteArray before = md5Of(diskA);
    QElapsedTimer clock;
    clock.start();
    const CliResult up = lab.cli({ u"up"_s, u"--lab"_s, lab.labFile() }, 240000);
    QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
    qInfo("two VMs on their own disks up in %.1f s", double(clock.elapsed()) / 1000);

    const QJsonObject status = lab.status();
    QCOMPARE(nodeStatus(status, u"NodeA"_s).value(u"disk"_s).toString(), diskA);
    QCOMPARE(nodeStatus(status, u"NodeB"_s).value(u"vmState"_s).toString(), u"running"_s);
    QCOMPARE(lab.exec(u"NodeA"_s, u"hostname"_s).trimmed(), u"NodeA"_s);
    QCOMPARE(lab.exec(u"NodeB"_s, u"hostname"_s).trimmed(), u"NodeB"_s);
    // NodeB has only the user's key; NodeA only the password (its authorized_keys is empty).
    QCOMPARE(lab.exec(u"NodeA"_s, u"cat /root/.ssh/authorized_keys 2>/dev/null | wc -c"_s).trimmed(), u"0"_s);

    QVERIFY(mptcpIperfRuns(lab, "own-disk VMs"));

    const QString transcript = lab.cli({ u"--lab"_s, lab.labName(), u"transcript"_s }).out;
    QVERIFY2(transcript.contains(u"ssh-keyscan"_s) && transcript.contains(u"-add-fd fd="_s), qPrintable(transcript));
    QVERIFY2(!transcript.contains(password), "the password must never reach the transcript");

    const CliResult down = lab.cli({ u"down"_s, u"--lab"_s, lab.labName() }, 60000);
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    QVERIFY2(lab.leftovers().isEmpty(), qPrintable(lab.leftovers().join(u'\n')));
    QCOMPARE(md5Of(diskA), before); // snapshot=on: the guest's writes never reached the user's image
}

// A VM that boots and stays alive but never answers SSH where the lab file says (its system put its management
// address elsewhere): up gives up after the node's bootTimeout, names the node, the address and the setting,
// quotes the console's last lines, and leaves nothing running.
void TestQemuLab::vmThatNeverAnswersIsNamedWithItsConsole()
{
    QTemporaryDir dir;
    const QString disk = dir.path() + u"/elsewhere.img"_s;
    auto misconfigured = [&](QJsonObject &lab) {
        QJsonArray nodes = lab.value(u"nodes"_s).toArray();
        QJsonObject nodeA = nodes[0].toObject();
        QStringList identity = identityOf(nodeA);
        identity.replaceInStrings(u"10.168.255.1/24"_s, u"10.168.255.99/24"_s);
        run(QStringLiteral(MPTCPLAB_SOURCE_DIR "/tests/integration/make-own-disk.sh"),
            QStringList { kGuest, disk } + identity);
        nodeA.insert(u"qemu"_s,
            QJsonObject { { u"disk"_s, disk }, { u"login"_s, QJsonObject { { u"password"_s, u"unused"_s } } },
                { u"bootTimeout"_s, 30 } });
        nodes[0] = nodeA;
        QJsonObject nodeB = nodes[1].toObject();
        nodeB.insert(u"kind"_s, u"namespace"_s);
        nodeB.remove(u"qemu"_s);
        nodes[1] = nodeB;
        lab.insert(u"nodes"_s, nodes);
    };
    LabHarness lab(u"itqmute"_s, u"50mbit"_s, u"seed-qemu.json"_s, misconfigured);
    QElapsedTimer clock;
    clock.start();
    const CliResult up = lab.cli({ u"up"_s, u"--lab"_s, lab.labFile() }, 240000);
    QVERIFY2(up.exitCode != 0, qPrintable(up.out));
    qInfo("%s", qPrintable(up.err.trimmed()));
    for (const QString &part : { u"NodeA did not answer SSH on 10.168.255.1 within 30 s"_s,
             u"/nodes/0/qemu/bootTimeout"_s, u"last lines of its console"_s })
        QVERIFY2(up.err.contains(part), qPrintable(u"expected \""_s + part + u"\" in:\n"_s + up.err));
    // The boot loader prints on the serial console, so there is always something to quote (how far the boot got
    // in 30 s depends on the machine's load: on a quiet one, up to the guest's ready line).
    QVERIFY2(!up.err.contains(u"(the console is empty)"_s), qPrintable(up.err));
    QVERIFY2(clock.elapsed() < 70000, "up should give up soon after the boot timeout");
    QTRY_VERIFY2_WITH_TIMEOUT(lab.leftovers().isEmpty(), qPrintable(lab.leftovers().join(u'\n')), 10000);
}

void TestQemuLab::badInputsLeaveNothingRunning_data()
{
    QTest::addColumn<QString>("image"); // what the guest directory holds: "missing", "bogus kernel", "no init"
    QTest::addColumn<QStringList>("message");
    QTest::newRow("missing image") << u"missing"_s
                                   << QStringList { u"/nodes/0/qemu/image"_s, u"no guest image"_s,
                                          u"mptcplab-cli image build"_s };
    QTest::newRow("wrong kernel") << u"bogus kernel"_s
                                  << QStringList { u"/nodes/0/qemu/image"_s, u"is not a Linux kernel"_s };
    // A kernel with an empty initramfs panics (no init): the VM never answers, QEMU exits (-no-reboot).
    QTest::newRow("unreachable VM") << u"no init"_s
                                    << QStringList { u"NodeA: QEMU exited while the VM was booting"_s,
                                           u"last console lines"_s, u"Kernel panic"_s };
}

void TestQemuLab::badInputsLeaveNothingRunning()
{
    QFETCH(QString, image);
    QFETCH(QStringList, message);
    QTemporaryDir dir;
    const QString guest = dir.path() + u"/guest"_s;
    if (image != u"missing"_s) {
        QVERIFY(QDir().mkpath(guest));
        if (image == u"bogus kernel"_s) {
            QFile kernel(guest + u"/vmlinuz"_s);
            QVERIFY(kernel.open(QIODevice::WriteOnly));
            kernel.write(QByteArray(4096, 'x'));
            QVERIFY(QFile::copy(kGuest + u"/initrd.gz"_s, guest + u"/initrd.gz"_s));
        } else {
            QVERIFY(QFile::link(kGuest + u"/vmlinux"_s, guest + u"/vmlinux"_s));
            QProcess gzip; // an empty but valid initramfs
            gzip.setStandardOutputFile(guest + u"/initrd.gz"_s);
            gzip.start(u"sh"_s, { u"-c"_s, u"echo -n | cpio -o -H newc --quiet | gzip"_s });
            QVERIFY(gzip.waitForFinished());
        }
    }
    // Only NodeA is a VM: a namespace NodeB shows that what had started is removed as well.
    LabHarness lab(u"itqbad"_s, u"50mbit"_s, u"seed-qemu.json"_s, withQemu({ { u"image"_s, guest } }, { u"NodeB"_s }));
    const CliResult up = lab.cli({ u"up"_s, u"--lab"_s, lab.labFile() }, 240000);
    QVERIFY2(up.exitCode != 0, qPrintable(up.out));
    for (const QString &part : std::as_const(message))
        QVERIFY2(up.err.contains(part), qPrintable(u"expected \""_s + part + u"\" in:\n"_s + up.err));
    qInfo("%s", qPrintable(up.err.trimmed()));
    // The engine exits a moment after it reported the failure.
    QTRY_VERIFY2_WITH_TIMEOUT(lab.leftovers().isEmpty(), qPrintable(lab.leftovers().join(u'\n')), 5000);
}

QTEST_GUILESS_MAIN(TestQemuLab)
#include "tst_qemulab.moc"
