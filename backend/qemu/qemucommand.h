#pragma once

#include "qemu/guestimage.h"

#include <QString>
#include <QStringList>

namespace mlab {

struct NodeSpec;

// What a QEMU node's command line is made of, besides the lab file's node.
struct QemuLaunch
{
    GuestImage image;
    QString accel = QStringLiteral("tcg"); // "tcg", or "kvm" (QEMU then falls back to TCG if KVM fails to start)
    QString switchDir; // vde_switch data socket directory
    QString consoleLog; // the serial console, captured to a file
    QString qmpSocket;
    QString pidFile;
    QString clientKey; // the lab's client public key line, "ssh-ed25519 AAAA... comment"
    QString vdeqWrapper; // launch mode "vdeq": the script vdeq runs instead of QEMU (resources/guest/vdeq-qemu.sh)

    // A node booting its own disk (instead of image):
    QString diskPath; // as the lab file names it, for people reading the command
    QString diskFormat = QStringLiteral("raw"); // "raw" or "qcow2"
    int diskFd = -1; // the image opened with the user's permissions, inherited by QEMU; -1: QEMU opens diskPath
    // The lab's guest, opened the same way: QEMU reads /dev/fd/N instead of the paths; -1: the paths.
    int kernelFd = -1;
    int initrdFd = -1;
};

// QEMU's id for the netdev behind a node's interface (QMP set_link takes it): "n0" for the first interface.
QString qemuNetdevId(const NodeSpec &node, const QString &ifname);

// The guest's identity, read by its /init: hostname, NIC names by MAC, the management address, the client key.
// Only characters the lab reader admitted reach it. Empty when the client key is not an OpenSSH public key line.
QString guestKernelCommandLine(const NodeSpec &node, const QString &clientKey);

// How a disk image's first bytes say it is stored: "qcow2" or "raw".
QString diskFormatOf(const QByteArray &header);

// The full argv: qemu-system-x86_64 ..., or for launch mode "vdeq": vdeq WRAPPER ... with the tutorial's
// "-net nic,vlan=N -net vde,vlan=N" pairs.
QStringList qemuArgv(const NodeSpec &node, const QemuLaunch &launch);

} // namespace mlab
