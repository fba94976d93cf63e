#include "ssh/sshdserver.h"

#include "core/processes.h"
#include "ssh/netsocket.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMultiHash>
#include <QProcess>
#include <QSaveFile>

#include <csignal>

#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mlab {

namespace {

// sshd_config expands %-tokens in some paths and splits on spaces.
bool isSafeConfigPath(const QString &path)
{
    return !path.isEmpty() && QDir::isAbsolutePath(path) && !path.contains(QLatin1Char('%'))
        && !path.contains(QLatin1Char('"')) && !path.contains(QLatin1Char('\n'));
}

QString quoted(const QString &path)
{
    return path.contains(QLatin1Char(' ')) ? QStringLiteral("\"%1\"").arg(path) : path;
}

// sshd's per-connection processes, and the commands they run, outlive a
// SIGTERM'd listener; a node that is stopped must not leave them behind.
QList<ProcessRecord> descendantsOf(qint64 root)
{
    QMultiHash<qint64, qint64> childrenOf;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        if (const std::optional<ProcStat> stat = readProcStat(pid))
            childrenOf.insert(stat->parentPid, pid);
    }
    QList<ProcessRecord> found;
    QList<qint64> queue { root };
    while (!queue.isEmpty()) {
        for (const qint64 child : childrenOf.values(queue.takeFirst())) {
            found << ProcessRecord { child, processStartTime(child), QStringLiteral("started by sshd") };
            queue << child;
        }
    }
    return found;
}

// The pid a process sees for itself: the last of /proc/PID/status's NSpid
// (its pid in each pid namespace it is in, the host's first).
qint64 ownPid(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("NSpid:"))
            return line.mid(6).simplified().split(' ').last().toLongLong();
    }
    return pid; // a kernel without pid namespaces
}

} // namespace

SshdServer::SshdServer(SshdConfig config)
    : m_config(std::move(config))
{ }

SshdServer::~SshdServer()
{
    stop();
}

QString SshdServer::configPath() const
{
    return QDir(m_config.runtimeDir).filePath(QStringLiteral("sshd_config"));
}

QString SshdServer::logPath() const
{
    return QDir(m_config.runtimeDir).filePath(QStringLiteral("sshd.log"));
}

QString SshdServer::pidPath() const
{
    return QDir(m_config.runtimeDir).filePath(QStringLiteral("sshd.pid"));
}

// sshd writes its pid file only after it has bound every listen address, so a
// probe answered before that came from someone else (e.g. an old sshd on the port).
// Returns sshd's host pid once the pid file names the process we started, or one
// of its descendants (sshd run by a launcher); it holds the pid sshd sees for
// itself, which is 1 when the launcher gave it a pid namespace. 0 until then.
qint64 SshdServer::pidFromPidFile() const
{
    QFile file(pidPath());
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    bool isPid = false;
    const qint64 written = file.readAll().trimmed().toLongLong(&isPid);
    if (!isPid || written <= 0)
        return 0;
    const qint64 started = m_process->processId();
    if (ownPid(started) == written)
        return started;
    for (const ProcessRecord &descendant : descendantsOf(started)) {
        if (ownPid(descendant.pid) == written)
            return descendant.pid;
    }
    return 0;
}

