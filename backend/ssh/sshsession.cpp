#include "ssh/sshsession.h"

#include "ssh/sshsessionworker.h"

namespace mlab {

SshSession::SshSession(SshTarget target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_thread(new QThread)
{
    qRegisterMetaType<mlab::CommandOutput>();
    m_thread->setObjectName(QStringLiteral("ssh %1").arg(m_target.label));
    m_worker = new SshSessionWorker(m_target);
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);

    connect(m_worker, &SshSessionWorker::opened, this, &SshSession::opened);
    connect(m_worker, &SshSessionWorker::failed, this, &SshSession::failed);
    connect(m_worker, &SshSessionWorker::closed, this, &SshSession::closed);
    connect(m_worker, &SshSessionWorker::commandFinished, this, &SshSession::commandFinished);
    connect(m_worker, &SshSessionWorker::commandFailed, this, &SshSession::commandFailed);
    connect(m_worker, &SshSessionWorker::streamLine, this, &SshSession::streamLine);
    connect(m_worker, &SshSessionWorker::streamEnded, this, &SshSession::streamEnded);
    m_thread->start();
}

// m_thread's deleter quits and joins the thread; the worker is deleted on it
// as it finishes, which frees the channels and drops the connection.
SshSession::~SshSession() = default;

void SshSession::open()
{
    QMetaObject::invokeMethod(m_worker, &SshSessionWorker::open, Qt::QueuedConnection);
}

quint64 SshSession::run(const QString &command, int timeoutMs)
{
    const quint64 id = m_nextId++;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, id, command, timeoutMs] { worker->run(id, command, timeoutMs); },
        Qt::QueuedConnection);
    return id;
}

quint64 SshSession::startStream(const QString &command)
{
    const quint64 id = m_nextId++;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, id, command] { worker->startStream(id, command); }, Qt::QueuedConnection);
    return id;
}

void SshSession::stopStream(quint64 id)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, id] { worker->stopStream(id); }, Qt::QueuedConnection);
}

void SshSession::close()
{
    QMetaObject::invokeMethod(m_worker, &SshSessionWorker::close, Qt::QueuedConnection);
}

} // namespace mlab
