#include "engine/labstate.h"

#include "engine/runtimedir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>

namespace mlab {

static QJsonObject toJson(const ProcessRecord &record)
{
    return { { QStringLiteral("pid"), record.pid }, { QStringLiteral("startTime"), QString::number(record.startTime) },
        { QStringLiteral("what"), record.what } };
}

static ProcessRecord processFromJson(const QJsonObject &object)
{
    return { object.value(QStringLiteral("pid")).toInteger(),
        object.value(QStringLiteral("startTime")).toString().toULongLong(),
        object.value(QStringLiteral("what")).toString() };
}

Status LabState::save(const QString &path) const
{
    QJsonArray processList;
    for (const ProcessRecord &record : processes)
        processList.append(toJson(record));
    QJsonObject broken;
    for (auto it = brokenPorts.cbegin(); it != brokenPorts.cend(); ++it)
        broken.insert(QString::number(it.key()), it.value());
    const QJsonObject root { { QStringLiteral("lab"), lab }, { QStringLiteral("labFile"), labFile },
        { QStringLiteral("engine"), toJson(engine) }, { QStringLiteral("phase"), phase },
        { QStringLiteral("namespaces"), QJsonArray::fromStringList(namespaces) },
        { QStringLiteral("processes"), processList }, { QStringLiteral("brokenPorts"), broken } };
    // Atomic replace: a crash mid-write must not lose what we need to clean up.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write lab state %1: %2").arg(path, file.errorString()));
    file.write(QJsonDocument(root).toJson());
    if (!file.commit())
        return fail(QStringLiteral("cannot write lab state %1: %2").arg(path, file.errorString()));
    return {};
}

Result<LabState> LabState::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read lab state %1: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject())
        return fail(QStringLiteral("lab state %1 is damaged: %2").arg(path, error.errorString()));
    const QJsonObject root = document.object();
    LabState state;
    state.lab = root.value(QStringLiteral("lab")).toString();
    state.labFile = root.value(QStringLiteral("labFile")).toString();
    state.engine = processFromJson(root.value(QStringLiteral("engine")).toObject());
    state.phase = root.value(QStringLiteral("phase")).toString();
    for (const QJsonValue &ns : root.value(QStringLiteral("namespaces")).toArray())
        state.namespaces << ns.toString();
    for (const QJsonValue &process : root.value(QStringLiteral("processes")).toArray())
        state.processes << processFromJson(process.toObject());
    const QJsonObject broken = root.value(QStringLiteral("brokenPorts")).toObject();
    for (auto it = broken.constBegin(); it != broken.constEnd(); ++it)
        state.brokenPorts.insert(it.key().toInt(), it.value().toInt());
    return state;
}

static QByteArray runIp(const QStringList &arguments)
{
    QProcess ip;
    ip.start(QStringLiteral("ip"), arguments);
    ip.waitForFinished(5000);
    return ip.readAllStandardOutput() + ip.readAllStandardError();
}

QList<qint64> pidsInNamespace(const QString &netnsName)
{
    QList<qint64> pids;
    for (const QByteArray &line : runIp({ QStringLiteral("netns"), QStringLiteral("pids"), netnsName }).split('\n')) {
        bool ok = false;
        const qint64 pid = line.trimmed().toLongLong(&ok);
        if (ok)
            pids << pid;
    }
    return pids;
}

// Processes whose command line names a path inside the lab's runtime
// directory: a switch or sshd the state file never heard of (a lab built by
// hand from `mptcplab-cli script`, or a crash between start and save).
static QList<ProcessRecord> processesUsing(const QString &labDir)
{
    const QByteArray needle = QFile::encodeName(labDir) + '/';
    QList<ProcessRecord> found;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid || pid == QCoreApplication::applicationPid())
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        const QByteArray arguments = cmdline.readAll();
        // The engine serving a lab file is not named by it; everything it started is.
        if (arguments.contains(needle))
            found << ProcessRecord { pid, processStartTime(pid),
                QString::fromLocal8Bit(arguments.left(arguments.indexOf('\0'))) };
    }
    return found;
}

QStringList removeLabLeftovers(const RuntimeDir &dir, const QStringList &extraNamespaces)
{
    QStringList problems;
    LabState state;
    if (Result<LabState> loaded = LabState::load(dir.stateFile()); loaded)
        state = loaded.value();
    // Everything still running inside the lab's namespaces (sshd children,
    // iperf, plugs) goes too, recorded or not.
    QStringList namespaces = state.namespaces + extraNamespaces;
    namespaces.removeDuplicates();
    QList<ProcessRecord> victims = state.processes + processesUsing(dir.labDir());
    for (const QString &ns : std::as_const(namespaces)) {
        for (qint64 pid : pidsInNamespace(ns))
            victims << ProcessRecord { pid, processStartTime(pid), ns };
    }
    terminateProcesses(victims, 300);
    for (const ProcessRecord &record : std::as_const(victims)) {
        if (isSameProcessAlive(record))
            problems << QStringLiteral("process %1 (%2) is still running").arg(record.pid).arg(record.what);
    }
    for (const QString &ns : std::as_const(namespaces)) {
        if (!QFileInfo::exists(RuntimeDir::netnsPath(ns)))
            continue;
        const QByteArray output = runIp({ QStringLiteral("netns"), QStringLiteral("delete"), ns });
        if (QFileInfo::exists(RuntimeDir::netnsPath(ns)))
            problems << QStringLiteral("network namespace %1 could not be deleted: %2")
                            .arg(ns, QString::fromUtf8(output).trimmed());
    }
    dir.remove();
    if (dir.exists())
        problems << QStringLiteral("runtime directory %1 could not be removed").arg(dir.labDir());
    return problems;
}

} // namespace mlab

namespace mlab {
QStringList namespacesOfLab(const QString &labName)
{
    const QString prefix = QStringLiteral("mlab-%1-").arg(labName);
    QStringList found;
    for (const QByteArray &line : runIp({ QStringLiteral("netns"), QStringLiteral("list") }).split('\n')) {
        const QString name = QString::fromUtf8(line.trimmed()).section(QLatin1Char(' '), 0, 0);
        if (name.startsWith(prefix))
            found << name;
    }
    return found;
}
} // namespace mlab
