#pragma once

#include "core/command.h"
#include "core/result.h"

#include <QList>
#include <QObject>
#include <QProcess>

#include <memory>
#include <optional>
#include <vector>

namespace mlab {

class Transcript;

// What we need to find a process again after the engine died: the pid and
// the kernel's start time for it, so a recycled pid is never killed.
struct ProcessRecord
{
    qint64 pid = 0;
    quint64 startTime = 0; // /proc/PID/stat field 22
    QString what;
};

// /proc/PID/stat taken apart. The one place that parses it: the command name (field 2) may hold spaces and
// parentheses, so fields are counted after its last ')'.
struct ProcStat
{
    QString name; // field 2, without its parentheses
    char state = '?'; // field 3: R, S, D, Z ...
    qint64 parentPid = 0; // field 4
    qint64 cpuTicks = 0; // utime + stime + cutime + cstime (fields 14-17)
    quint64 startTime = 0; // field 22
};
std::optional<ProcStat> readProcStat(qint64 pid); // nullopt when the process is gone

quint64 processStartTime(qint64 pid); // 0 when the process is gone or a zombie
bool isSameProcessAlive(const ProcessRecord &record);
// SIGTERM, then SIGKILL after graceMs, for processes that are not our children.
void terminateProcesses(const QList<ProcessRecord> &records, int graceMs);

// Runs one-shot host commands (ip, tc, ...) and records each in the transcript.
// Blocking with a timeout: used on the engine's lab thread, never a GUI thread.
class HostRunner
{
public:
    explicit HostRunner(Transcript *transcript)
        : m_transcript(transcript)
    { }
    Result<QByteArray> run(const Command &command, int timeoutMs = 5000) const;

private:
    Transcript *m_transcript;
};

// The lab's long-running children (switch plugs, sshd ...). Reports one that
// dies unasked, and stops them all in parallel.
class ProcessGroup : public QObject
{
    Q_OBJECT
public:
    explicit ProcessGroup(Transcript *transcript, QObject *parent = nullptr);
    ~ProcessGroup() override;

    // Starts a background command; fails if it exits or errors within settleMs.
    Result<qint64> start(const Command &command, const QString &label, int settleMs = 0);
    QList<ProcessRecord> records() const;
    void stopAll(int graceMs = 300);

Q_SIGNALS:
    void died(const QString &label, const QString &reason);

private:
    struct Child
    {
        std::unique_ptr<QProcess> process;
        QString label;
        ProcessRecord record;
    };
    QString describeExit(const Child &child) const;

    Transcript *m_transcript;
    std::vector<Child> m_children;
    bool m_stopping = false;
};

} // namespace mlab
