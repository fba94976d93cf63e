#include "vde/vdeswitch.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace mlab {

namespace {

Q_LOGGING_CATEGORY(lcVdeSwitch, "mptcplab.vde.switch")

constexpr int kOutputLines = 20;

int remainingMs(const QDeadlineTimer &deadline)
{
    return int(qMax<qint64>(0, deadline.remainingTime()));
}

QString signalName(int signal)
{
    const char *abbrev = sigabbrev_np(signal);
    return abbrev ? QStringLiteral("SIG") + QString::fromLatin1(abbrev) : QStringLiteral("unknown signal");
}

} // namespace

VdeSwitch::VdeSwitch(QObject *parent)
    : QObject(parent)
    , m_management(this) // a child, so it follows us to the lab thread
{ }

VdeSwitch::~VdeSwitch()
{
    stop();
}

QString VdeSwitch::dataSocketPathIn(const QString &directory)
{
    return directory + QStringLiteral("/switch");
}

QString VdeSwitch::managementSocketPathIn(const QString &directory)
{
    return directory + QStringLiteral("/switch.mgmt");
}

QString VdeSwitch::plugUrl(int port) const
{
    return QStringLiteral("vde://%1[%2]").arg(dataSocketPath(), QString::number(port));
}

bool VdeSwitch::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 VdeSwitch::pid() const
{
    return isRunning() ? m_process->processId() : 0;
}

Status VdeSwitch::prepareDirectory(const QString &directory) const
{
    const QByteArray path = QFile::encodeName(directory);
    struct stat st
    {
    };
    if (::lstat(path.constData(), &st) == 0) {
        // The sockets inside are the switch's only access control: accept only a private directory of ours.
        if (S_ISLNK(st.st_mode))
            return fail(QStringLiteral("Switch directory %1 is a symbolic link; expected a directory").arg(directory));
        if (!S_ISDIR(st.st_mode))
            return fail(QStringLiteral("Switch directory %1 exists and is not a directory").arg(directory));
        if (st.st_uid != ::geteuid()) {
            return fail(QStringLiteral("Switch directory %1 belongs to uid %2, not to us (uid %3)")
                            .arg(directory, QString::number(st.st_uid), QString::number(::geteuid())));
        }
        if ((st.st_mode & 07777) != 0700) {
            return fail(
                QStringLiteral("Switch directory %1 has mode %2; expected 0700 (private to its owner)")
                    .arg(directory, QString::number(st.st_mode & 07777, 8).rightJustified(4, QLatin1Char('0'))));
        }
    } else if (errno == ENOENT) {
        const QString parent = QFileInfo(directory).absolutePath();
        if (!QDir().mkpath(parent))
            return fail(QStringLiteral("Cannot create %1 (parent of the switch directory)").arg(parent));
        if (::mkdir(path.constData(), 0700) != 0 || ::chmod(path.constData(), 0700) != 0) {
            return fail(QStringLiteral("Cannot create switch directory %1: %2")
                            .arg(directory, QString::fromLocal8Bit(std::strerror(errno))));
        }
    } else {
        return fail(QStringLiteral("Cannot inspect switch directory %1: %2")
                        .arg(directory, QString::fromLocal8Bit(std::strerror(errno))));
    }

    if (QFileInfo::exists(managementSocketPathIn(directory))) {
        VdeManagementClient probe;
        if (probe.connectTo(managementSocketPathIn(directory), 300)) {
            return fail(QStringLiteral("A vde_switch already answers on %1: stop it before starting another one there")
                            .arg(managementSocketPathIn(directory)));
        }
    }
    removeSockets(directory); // left by a switch that was killed (SIGKILL leaves every socket behind)
    return {};
}

