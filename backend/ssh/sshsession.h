#pragma once

#include "ssh/sshconnection.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace mlab {

class SshSessionWorker;

// An SSH connection for callers on an event-loop thread (engine API, GUI,
// telemetry). libssh blocks, so it lives in a worker on a thread of its own;
// requests go in queued, results come back as signals. Commands and streams
// share the one connection, each on its own channel, and run concurrently.
// Ids are never reused within a session, so a late result cannot be mistaken
// for a newer request's.
class SshSession : public QObject
{
    Q_OBJECT
public:
    explicit SshSession(SshTarget target, QObject *parent = nullptr);
    // Closes every channel and the connection without waiting for the server; does not hang.
    ~SshSession() override;

    const SshTarget &target() const { return m_target; }

    void open(); // -> opened() or failed()
    // -> commandFinished(id, output) (any exit status) or commandFailed(id, reason).
    quint64 run(const QString &command, int timeoutMs);
    // A long-running command whose output comes line by line (streamLine) until streamEnded.
    quint64 startStream(const QString &command);
    // Terminates the stream's command; streamEnded(id, -1, "") follows.
    void stopStream(quint64 id);
    // Fails pending commands, ends streams, disconnects; -> closed().
    void close();

Q_SIGNALS:
    void opened();
    void failed(const QString &reason); // could not connect, or the connection was lost
    void closed();
    void commandFinished(quint64 id, const mlab::CommandOutput &output);
    void commandFailed(quint64 id, const QString &reason);
    // One line of output without its newline; the last unterminated piece is sent at the end.
    void streamLine(quint64 id, const QByteArray &line, bool isStdErr);
    // exitStatus is -1 when the stream was stopped, killed or lost; error is empty
    // when it ended normally or was stopped with stopStream() / close().
    void streamEnded(quint64 id, int exitStatus, const QString &error);

private:
    struct ThreadStopper
    {
        void operator()(QThread *thread) const
        {
            thread->quit();
            thread->wait();
            delete thread;
        }
    };

    SshTarget m_target;
    std::unique_ptr<QThread, ThreadStopper> m_thread;
    SshSessionWorker *m_worker = nullptr; // lives on m_thread, deleted there when it finishes
    quint64 m_nextId = 1;
};

} // namespace mlab
