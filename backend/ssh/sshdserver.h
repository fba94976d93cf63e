#pragma once

#include "core/command.h"
#include "core/result.h"

#include <QString>
#include <QStringList>

#include <memory>

class QProcess;

namespace mlab {

struct SshdConfig
{
    QString label; // e.g. "NodeA", for messages
    QString listenAddress; // e.g. "10.168.255.1"; must exist in the node's namespace
    quint16 port = 22;
    QString hostKeyFile; // private host key, mode 0600
    QString authorizedKeysFile; // the lab's client public key file
    QString runtimeDir; // sshd_config, pid file and log go here
    QString netnsPath; // namespace sshd listens in, for the readiness probe; empty = ours
    // e.g. {"ip", "netns", "exec", "mlab-seed-NodeA"}; may be a launcher that runs
    // sshd in a pid namespace of its own (then sshd is a descendant of what we start)
    QStringList argvPrefix;
    // Created on the host before start (sshd refuses to run without it); empty
    // when the prefix gives sshd a /run of its own that has it.
    QString privsepDir = QStringLiteral("/run/sshd");
    // HOME for commands run over SSH; empty = root's own. Namespace nodes share
    // the host's /root, and bash run by sshd sources ~/.bashrc for every command:
    // a host .bashrc with pyenv or conda costs ~90 ms per command (measured here, idle)
    // and may print into command output. An empty directory here avoids that.
    QString sessionHome;
    QString sshdProgram = QStringLiteral("/usr/sbin/sshd"); // absolute: sshd re-execs itself
};

// A real OpenSSH sshd for one lab node, running in the foreground (-D) so its
// pid is ours to stop, logging to a file (-e) so errors can be shown.
// start() blocks until sshd answers: call it from the engine's lab thread.
class SshdServer
{
public:
    explicit SshdServer(SshdConfig config);
    ~SshdServer(); // stops sshd

    SshdServer(const SshdServer &) = delete;
    SshdServer &operator=(const SshdServer &) = delete;

    // What start() writes and runs, for the engine's transcript and --dry-run.
    QString configPath() const;
    QString logPath() const;
    QString pidPath() const;
    QString configText() const;
    QStringList argv() const;
    Command command() const;

    // Writes the config, makes sure privsepDir exists, starts sshd and waits until it
    // sends its SSH banner on the listen address (probed from inside the namespace).
    Status start(int timeoutMs);
    bool isRunning() const;
    qint64 pid() const; // what start() ran: sshd, or the prefix's launcher; 0 when not running
    // sshd itself, as the host sees it (once started): pid() unless a launcher
    // runs it in a pid namespace of its own, where it is pid 1. 0 when not running.
    qint64 daemonPid() const;
    // SIGTERM, then SIGKILL after graceMs, to what start() ran, to sshd and to
    // every process it has started (connections and the commands they run)
    // that is still its descendant, all at once.
    void stop(int graceMs = 1000);
    // sshd's stderr so far (LogLevel ERROR keeps this to real problems).
    QString log() const;

private:
    Status writeConfig() const;
    Result<bool> probe(int timeoutMs) const;
    qint64 pidFromPidFile() const;
    QString startFailure(const QString &what) const;

    SshdConfig m_config;
    std::unique_ptr<QProcess> m_process;
    qint64 m_daemonPid = 0;
};

} // namespace mlab