Status VdeSwitch::start(const QString &directory, int ports, int timeoutMs)
{
    if (isRunning()) {
        return fail(QStringLiteral("vde_switch is already running (pid %1, directory %2)").arg(pid()).arg(m_directory));
    }
    if (ports < 1)
        return fail(QStringLiteral("Cannot start vde_switch with %1 ports; expected at least 1").arg(ports));
    if (directory.isEmpty() || !QDir::isAbsolutePath(directory))
        return fail(QStringLiteral("Switch directory \"%1\" must be an absolute path").arg(directory));
    const QString program = QStandardPaths::findExecutable(QStringLiteral("vde_switch"));
    if (program.isEmpty())
        return fail(QStringLiteral("vde_switch was not found in PATH: install the Debian package vde2"));

    const QString cleanDir = QDir::cleanPath(directory);
    // sun_path holds 107 bytes; vde_switch silently truncates longer socket paths instead of failing.
    // The longest path under DIR is a per-port socket such as "switch/032.1234".
    constexpr int kMaxDirectoryBytes = 107 - 16;
    if (const qsizetype bytes = QFile::encodeName(cleanDir).size(); bytes > kMaxDirectoryBytes) {
        return fail(QStringLiteral("Switch directory %1 is %2 bytes long; unix socket paths allow at most %3 here")
                        .arg(cleanDir, QString::number(bytes), QString::number(kMaxDirectoryBytes)));
    }
    if (Status prepared = prepareDirectory(cleanDir); !prepared)
        return prepared;
    m_directory = cleanDir;
    m_output.clear();

    if (m_process) {
        // Not delete: start() may run from a died() handler, inside the old process's finished signal.
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(arguments(cleanDir, ports));
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    // Its own process group: a Ctrl-C meant for the engine must not kill the switch behind the engine's back.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &VdeSwitch::captureOutput);
    connect(m_process, &QProcess::finished, this, &VdeSwitch::onFinished);

    QElapsedTimer clock;
    clock.start();
    m_expectExit = true;
    m_process->start(); // stdin stays an open pipe: see the class comment
    if (!m_process->waitForStarted(timeoutMs)) {
        const QString reason = m_process->errorString();
        stop(0);
        return fail(QStringLiteral("Cannot start %1: %2").arg(program, reason));
    }
    m_pid = m_process->processId();
    if (Status ready = waitUntilReady(qMax(0, timeoutMs - int(clock.elapsed()))); !ready) {
        stop(500);
        return ready;
    }
    m_expectExit = false;
    qCDebug(lcVdeSwitch) << "vde_switch pid" << m_pid << "ready in" << clock.elapsed() << "ms on" << m_directory;
    return {};
}

Status VdeSwitch::waitUntilReady(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QString lastError;
    while (true) {
        // Until the switch binds its socket, connecting fails at once (no such file), hence the polling.
        const Status connected = m_management.connectTo(managementSocketPath(), qMax(50, remainingMs(deadline)));
        if (connected)
            return {};
        lastError = connected.error();
        if (m_process->waitForFinished(20) || m_process->state() == QProcess::NotRunning) {
            captureOutput();
            return fail(QStringLiteral("vde_switch exited during startup: %1").arg(describeExit()));
        }
        if (deadline.hasExpired()) {
            return fail(
                QStringLiteral("vde_switch (pid %1) did not answer on %2 within %3 ms: %4")
                    .arg(QString::number(m_pid), managementSocketPath(), QString::number(timeoutMs), lastError));
        }
    }
}

Status VdeSwitch::applyLayout(const QList<int> &vlans, const QMap<int, int> &portVlan)
{
    if (!m_management.isConnected())
        return fail(QStringLiteral("Cannot configure the switch: vde_switch is not running or not connected"));
    for (int vlan : vlans) {
        if (Status created = m_management.createVlan(vlan); !created)
            return created;
    }
    // vde_switch quirk: setvlan on a port that does not exist fails (1022), and a port that a plug
    // creates later lands on VLAN 0. So every port is created first, then moved.
    for (auto it = portVlan.cbegin(); it != portVlan.cend(); ++it) {
        if (Status created = m_management.createPort(it.key()); !created)
            return created;
        if (Status moved = m_management.setPortVlan(it.key(), it.value()); !moved)
            return moved;
    }
    return {};
}

void VdeSwitch::stop(int graceMs)
{
    m_expectExit = true;
    m_management.disconnectFromSwitch();
    if (m_process && m_process->state() != QProcess::NotRunning) {
        QElapsedTimer clock;
        clock.start();
        if (m_process->state() == QProcess::Starting)
            m_process->waitForStarted(1000);
        m_process->terminate();
        if (!m_process->waitForFinished(qMax(0, graceMs))) {
            qCWarning(lcVdeSwitch) << "vde_switch pid" << m_pid << "ignored SIGTERM for" << graceMs << "ms; killing it";
            m_process->kill();
            if (!m_process->waitForFinished(2000))
                qCWarning(lcVdeSwitch) << "vde_switch pid" << m_pid << "survived SIGKILL for 2 s";
        }
        qCDebug(lcVdeSwitch) << "vde_switch pid" << m_pid << "stopped in" << clock.elapsed() << "ms";
    }
    if (!m_directory.isEmpty())
        removeSockets(m_directory);
}

void VdeSwitch::onFinished(int, QProcess::ExitStatus)
{
    captureOutput();
    if (m_expectExit)
        return;
    m_expectExit = true;
    m_management.disconnectFromSwitch();
    removeSockets(m_directory);
    Q_EMIT died(describeExit());
}

void VdeSwitch::captureOutput()
{
    if (!m_process)
        return;
    const QStringList lines = QString::fromLocal8Bit(m_process->readAllStandardOutput()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            m_output << line.trimmed();
    }
    if (m_output.size() > kOutputLines)
        m_output.erase(m_output.begin(), m_output.end() - kOutputLines);
}

QString VdeSwitch::describeExit() const
{
    QString text;
    if (!m_process)
        return QStringLiteral("vde_switch was never started");
    if (m_process->error() == QProcess::FailedToStart)
        text = QStringLiteral("vde_switch could not be started: %1").arg(m_process->errorString());
    else if (m_process->exitStatus() == QProcess::CrashExit)
        text = QStringLiteral("vde_switch (pid %1) was killed by signal %2 (%3)")
                   .arg(m_pid)
                   .arg(m_process->exitCode())
                   .arg(signalName(m_process->exitCode()));
    else
        text = QStringLiteral("vde_switch (pid %1) exited with code %2").arg(m_pid).arg(m_process->exitCode());
    const QStringList tail = m_output.mid(qMax(0, m_output.size() - 5));
    if (!tail.isEmpty())
        text += QStringLiteral("; its last output: ") + tail.join(QStringLiteral(" | "));
    return text;
}

void VdeSwitch::removeSockets(const QString &directory)
{
    if (directory.isEmpty())
        return; // never "/switch"
    QFile::remove(managementSocketPathIn(directory));
    QDir(dataSocketPathIn(directory)).removeRecursively();
}

QStringList VdeSwitch::arguments(const QString &directory, int ports)
{
    QStringList args;
    args << QStringLiteral("-f") << QStringLiteral("/dev/null"); // no /etc/vde2/vde_switch.rc or ~/.vderc
    args << QStringLiteral("-s") << dataSocketPathIn(directory) << QStringLiteral("--dirmode")
         << QStringLiteral("0700");
    args << QStringLiteral("-m") << QStringLiteral("0600"); // data sockets: our uid only, so plugs and QEMU run as us
    args << QStringLiteral("-M") << managementSocketPathIn(directory) << QStringLiteral("--mgmtmode")
         << QStringLiteral("0600");
    args << QStringLiteral("-n") << QString::number(ports);
    return args;
}

} // namespace mlab
