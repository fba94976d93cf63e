#include "ssh/sshsessionworker.h"

#include "ssh/sshchannel.h"

#include <QSocketNotifier>
#include <QTimer>

namespace mlab {

SshSessionWorker::SshSessionWorker(SshTarget target)
    : m_connection(std::move(target))
{ }

// Members go in reverse order: notifier, then channels, then the connection.
SshSessionWorker::~SshSessionWorker()
{
    terminateAll();
}

void SshSessionWorker::terminateAll()
{
    QList<SshChannel *> running;
    for (auto &[id, job] : m_jobs)
        running << job.channel.get();
    m_connection.terminate(running);
}

void SshSessionWorker::open()
{
    if (m_connection.isConnected()) {
        Q_EMIT opened();
        return;
    }
    if (Status connected = m_connection.connect(); !connected) {
        Q_EMIT failed(connected.error());
        return;
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_connection.socketDescriptor(), QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &SshSessionWorker::onReadable);
    Q_EMIT opened();
}

void SshSessionWorker::run(quint64 id, const QString &command, int timeoutMs)
{
    Job job;
    job.command = command;
    job.timeoutMs = timeoutMs;
    if (!start(id, std::move(job)))
        return;
    auto timer = std::make_unique<QTimer>();
    timer->setSingleShot(true);
    connect(timer.get(), &QTimer::timeout, this, [this, id, command, timeoutMs] {
        m_connection.terminate({ m_jobs.at(id).channel.get() });
        finish(id,
            QStringLiteral("%1: \"%2\" timed out after %3 ms")
                .arg(m_connection.target().label, command)
                .arg(timeoutMs));
        deliver(); // starting the reaper processed packets
    });
    timer->start(timeoutMs);
    m_jobs.at(id).timer = std::move(timer);
}

void SshSessionWorker::startStream(quint64 id, const QString &command)
{
    Job job;
    job.command = command;
    job.isStream = true;
    start(id, std::move(job));
}

bool SshSessionWorker::start(quint64 id, Job job)
{
    Result<std::unique_ptr<SshChannel>> channel = m_connection.startChannel(job.command);
    if (!channel) {
        if (job.isStream)
            Q_EMIT streamEnded(id, -1, channel.error());
        else
            Q_EMIT commandFailed(id, channel.error());
        if (m_notifier && !m_connection.isConnected())
            lose(channel.error());
        return false;
    }
    job.channel = std::move(channel).value();
    m_jobs.emplace(id, std::move(job));
    // Opening the channel processed packets: other channels may have output waiting.
    deliver();
    return m_jobs.count(id) > 0;
}

void SshSessionWorker::stopStream(quint64 id)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end() || !it->second.isStream)
        return;
    // The command's end (often "killed by SIGPIPE") may arrive while the reaper
    // starts; the caller asked for it, so it is reported as a plain stop. It is
    // reported once the reaper has ended, when every process of the command is
    // gone: a server still dying would make the next run's bind fail.
    Job &job = it->second;
    if (job.stopped)
        return;
    deliverLines(id, job, true);
    job.stopped = true;
    job.reaper = m_connection.terminateWatched(job.channel.get());
    deliver(); // starting the reaper processed packets; with no reaper the stop is done
}

void SshSessionWorker::close()
{
    terminateAll();
    m_notifier.reset();
    endAll(QStringLiteral("%1: the session was closed").arg(m_connection.target().label), {});
    m_connection.disconnect();
    Q_EMIT closed();
}

void SshSessionWorker::onReadable()
{
    const Status alive = m_connection.processPackets(0);
    deliver();
    if (!alive)
        lose(alive.error());
}

void SshSessionWorker::deliver()
{
    std::vector<quint64> done;
    for (auto &[id, job] : m_jobs) {
        if (job.stopped) {
            // Output after the stop belongs to no one.
            job.channel->takeStdOut();
            job.channel->takeStdErr();
            if (!job.reaper || job.reaper->isFinished())
                done.push_back(id);
            continue;
        }
        if (job.isStream)
            deliverLines(id, job, false);
        if (job.channel->isFinished())
            done.push_back(id);
    }
    for (quint64 id : done)
        finish(id, {});
}

void SshSessionWorker::deliverLines(quint64 id, Job &job, bool flush)
{
    for (const bool isStdErr : { false, true }) {
        QByteArray &buffer = isStdErr ? job.stdErr : job.stdOut;
        buffer += isStdErr ? job.channel->takeStdErr() : job.channel->takeStdOut();
        qsizetype from = 0;
        for (qsizetype end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n', from)) {
            QByteArray line = buffer.mid(from, end - from);
            if (line.endsWith('\r'))
                line.chop(1);
            Q_EMIT streamLine(id, line, isStdErr);
            from = end + 1;
        }
        buffer.remove(0, from);
        if (flush && !buffer.isEmpty()) {
            Q_EMIT streamLine(id, buffer, isStdErr);
            buffer.clear();
        }
    }
}

void SshSessionWorker::finish(quint64 id, const QString &error)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    Job job = std::move(it->second);
    m_jobs.erase(it);
    SshChannel &channel = *job.channel;
    const bool ranToEnd = channel.isFinished() && !job.stopped;

    if (job.isStream) {
        deliverLines(id, job, true);
        QString reason = error;
        if (reason.isEmpty() && ranToEnd && !channel.exitSignal().isEmpty())
            reason = QStringLiteral("%1: \"%2\" was killed by SIG%3")
                         .arg(m_connection.target().label, job.command, channel.exitSignal());
        Q_EMIT streamEnded(id, ranToEnd ? channel.exitStatus() : -1, reason);
        return;
    }
    if (!error.isEmpty()) {
        Q_EMIT commandFailed(id, error);
        return;
    }
    CommandOutput output;
    output.exitStatus = channel.exitStatus();
    output.exitSignal = channel.exitSignal();
    output.stdOut = job.stdOut + channel.takeStdOut();
    output.stdErr = job.stdErr + channel.takeStdErr();
    Q_EMIT commandFinished(id, output);
}

void SshSessionWorker::endAll(const QString &commandError, const QString &streamError)
{
    std::map<quint64, Job> jobs = std::exchange(m_jobs, {});
    for (auto &[id, job] : jobs) {
        if (job.isStream) {
            deliverLines(id, job, true);
            Q_EMIT streamEnded(id, -1, streamError);
        } else {
            Q_EMIT commandFailed(id, commandError);
        }
    }
}

void SshSessionWorker::lose(const QString &reason)
{
    m_notifier.reset();
    endAll(reason, reason);
    m_connection.disconnect();
    Q_EMIT failed(reason);
}

} // namespace mlab
