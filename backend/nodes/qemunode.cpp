#include "nodes/qemunode.h"

#include "core/transcript.h"
#include "lab/labmodel.h"
#include "nodes/owndisk.h"
#include "qemu/guestimage.h"
#include "qemu/qemuhost.h"
#include "qemu/qmpclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QThread>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace mlab {

namespace {

constexpr int PowerOffGraceMs = 3000;

QString readWhole(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// "MLAB-READY NodeA kernel=6.1.0-57-amd64 uptime=4.21 mptcp=1": the value of key, or empty.
QString wordValue(const QString &line, const QString &key)
{
    for (const QString &word : line.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (word.startsWith(key + QLatin1Char('=')))
            return word.mid(key.size() + 1);
    }
    return {};
}

} // namespace

QemuNode::QemuNode(const NodeEnvironment &env)
    : m_env(env)
{ }

QemuNode::~QemuNode()
{
    stop();
}

QString QemuNode::consoleLog() const
{
    return consoleLogIn(m_env.workDir);
}

QString QemuNode::qmpSocket() const
{
    return m_env.workDir + QStringLiteral("/qmp.sock");
}

QString QemuNode::field(const QString &key) const
{
    const qsizetype index = m_env.node - m_env.lab->nodes.constData();
    const QString file
        = m_env.lab->sourceFile.isEmpty() ? QStringLiteral("lab file") : QFileInfo(m_env.lab->sourceFile).fileName();
    return QStringLiteral("%1: /nodes/%2/qemu/%3").arg(file).arg(index).arg(key);
}

QString QemuNode::besideLabFile(const QString &path) const
{
    if (QDir::isAbsolutePath(path) || m_env.lab->sourceFile.isEmpty() || m_env.lab->sourceFile.startsWith(u':'))
        return path;
    return QFileInfo(m_env.lab->sourceFile).absoluteDir().filePath(path);
}

QString QemuNode::imageDir() const
{
    const QString &image = m_env.node->qemu.image;
    return image.isEmpty() ? guestDirIn(defaultImageCache()) : besideLabFile(image);
}

QString QemuNode::loginKeyCopy() const
{
    return m_env.workDir + QLatin1Char('/') + QemuLogin::keyCopyName();
}

QString QemuNode::managementAddress() const
{
    return m_env.node->managementInterface()->ip();
}

QemuLaunch QemuNode::launchFor(const GuestImage &image, const QString &accel, const QString &clientKey) const
{
    QemuLaunch launch;
    launch.image = image;
    launch.accel = accel;
    launch.switchDir = m_env.switchDir;
    launch.consoleLog = consoleLog();
    launch.qmpSocket = qmpSocket();
    launch.pidFile = m_env.workDir + QStringLiteral("/qemu.pid");
    launch.clientKey = clientKey;
    launch.vdeqWrapper = m_env.workDir + QStringLiteral("/vdeq-qemu.sh");
    if (m_env.node->bootsOwnDisk())
        launch.diskPath = besideLabFile(m_env.node->qemu.disk);
    return launch;
}

QList<Command> QemuNode::plan() const
{
    // Before up, the lab's client key does not exist yet: the script shows a stand-in for its base64 part.
    const Result<QString> key = readClientKey();
    const QemuLaunch launch = launchFor(
        { imageDir(), imageDir() + QStringLiteral("/vmlinux"), imageDir() + QStringLiteral("/initrd.gz"), {} },
        QStringLiteral("tcg"), key ? *key : QStringLiteral("ssh-ed25519 THE+LAB+CLIENT+KEY+BASE64"));
    QList<Command> commands;
    commands << Command { QStringLiteral("host"),
        { QStringLiteral("install"), QStringLiteral("-d"), QStringLiteral("-m"), QStringLiteral("0700"),
            m_env.workDir },
        QStringLiteral("a private directory for %1's console log, QMP socket and pid file").arg(m_env.node->name) };
    if (m_env.node->qemu.launch == QLatin1String("vdeq"))
        commands << Command { QStringLiteral("host"),
            { QStringLiteral("install"), QStringLiteral("-m"), QStringLiteral("0700"),
                QStringLiteral("resources/guest/vdeq-qemu.sh"), launch.vdeqWrapper },
            QStringLiteral("what vdeq runs instead of QEMU: it rewrites the -net syntax QEMU 3.0 removed") };
    Command qemu { QStringLiteral("host"), qemuArgv(*m_env.node, launch),
        m_env.node->bootsOwnDisk()
            ? QStringLiteral("%1 as a VM booting its own disk (never written: snapshot=on), its NICs on the switch "
                             "ports of the lab file, its console in %2; the engine opens the disk as you and "
                             "hands it to QEMU (-add-fd)")
                  .arg(m_env.node->name, launch.consoleLog)
            : QStringLiteral("%1 as a VM: its NICs on the switch ports of the lab file, its console in %2")
                  .arg(m_env.node->name, launch.consoleLog) };
    qemu.background = true;
    commands << qemu;
    return commands;
}

Result<QString> QemuNode::readClientKey() const
{
    const QString key = readWhole(m_env.clientPublicKeyFile).trimmed();
    if (key.isEmpty())
        return fail(
            QStringLiteral("%1: cannot read the lab's client key %2").arg(m_env.node->name, m_env.clientPublicKeyFile));
    return key;
}

Status QemuNode::start(int timeoutMs)
{
    Q_UNUSED(timeoutMs); // launching does not wait; waitUntilReady() does
    const NodeSpec &node = *m_env.node;
    if (Status installed = QemuHost::checkLaunchMode(node.qemu.launch); !installed)
        return fail(QStringLiteral("%1 (%2 \"%3\"): %4")
                        .arg(node.name, field(QStringLiteral("launch")), node.qemu.launch, installed.error()));
    Result<QString> accel = QemuHost::chooseAccelerator(node.qemu.accel);
    if (!accel)
        return fail(QStringLiteral("%1 (%2): %3").arg(node.name, field(QStringLiteral("accel")), accel.error()));
    if (!QDir().mkpath(m_env.workDir))
        return fail(QStringLiteral("%1: cannot create %2").arg(node.name, m_env.workDir));
    QFile::setPermissions(m_env.workDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QemuLaunch files = launchFor({}, *accel, {});
    for (const QString &stale : { files.consoleLog, files.qmpSocket, files.pidFile })
        QFile::remove(stale);
    if (node.qemu.launch == QLatin1String("vdeq")) {
        QFile::remove(files.vdeqWrapper);
        if (!QFile::copy(QStringLiteral(":/guest/vdeq-qemu.sh"), files.vdeqWrapper)
            || !QFile::setPermissions(
                files.vdeqWrapper, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
            return fail(QStringLiteral("%1: cannot write %2").arg(node.name, files.vdeqWrapper));
    }
    // Last before QEMU starts: what is prepared holds open descriptors, closed just after the start.
    Result<QemuLaunch> prepared = node.bootsOwnDisk() ? prepareOwnDisk(*accel) : prepareGuestImage(*accel);
    if (!prepared)
        return fail(prepared.error());
    const QemuLaunch launch = *prepared;
    m_accel = *accel;
    m_kernelRelease = launch.image.kernelRelease;
    Command qemu { QStringLiteral("host"), qemuArgv(node, launch),
        QStringLiteral("%1 as a VM (%2, %3 MiB, launch mode %4): its NICs on the lab file's switch ports, its "
                       "console in %5%6")
            .arg(node.name, m_accel.toUpper())
            .arg(node.qemu.memoryMiB)
            .arg(node.qemu.launch, launch.consoleLog,
                node.bootsOwnDisk()
                    ? QStringLiteral("; it boots its own disk %1, opened as you and passed as fd %2, never written "
                                     "(snapshot=on)")
                          .arg(launch.diskPath)
                          .arg(launch.diskFd)
                    : QString()) };
    qemu.background = true;
    // QEMU inherits the descriptors of the files it reads; this process needs them no longer once it started.
    QList<int> inherited;
    for (const int fd : { launch.diskFd, launch.kernelFd, launch.initrdFd }) {
        if (fd >= 0) {
            ::fcntl(fd, F_SETFD, 0);
            inherited << fd;
        }
    }
    // QEMU refuses bad options at once; 300 ms catches that without holding up the boot. The boot time counts
    // from before the start, as a user would.
    m_sinceLaunch.start();
    Result<qint64> pid = m_env.processes->start(qemu, node.name + QStringLiteral(" (QEMU)"), 300);
    for (const int fd : std::as_const(inherited))
        ::close(fd);
    if (!pid)
        return fail(QStringLiteral("%1: %2").arg(node.name, pid.error()));
    m_launcher = { *pid, processStartTime(*pid), node.name + QStringLiteral(" (QEMU)") };
    return {};
}

Result<QemuLaunch> QemuNode::prepareGuestImage(const QString &accel) const
{
    const NodeSpec &node = *m_env.node;
    Result<GuestImage> image = openGuestImage(imageDir());
    if (!image)
        return fail(QStringLiteral("%1 (%2 \"%3\"): %4")
                        .arg(node.name, field(QStringLiteral("image")),
                            node.qemu.image.isEmpty() ? QStringLiteral("(default)") : node.qemu.image, image.error()));
    Result<QString> key = readClientKey();
    if (!key)
        return fail(key.error());
    if (guestKernelCommandLine(node, *key).isEmpty())
        return fail(QStringLiteral("%1: the lab's client key %2 is not an OpenSSH public key line")
                        .arg(node.name, m_env.clientPublicKeyFile));
    // QEMU runs as root: it reads the kernel and initramfs the user could read, through descriptors opened as
    // them, never by a path a symlink could point at a root-only file.
    QemuLaunch launch = launchFor(*image, accel, *key);
    Result<int> kernel = openAsLabUser(image->kernel);
    if (!kernel)
        return fail(QStringLiteral("%1 (%2): %3").arg(node.name, field(QStringLiteral("image")), kernel.error()));
    Result<int> initrd = openAsLabUser(image->initrd);
    if (!initrd) {
        ::close(*kernel);
        return fail(QStringLiteral("%1 (%2): %3").arg(node.name, field(QStringLiteral("image")), initrd.error()));
    }
    launch.kernelFd = *kernel;
    launch.initrdFd = *initrd;
    return launch;
}

Result<QemuLaunch> QemuNode::prepareOwnDisk(const QString &accel) const
{
    const NodeSpec &node = *m_env.node;
    const QemuLogin &login = node.qemu.login;
    if (!login.identityFile.isEmpty()) {
        if (Status copied = copyLoginKey(besideLabFile(login.identityFile), loginKeyCopy()); !copied)
            return fail(QStringLiteral("%1 (%2): %3")
                            .arg(node.name, field(QStringLiteral("login/identityFile")), copied.error()));
    }
    QemuLaunch launch = launchFor({}, accel, {});
    Result<OpenedDisk> disk = openOwnDisk(launch.diskPath);
    if (!disk)
        return fail(QStringLiteral("%1 (%2 \"%3\"): %4")
                        .arg(node.name, field(QStringLiteral("disk")), node.qemu.disk, disk.error()));
    launch.diskFd = disk->fd;
    launch.diskFormat = disk->format;
    return launch;
}

qint64 QemuNode::qemuPid() const
{
    if (m_qemu.pid == 0) {
        const qint64 pid = readWhole(m_env.workDir + QStringLiteral("/qemu.pid")).trimmed().toLongLong();
        if (pid > 0)
            m_qemu = { pid, processStartTime(pid), m_env.node->name + QStringLiteral(" (QEMU VM)") };
    }
    return m_qemu.pid;
}

bool QemuNode::qemuAlive() const
{
    if (qemuPid() > 0)
        return isSameProcessAlive(m_qemu);
    return m_launcher.pid > 0 && isSameProcessAlive(m_launcher);
}

QString QemuNode::consoleTail(int lines) const
{
    QStringList all = readWhole(consoleLog()).split(QLatin1Char('\n'));
    // The guest's shell asks the terminal for its cursor position (ESC [6n): such sequences are noise in a message.
    static const QRegularExpression terminalControl(QStringLiteral("\x1b\\[[0-9;?]*[A-Za-z]|\r"));
    for (QString &line : all)
        line.remove(terminalControl);
    all.removeAll(QString());
    QStringList tail = all.mid(qMax<qsizetype>(0, all.size() - lines));
    // A panic's reason comes before its call trace: keep it in view.
    const auto panic = std::find_if(
        all.cbegin(), all.cend(), [](const QString &line) { return line.contains(QLatin1String("Kernel panic")); });
    if (panic != all.cend() && !tail.contains(*panic))
        tail.prepend(*panic + QStringLiteral("\n    ..."));
    return tail.isEmpty() ? QStringLiteral("(the console is empty)") : tail.join(QStringLiteral("\n    "));
}

Status QemuNode::waitUntilReady(int timeoutMs)
{
    if (m_env.node->bootsOwnDisk())
        return waitForOwnSystem(timeoutMs);
    const NodeSpec &node = *m_env.node;
    QElapsedTimer clock;
    clock.start();
    // /init prints the host key, then the ready line, once dropbear listens.
    while (clock.elapsed() < timeoutMs) {
        const QString console = readWhole(consoleLog());
        QString ready;
        // Whole lines only: QEMU may be half way through writing the ready line.
        QStringList lines = console.split(QLatin1Char('\n'));
        lines.removeLast();
        for (const QString &line : std::as_const(lines)) {
            if (line.startsWith(QLatin1String("MLAB-HOSTKEY ")))
                m_hostKey = line.mid(13).trimmed();
            else if (line.startsWith(QLatin1String("MLAB-READY ")))
                ready = line.trimmed();
        }
        if (!ready.isEmpty() && !m_hostKey.isEmpty()) {
            m_bootMs = m_sinceLaunch.isValid() ? m_sinceLaunch.elapsed() : clock.elapsed();
            m_kernelRelease = wordValue(ready, QStringLiteral("kernel"));
            if (wordValue(ready, QStringLiteral("mptcp")) != QLatin1String("1"))
                return fail(
                    QStringLiteral("%1: kernel %2 of %3 has MPTCP off or missing (net.mptcp.enabled is "
                                   "\"%4\"): build the image again with `mptcplab-cli image build`")
                        .arg(node.name, m_kernelRelease, imageDir(), wordValue(ready, QStringLiteral("mptcp"))));
            learnAccelerator();
            m_env.transcript->record(QStringLiteral("host"),
                QStringLiteral("# %1 booted: sshd ready on %2 %3 ms after QEMU started (console: %4)")
                    .arg(node.name, managementAddress())
                    .arg(m_bootMs)
                    .arg(consoleLog()),
                0, ready + QStringLiteral("\nhost key ") + m_hostKey + QStringLiteral("\naccelerator ") + m_accel,
                QStringLiteral("the VM prints its SSH host key on its serial console: the engine pins that key"));
            return {};
        }
        if (!qemuAlive())
            return fail(QStringLiteral("%1: QEMU exited while the VM was booting; last console lines:\n    %2")
                            .arg(node.name, consoleTail(12)));
        QThread::msleep(50);
    }
    return fail(notReadyMessage(timeoutMs));
}

// Which accelerator QEMU really uses: with -accel kvm -accel tcg it falls back silently.
void QemuNode::learnAccelerator()
{
    if (Result<QJsonValue> kvm = QmpClient::call(qmpSocket(), QStringLiteral("query-kvm")); kvm)
        m_accel
            = kvm->toObject().value(QStringLiteral("enabled")).toBool() ? QStringLiteral("kvm") : QStringLiteral("tcg");
}

QString QemuNode::notReadyMessage(int timeoutMs) const
{
    return QStringLiteral("%1 did not answer SSH on %2 within %3 s (%4); last lines of its console %5:\n    %6")
        .arg(m_env.node->name, managementAddress())
        .arg(timeoutMs / 1000)
        .arg(field(QStringLiteral("bootTimeout")), consoleLog(), consoleTail(12));
}

// The user's own system says nothing the engine could read on its console: the node is ready once its sshd
// shows a host key on the management address. That key is pinned: the lab file's login.hostKey, or else the
// one shown first, on the lab's private management network (and the transcript says which).
Status QemuNode::waitForOwnSystem(int timeoutMs)
{
    const NodeSpec &node = *m_env.node;
    const QString pinned = node.qemu.login.hostKey;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (!qemuAlive())
            return fail(QStringLiteral("%1: QEMU exited while the VM was booting; last console lines:\n    %2")
                            .arg(node.name, consoleTail(12)));
        Result<QString> key = scanHostKey(m_env.managementNetns, managementAddress(), pinned);
        if (!key)
            return fail(
                QStringLiteral("%1 (%2): %3").arg(node.name, field(QStringLiteral("login/hostKey")), key.error()));
        if (!key->isEmpty()) {
            m_hostKey = *key;
            m_bootMs = m_sinceLaunch.isValid() ? m_sinceLaunch.elapsed() : clock.elapsed();
            learnAccelerator();
            m_env.transcript->record(QStringLiteral("host"),
                hostKeyScanShell(m_env.managementNetns, managementAddress()), 0, m_hostKey,
                pinned.isEmpty()
                    ? QStringLiteral("%1 boots its own disk: sshd answered %2 ms after QEMU started; with no "
                                     "login.hostKey in the lab file, the key it shows now, on the lab's private "
                                     "management network, is the one pinned")
                          .arg(node.name)
                          .arg(m_bootMs)
                    : QStringLiteral("%1 boots its own disk: sshd answered %2 ms after QEMU started, with the lab "
                                     "file's login.hostKey")
                          .arg(node.name)
                          .arg(m_bootMs));
            return {};
        }
        QThread::msleep(300);
    }
    return fail(notReadyMessage(timeoutMs));
}

bool QemuNode::waitForExit(int timeoutMs) const
{
    QElapsedTimer clock;
    clock.start();
    while (qemuAlive()) {
        if (clock.elapsed() >= timeoutMs)
            return false;
        QThread::msleep(20);
    }
    return true;
}

// Graceful first (the ACPI power button: the guest's acpid powers it off), then QMP quit, then SIGKILL.
void QemuNode::stop()
{
    if (m_launcher.pid == 0 || !qemuAlive()) {
        m_launcher = {};
        return;
    }
    const QString name = m_env.node->name;
    QString how;
    if (Result<QJsonValue> pressed = QmpClient::call(qmpSocket(), QStringLiteral("system_powerdown"));
        pressed && waitForExit(PowerOffGraceMs)) {
        how = QStringLiteral("powered off (ACPI power button)");
    } else if (Result<QJsonValue> quit = QmpClient::call(qmpSocket(), QStringLiteral("quit"));
               quit && waitForExit(1000)) {
        how = QStringLiteral("did not power off within %1 s; QEMU told to quit over QMP").arg(PowerOffGraceMs / 1000);
    } else {
        for (const ProcessRecord &record : { m_qemu, m_launcher }) {
            if (record.pid > 0 && isSameProcessAlive(record))
                ::kill(pid_t(record.pid), SIGKILL);
        }
        waitForExit(1000);
        how = QStringLiteral("did not power off nor quit; killed");
    }
    if (m_env.transcript)
        m_env.transcript->record(QStringLiteral("host"),
            QStringLiteral("# QMP system_powerdown to %1 (%2)").arg(name, qmpSocket()), 0,
            name + QLatin1Char(' ') + how, QStringLiteral("stop the VM: power button, then quit, then kill"));
    m_launcher = {};
}

QList<ProcessRecord> QemuNode::processes() const
{
    QList<ProcessRecord> records;
    if (m_launcher.pid > 0)
        records << m_launcher;
    if (qemuPid() > 0 && m_qemu.pid != m_launcher.pid)
        records << m_qemu;
    return records;
}

Status QemuNode::setCarrier(const QString &ifname, bool up)
{
    const QString id = qemuNetdevId(*m_env.node, ifname);
    if (id.isEmpty())
        return fail(QStringLiteral("%1 has no interface %2").arg(m_env.node->name, ifname));
    const QJsonObject arguments { { QStringLiteral("name"), id }, { QStringLiteral("up"), up } };
    Result<QJsonValue> done = QmpClient::call(qmpSocket(), QStringLiteral("set_link"), arguments);
    if (m_env.transcript)
        m_env.transcript->record(QStringLiteral("host"),
            QStringLiteral("# QMP set_link name=%1 up=%2 to %3 (%4)")
                .arg(id, up ? QStringLiteral("true") : QStringLiteral("false"), m_env.node->name, qmpSocket()),
            done ? 0 : -1, done ? QString() : done.error(),
            up ? QStringLiteral("plug %1:%2's virtual cable back in: the guest sees carrier again")
                     .arg(m_env.node->name, ifname)
               : QStringLiteral("pull %1:%2's virtual cable: the guest's NIC loses carrier, as with a real cable")
                     .arg(m_env.node->name, ifname));
    if (!done)
        return fail(QStringLiteral("%1: %2").arg(m_env.node->name, done.error()));
    return {};
}

QJsonObject QemuNode::statusDetails() const
{
    // What QEMU itself says ("running", "paused", "shutdown" ...); a short timeout, as status is asked often.
    QString state = QStringLiteral("not started");
    if (m_launcher.pid > 0) {
        const Result<QJsonValue> reply = QmpClient::call(qmpSocket(), QStringLiteral("query-status"), {}, 300);
        state = reply ? reply->toObject().value(QStringLiteral("status")).toString()
                      : QStringLiteral("no answer on QMP (%1)").arg(reply.error());
    }
    return { { QStringLiteral("vmState"), state }, { QStringLiteral("accelerator"), m_accel },
        { QStringLiteral("kernel"), m_kernelRelease }, { QStringLiteral("launch"), m_env.node->qemu.launch },
        { QStringLiteral("memoryMiB"), m_env.node->qemu.memoryMiB }, { QStringLiteral("bootMs"), m_bootMs },
        { QStringLiteral("console"), consoleLog() }, { QStringLiteral("qmp"), qmpSocket() },
        { QStringLiteral("disk"), m_env.node->bootsOwnDisk() ? besideLabFile(m_env.node->qemu.disk) : QString() } };
}

std::optional<NodeLogin> QemuNode::ownLogin() const
{
    if (!m_env.node->bootsOwnDisk())
        return std::nullopt;
    const QemuLogin &login = m_env.node->qemu.login;
    return NodeLogin { login.user, login.identityFile.isEmpty() ? QString() : loginKeyCopy(), login.password };
}

} // namespace mlab
