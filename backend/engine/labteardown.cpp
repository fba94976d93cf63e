#include "engine/labteardown.h"

#include "core/processes.h"
#include "engine/labstate.h"
#include "engine/runtimedir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <sys/stat.h>

namespace mlab {

namespace {

constexpr int GraceMs = 300;
// A process may fork while it is being killed; a few rounds catch its children.
constexpr int KillRounds = 5;

Result<QByteArray> runIp(const QStringList &arguments)
{
    QProcess ip;
    ip.start(QStringLiteral("ip"), arguments);
    const QString command = QStringLiteral("ip ") + arguments.join(QLatin1Char(' '));
    if (!ip.waitForStarted(5000))
        return fail(QStringLiteral("cannot run \"%1\": %2").arg(command, ip.errorString()));
    if (!ip.waitForFinished(5000)) {
        ip.kill();
        ip.waitForFinished(1000);
        return fail(QStringLiteral("\"%1\" did not finish within 5 s").arg(command));
    }
    const QByteArray output = ip.readAllStandardOutput() + ip.readAllStandardError();
    if (ip.exitStatus() != QProcess::NormalExit || ip.exitCode() != 0)
        return fail(QStringLiteral("\"%1\" failed (exit %2): %3")
                        .arg(command)
                        .arg(ip.exitCode())
                        .arg(QString::fromUtf8(output).trimmed()));
    return output;
}

QList<qint64> allPids()
{
    QList<qint64> pids;
    const qint64 self = QCoreApplication::applicationPid();
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (isPid && pid != self)
            pids << pid;
    }
    return pids;
}

QString commandName(qint64 pid)
{
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    return comm.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(comm.readAll()).trimmed() : QStringLiteral("?");
}

// Processes whose command line names a path inside the lab's runtime directory: a switch or sshd the state
// file never heard of (a lab built by hand from `mptcplab-cli script`, or a crash between start and save).
QList<ProcessRecord> processesUsing(const QString &labDir)
{
    const QByteArray needle = QFile::encodeName(labDir) + '/';
    QList<ProcessRecord> found;
    for (qint64 pid : allPids()) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        // The engine serving a lab file is not named by it; everything it started is.
        if (cmdline.readAll().contains(needle))
            found << ProcessRecord { pid, processStartTime(pid), commandName(pid) };
    }
    return found;
}

QList<ProcessRecord> processesIn(const QStringList &namespaces)
{
    QList<ProcessRecord> found;
    for (const QString &ns : namespaces) {
        for (qint64 pid : pidsInNamespace(ns))
            found << ProcessRecord { pid, processStartTime(pid), commandName(pid) + QStringLiteral(" in ") + ns };
    }
    return found;
}

} // namespace

QList<qint64> pidsInNamespace(const QString &netnsName)
{
    struct stat target
    {
    };
    if (::stat(QFile::encodeName(RuntimeDir::netnsPath(netnsName)).constData(), &target) != 0)
        return {};
    QList<qint64> pids;
    for (qint64 pid : allPids()) {
        struct stat ns
        {
        };
        const QByteArray path = "/proc/" + QByteArray::number(pid) + "/ns/net";
        if (::stat(path.constData(), &ns) == 0 && ns.st_ino == target.st_ino && ns.st_dev == target.st_dev)
            pids << pid;
    }
    return pids;
}

TeardownReport removeLabLeftovers(const RuntimeDir &dir, const QStringList &extraNamespaces)
{
    TeardownReport report;
    if (Result<RuntimeDir> checked = RuntimeDir::forLab(dir.labName()); !checked)
        return { { QStringLiteral("refusing to remove lab leftovers: %1").arg(checked.error()) }, {} };
    QStringList candidates = extraNamespaces;
    if (QFileInfo::exists(dir.stateFile())) {
        Result<LabState> state = LabState::load(dir.stateFile(), dir.labName());
        if (!state)
            report.problems << state.error();
        else
            candidates += state->namespaces;
        // The lab's own processes (switch, plugs, sshd) go first; any still alive is a leftover.
        QList<ProcessRecord> alive;
        for (const ProcessRecord &record : state ? state->processes : QList<ProcessRecord>()) {
            if (isSameProcessAlive(record)) {
                report.killed << QStringLiteral("%1 %2").arg(record.pid).arg(record.what);
                alive << record;
            }
        }
        terminateProcesses(alive, GraceMs);
    }
    candidates.removeDuplicates();
    QStringList namespaces;
    for (const QString &ns : std::as_const(candidates)) {
        if (dir.ownsNamespace(ns))
            namespaces << ns;
        else
            report.problems << QStringLiteral("network namespace \"%1\" does not belong to lab %2: left alone")
                                   .arg(ns, dir.labName());
    }
    // Until the namespaces are empty: a killed shell's children may appear after it was found.
    QList<ProcessRecord> victims = processesUsing(dir.labDir()) + processesIn(namespaces);
    for (int round = 0; round < KillRounds && !victims.isEmpty(); ++round) {
        for (const ProcessRecord &victim : std::as_const(victims)) {
            if (isSameProcessAlive(victim))
                report.killed << QStringLiteral("%1 %2").arg(victim.pid).arg(victim.what);
        }
        terminateProcesses(victims, round == 0 ? GraceMs : 0);
        victims = processesUsing(dir.labDir()) + processesIn(namespaces);
    }
    for (const ProcessRecord &record : std::as_const(victims)) {
        if (isSameProcessAlive(record))
            report.problems << QStringLiteral("process %1 (%2) is still running").arg(record.pid).arg(record.what);
    }
    for (const QString &ns : std::as_const(namespaces)) {
        if (!QFileInfo::exists(RuntimeDir::netnsPath(ns)))
            continue;
        if (Result<QByteArray> deleted = runIp({ QStringLiteral("netns"), QStringLiteral("delete"), ns }); !deleted)
            report.problems << QStringLiteral("network namespace %1 could not be deleted: %2").arg(ns, deleted.error());
        else if (QFileInfo::exists(RuntimeDir::netnsPath(ns)))
            report.problems << QStringLiteral("network namespace %1 is still there after ip netns delete").arg(ns);
    }
    if (Status removed = dir.remove(); !removed)
        report.problems << removed.error();
    return report;
}

Result<QStringList> namespacesOfLab(const QString &labName)
{
    Result<RuntimeDir> dir = RuntimeDir::forLab(labName);
    if (!dir)
        return fail(dir.error());
    Result<QByteArray> listed = runIp({ QStringLiteral("netns"), QStringLiteral("list") });
    if (!listed)
        return fail(listed.error());
    // Labs "a" and "a-b" both match mlab-a-*: a running lab keeps what its own prefix names.
    QStringList otherPrefixes;
    for (const QString &other : RuntimeDir::existingLabs()) {
        if (other != labName && other.startsWith(labName + QLatin1Char('-')))
            otherPrefixes << RuntimeDir(other).netnsName(QString());
    }
    QStringList found;
    for (const QByteArray &line : listed->split('\n')) {
        const QString name = QString::fromUtf8(line.trimmed()).section(QLatin1Char(' '), 0, 0);
        const bool others = std::any_of(otherPrefixes.cbegin(), otherPrefixes.cend(),
            [&name](const QString &prefix) { return name.startsWith(prefix); });
        if (dir->ownsNamespace(name) && !others)
            found << name;
    }
    return found;
}

} // namespace mlab
