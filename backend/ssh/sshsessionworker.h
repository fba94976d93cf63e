#pragma once

// Internal to backend/ssh: the thread side of SshSession.

#include "ssh/sshconnection.h"

#include <QObject>

#include <map>
#include <memory>
#include <vector>

class QSocketNotifier;
class QTimer;

namespace mlab {

class SshChannel;

// Owns the blocking SshConnection on the session's own thread and multiplexes
// its channels: a socket notifier wakes it as soon as bytes arrive, so stream
// lines go out within a millisecond and nothing sleeps or spins.
class SshSessionWorker : public QObject
{
    Q_OBJECT
public:
    explicit SshSessionWorker(SshTarget target);
    ~SshSessionWorker() override;

    void open();
    void run(quint64 id, const QString &command, int timeoutMs);
    void startStream(quint64 id, const QString &command);
    void stopStream(quint64 id);
    void close();

Q_SIGNALS:
    void opened();
    void failed(const QString &reason);
    void closed();
    void commandFinished(quint64 id, const mlab::CommandOutput &output);
    void commandFailed(quint64 id, const QString &reason);
    void streamLine(quint64 id, const QByteArray &line, bool isStdErr);
    void streamEnded(quint64 id, int exitStatus, const QString &error);

private:
    struct Job
    {
        QString command;
        bool isStream = false;
        bool stopped = false; // by stopStream()
        std::unique_ptr<SshChannel> reaper; // a stopped stream ends when its reaper has ended
        int timeoutMs = 0;
        std::unique_ptr<SshChannel> channel;
        std::unique_ptr<QTimer> timer;
        QByteArray stdOut; // a command's whole output, or a stream's unfinished line
        QByteArray stdErr;
    };

    bool start(quint64 id, Job job);
    void onReadable();
    void deliver();
    void deliverLines(quint64 id, Job &job, bool flush);
    void finish(quint64 id, const QString &error);
    void terminateAll();
    void endAll(const QString &commandError, const QString &streamError);
    void lose(const QString &reason);

    SshConnection m_connection;
    std::map<quint64, Job> m_jobs;
    std::unique_ptr<QSocketNotifier> m_notifier; // declared last: gone before the socket closes
};

} // namespace mlab
