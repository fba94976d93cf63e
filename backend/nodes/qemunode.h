#pragma once

#include "core/processes.h"
#include "nodes/nodebackend.h"
#include "qemu/qemucommand.h"

#include <QElapsedTimer>

namespace mlab {

// A lab node in a QEMU VM booted from the lab's guest image (or from the user's own disk image: see owndisk.h) (see
// `mptcplab-cli image build`). Its NICs are plugged into the lab's switch (-netdev vde, or through the tutorial's
// vdeq), its serial console goes to a log, and a QMP socket lets the engine ask its state, pull its virtual cables and
// power it off. The guest's /init reads the node's identity from the kernel command line, starts dropbear and prints
// its host key on the console: that key is the one the engine pins.
class QemuNode : public NodeBackend
{
public:
    // Where a VM keeps its serial console log, in its node's private runtime directory.
    static QString consoleLogIn(const QString &nodeDir) { return nodeDir + QStringLiteral("/console.log"); }

    explicit QemuNode(const NodeEnvironment &env);
    ~QemuNode() override;

    QString kind() const override { return QStringLiteral("qemu"); }
    QList<Command> plan() const override;
    Status start(int timeoutMs) override;
    Status waitUntilReady(int timeoutMs) override;
    void stop() override;
    QString hostKey() const override { return m_hostKey; }
    QString managementAddress() const override;
    QList<ProcessRecord> processes() const override;
    QStringList namespaces() const override { return {}; }
    bool hasVirtualCable() const override { return true; }
    Status setCarrier(const QString &ifname, bool up) override;
    QJsonObject statusDetails() const override;
    std::optional<NodeLogin> ownLogin() const override;

    QString consoleLog() const;
    QString qmpSocket() const;

private:
    // "seed-qemu.json: /nodes/0/qemu/image" for messages about the lab file's values.
    QString field(const QString &key) const;
    QString besideLabFile(const QString &path) const; // a lab file's relative path, resolved
    QString imageDir() const;
    QString loginKeyCopy() const;
    QemuLaunch launchFor(const GuestImage &image, const QString &accel, const QString &clientKey) const;
    Result<QemuLaunch> prepareGuestImage(const QString &accel) const;
    Result<QemuLaunch> prepareOwnDisk(const QString &accel) const;
    Status waitForOwnSystem(int timeoutMs);
    QString notReadyMessage(int timeoutMs) const;
    void learnAccelerator();
    Result<QString> readClientKey() const;
    QString consoleTail(int lines) const;
    qint64 qemuPid() const;
    bool qemuAlive() const;
    bool waitForExit(int timeoutMs) const;

    NodeEnvironment m_env;
    QString m_hostKey;
    QString m_accel;
    QString m_kernelRelease;
    ProcessRecord m_launcher; // qemu itself, or vdeq in launch mode "vdeq"
    mutable ProcessRecord m_qemu; // from QEMU's pid file
    qint64 m_bootMs = 0; // from QEMU's start to the ready line
    QElapsedTimer m_sinceLaunch;
};

} // namespace mlab
