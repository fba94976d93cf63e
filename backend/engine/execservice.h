#pragma once

#include "core/result.h"
#include "ssh/sshconnection.h"

#include <QMap>
#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>

namespace mlab {

class SshSession;
class Transcript;

// What a finished user command gave.
struct ExecOutcome
{
    enum class End { Exited, TimedOut, Cancelled, Failed };
    End end = End::Exited;
    int exitStatus = -1;
    QByteArray output; // stdout, when not streamed (bounded; see MaxCapturedBytes)
    QByteArray errors; // stderr, likewise
    QString error; // why it did not run to its end, for a person
};

// Commands on lab nodes for the engine's event-loop thread: one SSH session per node (libssh in a worker
// thread, see SshSession), one channel per command, output as it comes, cancellation, timeouts. Nothing
// here blocks, so a long `exec` never holds up the lab's operations or the API. Every command is recorded
// in the transcript when it ends.
class ExecService : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxCapturedBytes = 16 * 1024 * 1024;
    using LineHandler = std::function<void(const QByteArray &line, bool isStdErr)>;
    using EndHandler = std::function<void(const ExecOutcome &outcome)>;

    ExecService(Transcript *transcript, QObject *parent = nullptr);
    ~ExecService() override; // drops every command without calling back; call cancelAll() first

    // Ends every command with Failed and reason (the lab is going down, the engine is stopping).
    void cancelAll(const QString &reason);

    // Where each node is reachable; empty while the lab is not ready (ends every running command).
    void setTargets(const QMap<QString, SshTarget> &targets);
    bool hasNode(const QString &node) const { return m_targets.contains(node); }

    // Runs command on node. onLine, when set, gets the output line by line instead of it being captured.
    // onEnd is called exactly once, never from inside start(). timeoutMs <= 0: no timeout. Returns a handle.
    quint64 start(const QString &node, const QString &command, int timeoutMs, LineHandler onLine, EndHandler onEnd,
        const QString &why = {});
    // Stops the command and the processes it started on the node; its onEnd gets Cancelled. False if unknown.
    bool cancel(quint64 handle);
    int running() const { return int(m_jobs.size()); }

private:
    struct Node;
    struct Job
    {
        QString node;
        QString command;
        QString why;
        LineHandler onLine;
        EndHandler onEnd;
        std::unique_ptr<QTimer> timer;
        quint64 streamId = 0; // 0 until the session is open and the command started
        ExecOutcome outcome;
        bool ending = false; // cancelled or timed out: the end is already decided
    };

    Node &node(const QString &name);
    void launch(quint64 handle);
    void onStreamLine(const QString &node, quint64 streamId, const QByteArray &line, bool isStdErr);
    void onStreamEnded(const QString &node, quint64 streamId, int exitStatus, const QString &error);
    void onSessionFailed(const QString &node, const QString &reason);
    void stopJob(quint64 handle, ExecOutcome::End end, const QString &why);
    void finish(quint64 handle);
    quint64 handleOf(const QString &node, quint64 streamId) const;

    Transcript *m_transcript;
    QMap<QString, SshTarget> m_targets;
    std::map<QString, std::unique_ptr<Node>> m_nodes;
    std::map<quint64, Job> m_jobs;
    quint64 m_nextHandle = 1;
};

} // namespace mlab
