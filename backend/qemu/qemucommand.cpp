#include "qemu/qemucommand.h"

#include "lab/labmodel.h"

#include <QRegularExpression>

namespace mlab {

using namespace Qt::StringLiterals;

QString qemuNetdevId(const NodeSpec &node, const QString &ifname)
{
    for (qsizetype i = 0; i < node.interfaces.size(); ++i) {
        if (node.interfaces[i].name == ifname)
            return u"n"_s + QString::number(i);
    }
    return {};
}

namespace {

// A file the engine opened as the user, as QEMU reaches it: /dev/fd/N reopens that very file.
QString inheritedOr(int fd, const QString &path)
{
    return fd >= 0 ? u"/dev/fd/"_s + QString::number(fd) : path;
}

QString nicDevice(const QString &model)
{
    return model == "virtio"_L1 ? u"virtio-net-pci"_s : model; // "e1000" and "rtl8139" are device names already
}

// The user's disk, never written: snapshot=on keeps the guest's writes in a temporary overlay. The engine opens
// the image as the user and QEMU reads it through that descriptor (-add-fd), so a lab file cannot make QEMU,
// running as root, read a file its user may not.
QStringList diskArguments(const QemuLaunch &launch)
{
    QString file = launch.diskPath;
    QStringList argv;
    if (launch.diskFd >= 0) {
        argv << u"-add-fd"_s << u"fd=%1,set=1,opaque=%2"_s.arg(launch.diskFd).arg(launch.diskPath);
        file = u"/dev/fdset/1"_s;
    }
    argv << u"-drive"_s << u"file=%1,format=%2,if=ide,snapshot=on"_s.arg(file, launch.diskFormat);
    return argv;
}

} // namespace

QString diskFormatOf(const QByteArray &header)
{
    return header.startsWith("QFI\xfb") ? u"qcow2"_s : u"raw"_s;
}

QString guestKernelCommandLine(const NodeSpec &node, const QString &clientKey)
{
    // "ssh-ed25519 AAAA... comment": only the type and the base64 blob travel (no spaces on a kernel command line).
    static const QRegularExpression keyLine(
        u"^(ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa) ([A-Za-z0-9+/=]{16,1024})( .*)?$"_s);
    const QRegularExpressionMatch key = keyLine.match(clientKey.trimmed());
    if (!key.hasMatch())
        return {};
    // quiet: printing the boot log on the emulated serial port costs a second under TCG; panic=-1 turns a guest
    // panic into a QEMU exit (-no-reboot), which the engine reports with the console's last lines.
    QStringList words { u"console=ttyS0"_s, u"quiet"_s, u"panic=-1"_s, u"mlab.host="_s + node.name };
    for (const InterfaceSpec &iface : node.interfaces)
        words << u"mlab.nic="_s + iface.mac.toLower() + u',' + iface.name;
    if (const InterfaceSpec *mgmt = node.managementInterface())
        words << u"mlab.mgmt="_s + mgmt->name + u',' + mgmt->address;
    words << u"mlab.key="_s + key.captured(1) + u',' + key.captured(2);
    return words.join(u' ');
}

QStringList qemuArgv(const NodeSpec &node, const QemuLaunch &launch)
{
    const bool vdeq = node.qemu.launch == "vdeq"_L1;
    QStringList argv;
    if (vdeq)
        argv << u"vdeq"_s << launch.vdeqWrapper;
    else
        argv << u"qemu-system-x86_64"_s;
    // A smaller translation cache: ~280 MB of host memory per VM instead of ~370 (measured, TCG).
    const QString accel = launch.accel == "kvm"_L1 ? u"kvm"_s : u"tcg,tb-size=64"_s;
    argv << u"-name"_s << node.name << u"-accel"_s << accel;
    if (launch.accel == "kvm"_L1)
        argv << u"-accel"_s << u"tcg,tb-size=64"_s; // QEMU tries them in order
    argv << u"-machine"_s << u"pc"_s << u"-cpu"_s << u"max"_s << u"-smp"_s << u"1"_s << u"-m"_s
         << QString::number(node.qemu.memoryMiB) << u"-nodefaults"_s << u"-display"_s << u"none"_s << u"-no-reboot"_s;
    if (node.bootsOwnDisk())
        argv << diskArguments(launch);
    else
        argv << u"-kernel"_s << inheritedOr(launch.kernelFd, launch.image.kernel) << u"-initrd"_s
             << inheritedOr(launch.initrdFd, launch.image.initrd) << u"-append"_s
             << guestKernelCommandLine(node, launch.clientKey);
    argv << u"-serial"_s << u"file:"_s + launch.consoleLog << u"-qmp"_s
         << u"unix:"_s + launch.qmpSocket + u",server=on,wait=off"_s << u"-pidfile"_s << launch.pidFile;
    for (qsizetype i = 0; i < node.interfaces.size(); ++i) {
        const InterfaceSpec &iface = node.interfaces[i];
        const QString index = QString::number(i);
        if (vdeq) {
            argv << u"-net"_s << u"nic,vlan=%1,model=%2,macaddr=%3"_s.arg(index, node.qemu.nicModel, iface.mac)
                 << u"-net"_s << u"vde,vlan=%1,sock=%2,port=%3"_s.arg(index, launch.switchDir).arg(iface.switchPort);
        } else {
            // PCI slots in the lab file's order, so the NICs appear in the order /init names them by MAC.
            argv << u"-netdev"_s << u"vde,id=n%1,sock=%2,port=%3"_s.arg(index, launch.switchDir).arg(iface.switchPort)
                 << u"-device"_s
                 << u"%1,netdev=n%2,mac=%3,addr=0x%4"_s.arg(
                        nicDevice(node.qemu.nicModel), index, iface.mac, QString::number(3 + i, 16));
        }
    }
    return argv;
}

} // namespace mlab
