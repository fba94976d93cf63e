#pragma once

// The lab as data: what the lab file says, after validation. Everything the
// engine builds (switch ports, VLANs, taps, addresses, routes, MPTCP
// endpoints, shaping, traffic) comes from here, never from code.

#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

namespace mlab {

struct InterfaceSpec
{
    QString name; // e.g. "eth0"; a safe identifier, at most 15 characters
    QString mac; // "52:54:00:01:01:01"
    QString address; // CIDR, e.g. "10.168.1.1/24"
    int switchPort = 0; // vde_switch port the interface is plugged into
    bool management = false; // the node's management interface (SSH only, MPTCP off)
    QString path; // name of the PathSpec it belongs to; empty for management
    QStringList endpointFlags; // MPTCP endpoint flags: subflow, signal, backup, fullmesh; empty = no endpoint

    QString ip() const { return address.section(QLatin1Char('/'), 0, 0); }
    int prefixLength() const { return address.section(QLatin1Char('/'), 1, 1).toInt(); }
};

struct MptcpSettings
{
    QString profile = QStringLiteral("upstream"); // "upstream" or "legacy"
    int subflows = 8; // ip mptcp limits set subflows N
    int addAddrAccepted = 8; // ... add_addr_accepted N
};

// How a "qemu" node's VM is run (lab file key "qemu" of the node). Every value here ends up on QEMU's command
// line, which runs as root: the reader admits only checked forms (absolute paths of safe characters, enums).
// How the engine logs in to a VM that boots its own disk (the lab's guest image takes the lab's key instead).
struct QemuLogin
{
    // The engine's copy of identityFile, in the node's private runtime directory.
    static QString keyCopyName() { return QStringLiteral("login-key"); }

    QString user = QStringLiteral("root");
    QString password; // empty = none; never written to the transcript, the state file or a message
    QString identityFile; // the user's private key, read with the user's permissions; empty = none
    QString hostKey; // "ssh-ed25519 AAAA...": pinned; empty = the key the node shows first is trusted
};

struct QemuSpec
{
    QString image; // directory holding vmlinux/vmlinuz and initrd.gz; empty = the default image cache
    QString disk; // the node's own bootable disk image (raw or qcow2), e.g. the tutorial's OpenWRT test01.img
    QemuLogin login; // for a disk only
    QString nicModel = QStringLiteral("virtio"); // "virtio", "e1000" or "rtl8139"
    int memoryMiB = 128; // guest RAM (96 MiB panics unpacking the initramfs)
    QString launch = QStringLiteral("vde"); // "vde" (-netdev vde) or "vdeq" (the tutorial's wrapper)
    QString accel = QStringLiteral("auto"); // "auto" (KVM when it works, else TCG), "kvm" or "tcg"
    int bootTimeoutSeconds = 90; // until SSH answers on the management address
};

struct NodeSpec
{
    QString name; // safe identifier, e.g. "NodeA"
    QString kind = QStringLiteral("namespace"); // "namespace" or "qemu"
    QemuSpec qemu; // for kind "qemu" only
    QList<InterfaceSpec> interfaces;
    QString defaultPath; // path whose peer is the main default gateway; empty = none
    MptcpSettings mptcp;

    const InterfaceSpec *managementInterface() const;
    const InterfaceSpec *interfaceNamed(const QString &ifname) const;
    const InterfaceSpec *interfaceOnPath(const QString &pathName) const;
    // A VM booting its own disk: its system is the user's, with its own accounts and configuration.
    bool bootsOwnDisk() const { return kind == QLatin1String("qemu") && !qemu.disk.isEmpty(); }
};

// A rate limit such as "50mbit" (tc syntax), or unlimited.
struct LinkShaping
{
    QString rate; // empty = unlimited
    bool isUnlimited() const { return rate.isEmpty(); }
};

struct PathSpec
{
    QString name; // e.g. "path1"
    int vlan = 0; // VLAN carrying the path on the switch
    int routingTable = 0; // source-routing table used on every node of the path
    LinkShaping shaping;
};

struct ManagementSpec
{
    int vlan = 0; // the management VLAN
    int hostPort = 0; // switch port of the host-side tap
    QString hostTap; // e.g. "tap0", lives in the lab-private management namespace
    QString hostAddress; // CIDR, e.g. "10.168.255.254/24"

    QString hostIp() const { return hostAddress.section(QLatin1Char('/'), 0, 0); }
};

struct SwitchSpec
{
    QList<int> vlans; // VLANs to create, e.g. 1..4
    int deadVlan = 0; // VLAN with nothing on it: breaking a link moves its port here
    int ports = 32; // vde_switch -n
};

struct TrafficSpec
{
    QString serverNode;
    QString serverCommand; // e.g. "iperf -s -i 10"
    QString clientNode;
    QString clientCommand; // e.g. "iperf -c 10.168.1.2 -i 1 -t 1000"
    QString wrapper; // e.g. "mptcpize run"; empty = run as is
};

// How the lab is tuned for failover (lab file key "failover").
struct FailoverSpec
{
    // "symmetric": every source table also routes the node's other path subnets through their own interfaces,
    // so each subflow stays wholly on one path (docs/failover.md). "tutorial": the tutorial's tables exactly,
    // where the cross joins of a fullmesh client never complete and failover can take seconds.
    QString routing = QStringLiteral("symmetric");
    // Cap TCP's retransmission backoff on every node (net.ipv4.tcp_rto_min_us / tcp_rto_max_ms, Linux 6.15+),
    // so a subflow retries a restored path within a second.
    bool fastRecovery = false;

    bool symmetricRouting() const { return routing == QLatin1String("symmetric"); }
};

// One end of a path: which interface of which node, and its switch port.
struct PathEnd
{
    const NodeSpec *node = nullptr;
    const InterfaceSpec *interface = nullptr;
};

struct Lab
{
    QString name; // safe identifier; names the runtime directory and namespaces
    QString description;
    QString sourceFile; // where it was loaded from (absolute), empty when parsed from memory
    SwitchSpec switchSpec;
    ManagementSpec management;
    QList<NodeSpec> nodes;
    QList<PathSpec> paths;
    TrafficSpec traffic;
    FailoverSpec failover;
    // Where the window draws boxes, by node name ("host": the management host); empty: its default layout.
    QHash<QString, QPointF> layout;

    const NodeSpec *nodeNamed(const QString &name) const;
    const PathSpec *pathNamed(const QString &name) const;
    QList<PathEnd> endsOf(const QString &pathName) const;
    // The address a node uses as gateway on a path: the other end's address.
    QString peerAddress(const QString &nodeName, const QString &pathName) const;
    // VLAN a switch port is configured on when the lab is healthy; nullopt if the port is not in the lab.
    std::optional<int> vlanOfPort(int port) const;
    // "NodeA:eth0" -> 10; "10" -> 10; nullopt when it names nothing in the lab.
    std::optional<int> resolvePort(const QString &link) const;
    // The node's data interface plugged into port (what an unplug takes down); nullopt for the management
    // network and for a port no node uses.
    std::optional<PathEnd> pathEndOnPort(int port) const;
    // 10 -> "NodeA:eth0"; the port number as text when no node interface sits on it.
    QString linkName(int port) const;
    // Every switch port the lab uses, sorted.
    QList<int> usedPorts() const;
};

} // namespace mlab
