#pragma once

#include "core/result.h"
#include "vde/vdemanagementclient.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QProcess>
#include <QStringList>

namespace mlab {

// Runs one vde_switch process and holds a management connection to it.
//
// Layout of the runtime directory (created 0700, ours alone):
//   DIR/switch       data socket directory (-s): plugs connect to "vde://DIR/switch[PORT]"
//   DIR/switch.mgmt  management socket (-M)
//
// vde_switch runs in the foreground with its stdin a pipe we hold open: its
// console exits on EOF ("EOF on stdin, cleaning up and exiting", verified with
// vde2 2.3.2 for /dev/null and a closed stdin alike). So it stays up while we
// run, QProcess knows its pid and its exit, and if the engine dies the kernel
// closes the pipe and the switch goes away by itself instead of leaking.
//
// Blocking with timeouts: meant for the engine's lab thread, never a GUI thread.
class VdeSwitch : public QObject
{
    Q_OBJECT
public:
    explicit VdeSwitch(QObject *parent = nullptr);
    ~VdeSwitch() override; // stops the switch

    Status start(const QString &directory, int ports, int timeoutMs = 3000);
    // Creates the VLANs, then for each port "port/create N" and "port/setvlan N V", in port order.
    Status applyLayout(const QList<int> &vlans, const QMap<int, int> &portVlan);
    // SIGTERM, SIGKILL after graceMs, waits until the process is reaped, removes the sockets.
    // Leaves DIR itself (it may hold the engine's state). Safe to call at any time, and twice.
    void stop(int graceMs = 2500);

    bool isRunning() const;
    qint64 pid() const;
    VdeManagementClient *management() { return &m_management; }
    QString directory() const { return m_directory; }
    QString dataSocketPath() const { return dataSocketPathIn(m_directory); }
    QString managementSocketPath() const { return managementSocketPathIn(m_directory); }
    // vdeplug4 URL of one port, e.g. "vde:///run/mptcplab/seed/switch[10]".
    QString plugUrl(int port) const;
    // The last lines vde_switch wrote to stdout/stderr, oldest first.
    QStringList recentOutput() const { return m_output; }

    static QString dataSocketPathIn(const QString &directory);
    // vde_switch's arguments for a switch in directory (without the program name).
    static QStringList arguments(const QString &directory, int ports);
    static QString managementSocketPathIn(const QString &directory);

Q_SIGNALS:
    // The switch exited without stop() being asked; reason names the exit code or signal and its last output.
    void died(const QString &reason);

private:
    Status prepareDirectory(const QString &directory) const;
    Status waitUntilReady(int timeoutMs);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void captureOutput();
    QString describeExit() const;
    static void removeSockets(const QString &directory);

    QProcess *m_process = nullptr;
    VdeManagementClient m_management;
    QString m_directory;
    qint64 m_pid = 0; // kept after exit, for the messages
    QStringList m_output;
    bool m_expectExit = true; // true unless running: starting, stopping and stopped exits are not deaths
};

} // namespace mlab
