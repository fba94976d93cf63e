#pragma once

#include "core/result.h"

#include <QString>

namespace mlab {

// A guest made by `mptcplab-cli image build`: one kernel and one initramfs that serve every QEMU node (each
// node's identity comes from the kernel command line at boot).
struct GuestImage
{
    QString dir;
    QString kernel; // vmlinux (PVH entry, about twice as fast to boot under TCG) or else vmlinuz
    QString initrd;
    QString kernelRelease; // e.g. "6.1.0-57-amd64"; empty when the image does not say
};

// Where `image build` puts its cache and the engine looks for the guest when a node names none:
// $MPTCPLAB_IMAGE_CACHE, else $XDG_CACHE_HOME/mptcplab, else ~/.cache/mptcplab.
QString defaultImageCache();
// The guest directory inside a cache.
QString guestDirIn(const QString &cacheDir);

// Opens the guest in dir and checks that its files are what QEMU can boot: an ELF or bzImage kernel, a gzip or
// cpio initramfs. The error says what is missing or wrong and how to build an image.
Result<GuestImage> openGuestImage(const QString &dir);

} // namespace mlab
