#include "nodes/owndisk.h"

#include "core/command.h"
#include "core/invokinguser.h"
#include "core/readfileas.h"
#include "qemu/qemucommand.h"

#include <QFile>
#include <QProcess>
#include <QSaveFile>

#include <unistd.h>

namespace mlab {

namespace {

constexpr qint64 MaxKeyFileBytes = 64 * 1024;

UserIds actingFor()
{
    return invokingUser().value_or(UserIds { uint(::getuid()), uint(::getgid()) });
}

} // namespace

Result<int> openAsLabUser(const QString &path)
{
    const UserIds user = actingFor();
    Result<int> fd = openFileAs(path, user);
    if (!fd)
        return fail(QStringLiteral("cannot open %1 as %2: %3").arg(path, describeUser(user.uid), fd.error()));
    return fd;
}

Result<OpenedDisk> openOwnDisk(const QString &path)
{
    Result<int> fd = openAsLabUser(path);
    if (!fd)
        return fail(fd.error());
    char header[4] = {};
    const ssize_t got = ::pread(*fd, header, sizeof header, 0);
    if (got != ssize_t(sizeof header)) {
        ::close(*fd);
        return fail(QStringLiteral("%1 is empty or unreadable: not a disk image").arg(path));
    }
    return OpenedDisk { *fd, diskFormatOf(QByteArray(header, sizeof header)) };
}

Status copyLoginKey(const QString &identityFile, const QString &destination)
{
    const UserIds user = actingFor();
    Result<QByteArray> key = readFileAs(identityFile, user, MaxKeyFileBytes);
    if (!key)
        return fail(QStringLiteral("cannot read the login key %1 as %2: %3")
                        .arg(identityFile, describeUser(user.uid), key.error()));
    if (key->size() > MaxKeyFileBytes || !key->contains("PRIVATE KEY-----"))
        return fail(QStringLiteral("%1 is not a private key file (OpenSSH or PEM)").arg(identityFile));
    QSaveFile copy(destination);
    if (!copy.open(QIODevice::WriteOnly) || !copy.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || copy.write(*key) != key->size() || !copy.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(destination, copy.errorString()));
    return {};
}

QStringList hostKeyScanCommand(const QString &managementNetns, const QString &address)
{
    return { QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), managementNetns,
        QStringLiteral("ssh-keyscan"), QStringLiteral("-T"), QStringLiteral("2"), QStringLiteral("-t"),
        QStringLiteral("ed25519,ecdsa,rsa"), address };
}

QString hostKeyScanShell(const QString &managementNetns, const QString &address)
{
    Command command;
    command.argv = hostKeyScanCommand(managementNetns, address);
    return command.toShell();
}

Result<QString> scanHostKey(const QString &managementNetns, const QString &address, const QString &pinned)
{
    const QStringList command = hostKeyScanCommand(managementNetns, address);
    QProcess scan;
    scan.setProgram(command.first());
    scan.setArguments(command.mid(1));
    scan.start();
    if (!scan.waitForFinished(10000)) {
        scan.kill();
        scan.waitForFinished(1000);
        return fail(QStringLiteral("ssh-keyscan of %1 did not end within 10 s").arg(address));
    }
    // "10.168.255.1 ssh-ed25519 AAAA...": one line per key, comments start with '#'.
    QStringList keys;
    for (const QByteArray &raw : scan.readAllStandardOutput().split('\n')) {
        const QStringList words = QString::fromUtf8(raw).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.size() >= 3 && !words[0].startsWith(QLatin1Char('#')))
            keys << words[1] + QLatin1Char(' ') + words[2];
    }
    if (keys.isEmpty())
        return QString();
    if (!pinned.isEmpty()) {
        if (keys.contains(pinned))
            return pinned;
        return fail(QStringLiteral("the host key of %1 is not the lab file's login.hostKey (it shows %2): refusing to "
                                   "log in")
                        .arg(address, keys.join(QStringLiteral(", ")).left(300)));
    }
    for (const QString &type :
        { QStringLiteral("ssh-ed25519 "), QStringLiteral("ecdsa-"), QStringLiteral("ssh-rsa ") }) {
        for (const QString &key : std::as_const(keys)) {
            if (key.startsWith(type))
                return key;
        }
    }
    return keys.first();
}

} // namespace mlab
