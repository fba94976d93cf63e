#include "qemu/guestimage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace mlab {

QString defaultImageCache()
{
    if (const QString fromEnv = qEnvironmentVariable("MPTCPLAB_IMAGE_CACHE"); !fromEnv.isEmpty())
        return fromEnv;
    if (const QString xdg = qEnvironmentVariable("XDG_CACHE_HOME"); !xdg.isEmpty())
        return xdg + QStringLiteral("/mptcplab");
    return QDir::homePath() + QStringLiteral("/.cache/mptcplab");
}

QString guestDirIn(const QString &cacheDir)
{
    return cacheDir + QStringLiteral("/guest");
}

namespace {

QByteArray head(const QString &path, qint64 bytes)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(bytes) : QByteArray();
}

// An ELF vmlinux (QEMU boots it through its PVH note) or a bzImage ("HdrS" at 0x202, the x86 boot protocol).
bool looksLikeKernel(const QString &path)
{
    const QByteArray start = head(path, 0x206);
    return start.startsWith("\x7f"
                            "ELF")
        || start.mid(0x202, 4) == "HdrS";
}

bool looksLikeInitramfs(const QString &path)
{
    const QByteArray start = head(path, 6);
    return start.startsWith("\x1f\x8b") || start == "070701";
}

} // namespace

Result<GuestImage> openGuestImage(const QString &dir)
{
    const QString howToBuild = QStringLiteral("build one with `mptcplab-cli image build`");
    if (!QFileInfo(dir).isDir())
        return fail(QStringLiteral("no guest image at %1 (no such directory): %2").arg(dir, howToBuild));
    GuestImage image;
    image.dir = dir;
    for (const char *name : { "vmlinux", "vmlinuz" }) {
        const QString path = dir + QLatin1Char('/') + QLatin1String(name);
        if (QFileInfo(path).isFile()) {
            image.kernel = path;
            break;
        }
    }
    if (image.kernel.isEmpty())
        return fail(QStringLiteral("guest image %1 has no kernel (vmlinux or vmlinuz): %2").arg(dir, howToBuild));
    if (!looksLikeKernel(image.kernel))
        return fail(QStringLiteral("%1 is not a Linux kernel QEMU can boot (neither an ELF vmlinux nor a bzImage): "
                                   "%2")
                        .arg(image.kernel, howToBuild));
    image.initrd = dir + QStringLiteral("/initrd.gz");
    if (!QFileInfo(image.initrd).isFile())
        return fail(QStringLiteral("guest image %1 has no initrd.gz: %2").arg(dir, howToBuild));
    if (!looksLikeInitramfs(image.initrd))
        return fail(QStringLiteral("%1 is not an initramfs (neither gzip nor cpio): %2").arg(image.initrd, howToBuild));
    QFile release(dir + QStringLiteral("/kernel-release"));
    if (release.open(QIODevice::ReadOnly))
        image.kernelRelease = QString::fromUtf8(release.readAll()).trimmed();
    return image;
}

} // namespace mlab
