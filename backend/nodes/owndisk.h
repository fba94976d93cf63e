#pragma once

// A VM node that boots its own disk image (the tutorial's OpenWRT test01.img, say) rather than the lab's guest:
// its system is the user's, so the engine learns nothing from its console and logs in as the lab file says.

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace mlab {

struct OpenedDisk
{
    int fd = -1; // read-only, close-on-exec; the caller owns it
    QString format; // "raw" or "qcow2"
};

// Opens a file QEMU is to read (a kernel, an initramfs) with the permissions of the user the engine acts for
// (the invoking user, else this process's own): read-only, close-on-exec, owned by the caller.
Result<int> openAsLabUser(const QString &path);

// Opens the image with the permissions of the user the engine acts for (see openFileAs), so that QEMU, which
// runs as root, reads only an image that user could read.
Result<OpenedDisk> openOwnDisk(const QString &path);

// Copies the user's private key, read with the user's permissions, to destination (mode 0600) for the
// engine's SSH sessions and the students' login command.
Status copyLoginKey(const QString &identityFile, const QString &destination);

// `ip netns exec NS ssh-keyscan ... ADDRESS`: what scanHostKey runs, for the transcript and the script too.
QStringList hostKeyScanCommand(const QString &managementNetns, const QString &address);
QString hostKeyScanShell(const QString &managementNetns, const QString &address); // the same, as a shell line

// One `ssh-keyscan` of address from the management namespace. The node's host key line ("ssh-ed25519 AAAA..."),
// or empty while nothing answers yet; with pinned given, only that key is accepted and another is an error.
// Otherwise ed25519 is preferred over ECDSA over RSA.
Result<QString> scanHostKey(const QString &managementNetns, const QString &address, const QString &pinned);

} // namespace mlab