QString SshdServer::configText() const
{
    QStringList lines {
        QStringLiteral("# sshd for %1, written by MPTCP Lab").arg(m_config.label),
        QStringLiteral("ListenAddress %1").arg(m_config.listenAddress),
        QStringLiteral("Port %1").arg(m_config.port),
        QStringLiteral("HostKey %1").arg(quoted(m_config.hostKeyFile)),
        QStringLiteral("AuthorizedKeysFile %1").arg(quoted(m_config.authorizedKeysFile)),
        QStringLiteral("PidFile %1").arg(quoted(pidPath())),
        QStringLiteral("PermitRootLogin prohibit-password"),
        QStringLiteral("PubkeyAuthentication yes"),
        QStringLiteral("AuthenticationMethods publickey"),
        QStringLiteral("PasswordAuthentication no"),
        QStringLiteral("KbdInteractiveAuthentication no"),
        QStringLiteral("UsePAM no"),
        QStringLiteral("# the keys live in the lab's private directory, not in ~root/.ssh"),
        QStringLiteral("StrictModes no"),
        QStringLiteral("UseDNS no"),
        QStringLiteral("LogLevel ERROR"),
        QStringLiteral("PrintMotd no"),
        QStringLiteral("PrintLastLog no"),
        QStringLiteral("X11Forwarding no"),
        QStringLiteral("AllowAgentForwarding no"),
        QStringLiteral("PermitTunnel no"),
        QStringLiteral("# commands and telemetry streams share one connection, one channel each"),
        QStringLiteral("MaxSessions 64"),
    };
    if (!m_config.sessionHome.isEmpty()) {
        lines << QStringLiteral("# keeps the host's ~root/.bashrc out of every command");
        lines << QStringLiteral("SetEnv HOME=%1").arg(m_config.sessionHome);
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QStringList SshdServer::argv() const
{
    return m_config.argvPrefix
        + QStringList { m_config.sshdProgram, QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"),
              configPath() };
}

Command SshdServer::command() const
{
    return Command { QStringLiteral("host"), argv(),
        QStringLiteral("sshd for %1 on %2 port %3").arg(m_config.label, m_config.listenAddress).arg(m_config.port) };
}

Status SshdServer::writeConfig() const
{
    for (const QString &path : { m_config.hostKeyFile, m_config.authorizedKeysFile, m_config.runtimeDir })
        if (!isSafeConfigPath(path))
            return fail(QStringLiteral("%1: sshd cannot use the path \"%2\": it must be absolute and contain no %, "
                                       "\" or newline")
                            .arg(m_config.label, path));
    if (!m_config.sessionHome.isEmpty()
        && (!isSafeConfigPath(m_config.sessionHome) || m_config.sessionHome.contains(QLatin1Char(' '))))
        return fail(QStringLiteral("%1: sshd cannot use \"%2\" as HOME: it must be absolute, without spaces, %, \" "
                                   "or newline")
                        .arg(m_config.label, m_config.sessionHome));
    if (!m_config.sessionHome.isEmpty() && !QDir().mkpath(m_config.sessionHome))
        return fail(QStringLiteral("%1: cannot create the session home %2").arg(m_config.label, m_config.sessionHome));
    if (!QDir().mkpath(m_config.runtimeDir))
        return fail(QStringLiteral("%1: cannot create sshd's directory %2").arg(m_config.label, m_config.runtimeDir));
    QSaveFile file(configPath());
    if (!file.open(QIODevice::WriteOnly) || file.write(configText().toUtf8()) < 0 || !file.commit())
        return fail(QStringLiteral("%1: cannot write %2: %3").arg(m_config.label, configPath(), file.errorString()));
    return {};
}

QString SshdServer::log() const
{
    QFile file(logPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

QString SshdServer::startFailure(const QString &what) const
{
    const QString stderrText = log();
    return QStringLiteral("%1: sshd (%2) %3%4")
        .arg(m_config.label, argv().join(QLatin1Char(' ')), what,
            stderrText.isEmpty() ? QStringLiteral("; it printed nothing")
                                 : QStringLiteral("; it said: %1").arg(stderrText));
}

// True once sshd sends its "SSH-2.0-..." banner: proves that sshd, not just
// any listener, answers, and that it got past loading its keys.
Result<bool> SshdServer::probe(int timeoutMs) const
{
    Result<int> connected = connectTcpInNetns(m_config.netnsPath, m_config.listenAddress, m_config.port, timeoutMs);
    if (!connected)
        return fail(connected.error());
    const int fd = connected.value();
    pollfd pfd { fd, POLLIN, 0 };
    char banner[8] = {};
    bool isSsh = false;
    if (::poll(&pfd, 1, timeoutMs) > 0)
        isSsh = ::read(fd, banner, 4) == 4 && QByteArray(banner, 4) == "SSH-";
    ::close(fd);
    if (!isSsh)
        return fail(QStringLiteral("no SSH banner from %1")
                        .arg(describeEndpoint(m_config.netnsPath, m_config.listenAddress, m_config.port)));
    return true;
}

Status SshdServer::start(int timeoutMs)
{
    if (isRunning())
        return fail(QStringLiteral("%1: sshd is already running (pid %2)").arg(m_config.label).arg(pid()));
    if (Status written = writeConfig(); !written)
        return written;
    const QString &privsep = m_config.privsepDir;
    if (!privsep.isEmpty() && (!QDir().mkpath(privsep) || ::chmod(QFile::encodeName(privsep).constData(), 0755) != 0))
        return fail(
            QStringLiteral("%1: cannot create sshd's privilege separation directory %2").arg(m_config.label, privsep));

    QFile::remove(pidPath());
    QElapsedTimer clock;
    clock.start();
    const QStringList args = argv();
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(args.first());
    m_process->setArguments(args.mid(1));
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(QProcess::nullDevice());
    // A file rather than a pipe: nobody has to keep reading it while the lab runs.
    m_process->setStandardErrorFile(logPath(), QIODevice::Truncate);
    m_process->start();
    if (!m_process->waitForStarted(timeoutMs)) {
        const QString error = m_process->errorString();
        m_process.reset();
        return fail(QStringLiteral("%1: cannot start %2: %3").arg(m_config.label, args.first(), error));
    }

    QString lastProbe;
    for (;;) {
        if (m_process->state() == QProcess::NotRunning || m_process->waitForFinished(0)) {
            const int code = m_process->exitCode();
            m_process.reset();
            return fail(startFailure(QStringLiteral("exited with status %1 before it was ready").arg(code)));
        }
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0) {
            stop(200);
            return fail(startFailure(
                QStringLiteral("did not answer within %1 ms (last probe: %2)").arg(timeoutMs).arg(lastProbe)));
        }
        if (const qint64 daemon = pidFromPidFile(); daemon > 0) {
            Result<bool> answered = probe(int(qMin<qint64>(left, 250)));
            if (answered) {
                m_daemonPid = daemon;
                return {};
            }
            lastProbe = answered.error();
        } else {
            lastProbe = QStringLiteral("no pid file yet, so not all addresses bound");
        }
        m_process->waitForFinished(int(qMin<qint64>(qMax<qint64>(timeoutMs - clock.elapsed(), 0), 10)));
    }
}

bool SshdServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 SshdServer::pid() const
{
    return isRunning() ? m_process->processId() : 0;
}

qint64 SshdServer::daemonPid() const
{
    return isRunning() ? m_daemonPid : 0;
}

void SshdServer::stop(int graceMs)
{
    if (!m_process)
        return;
    if (isRunning()) {
        const QList<ProcessRecord> descendants = descendantsOf(m_process->processId());
        // All at once: a launcher (unshare) blocks SIGTERM and ends only when
        // sshd, its child, does; sshd as pid 1 takes its pid namespace with it.
        for (const ProcessRecord &descendant : descendants) {
            if (isSameProcessAlive(descendant))
                ::kill(pid_t(descendant.pid), SIGTERM);
        }
        m_process->terminate();
        if (!m_process->waitForFinished(graceMs)) {
            m_process->kill();
            m_process->waitForFinished(1000);
        }
        terminateProcesses(descendants, graceMs);
    }
    m_process.reset();
    m_daemonPid = 0;
}

} // namespace mlab
