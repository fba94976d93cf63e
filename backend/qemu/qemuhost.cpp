#include "qemu/qemuhost.h"

#include <QHash>
#include <QMutex>
#include <QProcess>
#include <QStandardPaths>

#include <fcntl.h>
#include <unistd.h>

namespace mlab::QemuHost {

namespace {

// `qemu-system-x86_64 -netdev help` lists the network backends this build has; asked once per engine.
Result<QString> netdevBackends(const QString &program)
{
    static QMutex mutex;
    static QHash<QString, QString> cached;
    const QMutexLocker lock(&mutex);
    if (cached.contains(program))
        return cached.value(program);
    QProcess qemu;
    qemu.start(program, { QStringLiteral("-netdev"), QStringLiteral("help") });
    if (!qemu.waitForFinished(10000) || qemu.exitStatus() != QProcess::NormalExit) {
        qemu.kill();
        qemu.waitForFinished(1000);
        return fail(QStringLiteral("`%1 -netdev help` did not answer: %2").arg(program, qemu.errorString()));
    }
    const QString backends = QString::fromUtf8(qemu.readAllStandardOutput());
    cached.insert(program, backends);
    return backends;
}

} // namespace

Status checkLaunchMode(const QString &launch)
{
    const QString qemu = QStandardPaths::findExecutable(binary);
    if (qemu.isEmpty())
        return fail(
            QStringLiteral("QEMU is not installed: %1 is not in PATH (Debian package qemu-system-x86)").arg(binary));
    const bool vdeq = launch == QLatin1String("vdeq");
    if (vdeq && QStandardPaths::findExecutable(QStringLiteral("vdeq")).isEmpty())
        return fail(QStringLiteral("launch mode \"vdeq\" needs the vdeq wrapper, which is not in PATH (Debian package "
                                   "vde2)"));
    Result<QString> backends = netdevBackends(qemu);
    if (!backends)
        return fail(backends.error());
    const QString needed = vdeq ? QStringLiteral("dgram") : QStringLiteral("vde");
    if (!backends->split(QLatin1Char('\n')).contains(needed))
        return fail(
            QStringLiteral("%1 was built without the \"%2\" network backend (`%1 -netdev help` does not list "
                           "it), which launch mode \"%3\" needs: use Debian's qemu-system-x86%4")
                .arg(qemu, needed, launch,
                    vdeq ? QString() : QStringLiteral(", or \"launch\": \"vdeq\" in the node's qemu settings")));
    return {};
}

Result<QString> chooseAccelerator(const QString &wanted)
{
    if (wanted == QLatin1String("tcg"))
        return QStringLiteral("tcg");
    const int fd = ::open("/dev/kvm", O_RDWR | O_CLOEXEC);
    const bool kvm = fd >= 0;
    if (kvm)
        ::close(fd);
    if (wanted == QLatin1String("kvm") && !kvm)
        return fail(
            QStringLiteral("accel \"kvm\": /dev/kvm cannot be opened on this machine (use \"auto\" or \"tcg\")"));
    return kvm ? QStringLiteral("kvm") : QStringLiteral("tcg");
}

} // namespace mlab::QemuHost
