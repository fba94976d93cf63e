#include "engine/execservice.h"

#include "core/transcript.h"
#include "ssh/sshsession.h"

namespace mlab {

struct ExecService::Node
{
    std::unique_ptr<SshSession> session;
    bool open = false;
    QList<quint64> waiting; // commands started before the session was open
};

ExecService::ExecService(Transcript *transcript, QObject *parent)
    : QObject(parent)
    , m_transcript(transcript)
{ }

ExecService::~ExecService() = default;

void ExecService::setTargets(const QMap<QString, SshTarget> &targets)
{
    if (targets.isEmpty())
        cancelAll(QStringLiteral("the lab is going down"));
    m_targets = targets;
    m_nodes.clear();
}

void ExecService::cancelAll(const QString &reason)
{
    QList<quint64> handles;
    for (const auto &[handle, job] : m_jobs)
        handles << handle;
    for (quint64 handle : std::as_const(handles)) {
        if (auto it = m_jobs.find(handle); it != m_jobs.end()) {
            it->second.outcome.end = ExecOutcome::End::Failed;
            it->second.outcome.error = reason;
            finish(handle);
        }
    }
    m_nodes.clear(); // closes the sessions: their commands are killed on the nodes
}

ExecService::Node &ExecService::node(const QString &name)
{
    std::unique_ptr<Node> &entry = m_nodes[name];
    if (entry)
        return *entry;
    entry = std::make_unique<Node>();
    entry->session = std::make_unique<SshSession>(m_targets.value(name));
    SshSession *session = entry->session.get();
    connect(session, &SshSession::opened, this, [this, name] {
        Node &opened = node(name);
        opened.open = true;
        for (quint64 handle : std::exchange(opened.waiting, {}))
            launch(handle);
    });
    connect(session, &SshSession::failed, this, [this, name](const QString &reason) { onSessionFailed(name, reason); });
    connect(session, &SshSession::streamLine, this,
        [this, name](quint64 id, const QByteArray &line, bool isStdErr) { onStreamLine(name, id, line, isStdErr); });
    connect(session, &SshSession::streamEnded, this,
        [this, name](quint64 id, int exitStatus, const QString &error) { onStreamEnded(name, id, exitStatus, error); });
    session->open();
    return *entry;
}

quint64 ExecService::start(const QString &nodeName, const QString &command, int timeoutMs, LineHandler onLine,
    EndHandler onEnd, const QString &why)
{
    const quint64 handle = m_nextHandle++;
    Job &job = m_jobs[handle];
    job.node = nodeName;
    job.command = command;
    job.why = why;
    job.onLine = std::move(onLine);
    job.onEnd = std::move(onEnd);
    if (!m_targets.contains(nodeName)) {
        job.ending = true;
        job.outcome = { ExecOutcome::End::Failed, -1, {}, {},
            QStringLiteral("no running node \"%1\" to run \"%2\" on").arg(nodeName, command) };
        QTimer::singleShot(0, this, [this, handle] { finish(handle); });
        return handle;
    }
    if (timeoutMs > 0) {
        job.timer = std::make_unique<QTimer>();
        job.timer->setSingleShot(true);
        connect(job.timer.get(), &QTimer::timeout, this, [this, handle, timeoutMs] {
            stopJob(handle, ExecOutcome::End::TimedOut,
                QStringLiteral("timed out after %1 ms; its processes were killed").arg(timeoutMs));
        });
        job.timer->start(timeoutMs);
    }
    Node &target = node(nodeName);
    if (target.open)
        launch(handle);
    else
        target.waiting << handle;
    return handle;
}

void ExecService::launch(quint64 handle)
{
    auto it = m_jobs.find(handle);
    if (it == m_jobs.end() || it->second.ending)
        return;
    it->second.streamId = node(it->second.node).session->startStream(it->second.command);
}

quint64 ExecService::handleOf(const QString &nodeName, quint64 streamId) const
{
    for (const auto &[handle, job] : m_jobs) {
        if (job.node == nodeName && job.streamId == streamId)
            return handle;
    }
    return 0;
}

void ExecService::onStreamLine(const QString &nodeName, quint64 streamId, const QByteArray &line, bool isStdErr)
{
    auto it = m_jobs.find(handleOf(nodeName, streamId));
    if (it == m_jobs.end())
        return;
    Job &job = it->second;
    if (job.onLine) {
        job.onLine(line, isStdErr);
        return;
    }
    QByteArray &captured = isStdErr ? job.outcome.errors : job.outcome.output;
    if (job.outcome.output.size() + job.outcome.errors.size() + line.size() < MaxCapturedBytes)
        captured += line + '\n';
}

void ExecService::onStreamEnded(const QString &nodeName, quint64 streamId, int exitStatus, const QString &error)
{
    const quint64 handle = handleOf(nodeName, streamId);
    auto it = m_jobs.find(handle);
    if (it == m_jobs.end())
        return;
    Job &job = it->second;
    if (!job.ending) {
        job.outcome.exitStatus = exitStatus;
        job.outcome.end = error.isEmpty() ? ExecOutcome::End::Exited : ExecOutcome::End::Failed;
        job.outcome.error = error;
    }
    finish(handle);
}

void ExecService::onSessionFailed(const QString &nodeName, const QString &reason)
{
    QList<quint64> handles;
    for (const auto &[handle, job] : m_jobs) {
        if (job.node == nodeName)
            handles << handle;
    }
    for (quint64 handle : std::as_const(handles)) {
        Job &job = m_jobs.at(handle);
        if (!job.ending)
            job.outcome = { ExecOutcome::End::Failed, -1, job.outcome.output, job.outcome.errors, reason };
        finish(handle);
    }
    // The next command opens a new session; this one goes once its signal has returned.
    if (auto it = m_nodes.find(nodeName); it != m_nodes.end()) {
        it->second->session.release()->deleteLater();
        m_nodes.erase(it);
    }
}

bool ExecService::cancel(quint64 handle)
{
    if (!m_jobs.contains(handle))
        return false;
    stopJob(handle, ExecOutcome::End::Cancelled, QStringLiteral("cancelled; its processes were killed"));
    return true;
}

void ExecService::stopJob(quint64 handle, ExecOutcome::End end, const QString &why)
{
    auto it = m_jobs.find(handle);
    if (it == m_jobs.end() || it->second.ending)
        return;
    Job &job = it->second;
    job.ending = true;
    job.outcome.end = end;
    job.outcome.error = why;
    if (job.streamId != 0) {
        node(job.node).session->stopStream(job.streamId); // streamEnded follows and finishes it
        return;
    }
    node(job.node).waiting.removeAll(handle);
    QTimer::singleShot(0, this, [this, handle] { finish(handle); });
}

void ExecService::finish(quint64 handle)
{
    auto it = m_jobs.find(handle);
    if (it == m_jobs.end())
        return;
    Job job = std::move(it->second);
    m_jobs.erase(it);
    const ExecOutcome &outcome = job.outcome;
    const QByteArray text = outcome.output + outcome.errors;
    const QString shown = outcome.end == ExecOutcome::End::Exited ? QString::fromUtf8(text).trimmed().right(2000)
                                                                  : outcome.error
            + (text.isEmpty() ? QString() : QStringLiteral(": ") + QString::fromUtf8(text).trimmed().right(2000));
    m_transcript->record(job.node, job.command, outcome.end == ExecOutcome::End::Exited ? outcome.exitStatus : -1,
        shown, job.why.isEmpty() ? QStringLiteral("typed by a user (exec)") : job.why);
    if (job.onEnd)
        job.onEnd(outcome);
}

} // namespace mlab
