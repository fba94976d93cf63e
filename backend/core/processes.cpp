#include "core/processes.h"

#include "core/transcript.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

#include <csignal>

namespace mlab {

std::optional<ProcStat> readProcStat(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray text = file.readAll();
    const qsizetype open = text.indexOf('(');
    const qsizetype close = text.lastIndexOf(')');
    if (open < 0 || close < open)
        return std::nullopt;
    // fields[0] is field 3 (state), so field N is fields[N - 3].
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    if (fields.size() < 20 || fields[0].isEmpty())
        return std::nullopt;
    ProcStat stat;
    stat.name = QString::fromUtf8(text.mid(open + 1, close - open - 1));
    stat.state = fields[0].at(0);
    stat.parentPid = fields[1].toLongLong();
    stat.cpuTicks
        = fields[11].toLongLong() + fields[12].toLongLong() + fields[13].toLongLong() + fields[14].toLongLong();
    stat.startTime = fields[19].toULongLong();
    return stat;
}

quint64 processStartTime(qint64 pid)
{
    const std::optional<ProcStat> stat = readProcStat(pid);
    return stat && stat->state != 'Z' ? stat->startTime : 0;
}

bool isSameProcessAlive(const ProcessRecord &record)
{
    return record.pid > 0 && processStartTime(record.pid) == record.startTime && record.startTime != 0;
}

void terminateProcesses(const QList<ProcessRecord> &records, int graceMs)
{
    QList<ProcessRecord> alive;
    for (const ProcessRecord &record : records) {
        if (isSameProcessAlive(record)) {
            ::kill(static_cast<pid_t>(record.pid), SIGTERM);
            alive << record;
        }
    }
    const QDeadlineTimer deadline(graceMs);
    while (!alive.isEmpty() && !deadline.hasExpired()) {
        alive.removeIf([](const ProcessRecord &r) { return !isSameProcessAlive(r); });
        if (!alive.isEmpty())
            QThread::msleep(10);
    }
    for (const ProcessRecord &record : std::as_const(alive))
        ::kill(static_cast<pid_t>(record.pid), SIGKILL);
    const QDeadlineTimer killDeadline(1000);
    while (!alive.isEmpty() && !killDeadline.hasExpired()) {
        alive.removeIf([](const ProcessRecord &r) { return !isSameProcessAlive(r); });
        if (!alive.isEmpty())
            QThread::msleep(5);
    }
}

static QString trimmedOutput(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).trimmed();
}

Result<QByteArray> HostRunner::run(const Command &command, int timeoutMs) const
{
    QProcess process;
    process.setProgram(command.argv.value(0));
    process.setArguments(command.argv.mid(1));
    process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    const QString text = command.toShell();
    if (!process.waitForStarted(timeoutMs)) {
        m_transcript->record(command.where, text, -1, process.errorString(), command.why);
        return fail(QStringLiteral("could not run \"%1\": %2").arg(text, process.errorString()));
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        m_transcript->record(command.where, text, -1, QStringLiteral("timed out"), command.why);
        return fail(QStringLiteral("\"%1\" did not finish within %2 ms").arg(text).arg(timeoutMs));
    }
    const QByteArray out = process.readAllStandardOutput();
    const QString err = trimmedOutput(process.readAllStandardError());
    const int code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    m_transcript->record(command.where, text, code, err.isEmpty() ? trimmedOutput(out) : err, command.why);
    if (code != 0 && !command.mayFail)
        return fail(QStringLiteral("\"%1\" failed (exit %2): %3")
                        .arg(text)
                        .arg(code)
                        .arg(err.isEmpty() ? trimmedOutput(out) : err));
    return out;
}

ProcessGroup::ProcessGroup(Transcript *transcript, QObject *parent)
    : QObject(parent)
    , m_transcript(transcript)
{ }

ProcessGroup::~ProcessGroup()
{
    stopAll(0);
}

Result<qint64> ProcessGroup::start(const Command &command, const QString &label, int settleMs)
{
    Child child;
    child.label = label;
    child.process = std::make_unique<QProcess>();
    QProcess *process = child.process.get();
    process->setProgram(command.argv.value(0));
    process->setArguments(command.argv.mid(1));
    process->setStandardInputFile(QProcess::nullDevice());
    process->setProcessChannelMode(QProcess::MergedChannels);
    const QString text = command.toShell() + QStringLiteral(" &");
    process->start();
    if (!process->waitForStarted(3000)) {
        m_transcript->record(command.where, text, -1, process->errorString(), command.why);
        return fail(QStringLiteral("could not start %1 (\"%2\"): %3").arg(label, text, process->errorString()));
    }
    if (settleMs > 0 && process->waitForFinished(settleMs)) {
        const QString output = trimmedOutput(process->readAll());
        m_transcript->record(command.where, text, process->exitCode(), output, command.why);
        return fail(QStringLiteral("%1 exited right after starting (exit %2): %3")
                        .arg(label)
                        .arg(process->exitCode())
                        .arg(output.isEmpty() ? QStringLiteral("no output") : output));
    }
    child.record = { process->processId(), processStartTime(process->processId()), label };
    m_transcript->record(command.where, text, 0, QStringLiteral("pid %1").arg(child.record.pid), command.why);
    connect(process, &QProcess::finished, this, [this, process] {
        if (m_stopping)
            return;
        for (const Child &c : m_children) {
            if (c.process.get() == process)
                Q_EMIT died(c.label, describeExit(c));
        }
    });
    const qint64 pid = child.record.pid;
    m_children.push_back(std::move(child));
    return pid;
}

QString ProcessGroup::describeExit(const Child &child) const
{
    const QString output = trimmedOutput(child.process->readAll()).right(300);
    const QString how = child.process->exitStatus() == QProcess::CrashExit
        ? QStringLiteral("was killed")
        : QStringLiteral("exited with code %1").arg(child.process->exitCode());
    return QStringLiteral("%1 (pid %2) %3%4")
        .arg(child.label)
        .arg(child.record.pid)
        .arg(how, output.isEmpty() ? QString() : QStringLiteral(": ") + output);
}

QList<ProcessRecord> ProcessGroup::records() const
{
    QList<ProcessRecord> list;
    for (const Child &child : m_children)
        list << child.record;
    return list;
}

void ProcessGroup::stopAll(int graceMs)
{
    m_stopping = true;
    for (Child &child : m_children) {
        if (child.process->state() != QProcess::NotRunning)
            child.process->terminate();
    }
    const QDeadlineTimer deadline(graceMs);
    for (Child &child : m_children) {
        if (child.process->state() != QProcess::NotRunning)
            child.process->waitForFinished(int(std::max<qint64>(0, deadline.remainingTime())));
        if (child.process->state() != QProcess::NotRunning) {
            child.process->kill();
            child.process->waitForFinished(1000);
        }
    }
    m_children.clear();
    m_stopping = false;
}

} // namespace mlab
