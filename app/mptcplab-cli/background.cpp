#include "background.h"

#include "core/pipereader.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mlab::cli {

namespace {

QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// The foreground half: wait for the engine's verdict, print it, exit. Never returns.
[[noreturn]] void waitForEngine(int fd, pid_t engine, const QString &logFile, int timeoutMs)
{
    // The engine's verdict is one short line; a megabyte is far more than it ever says.
    const PipeRead verdict = readUntilClosed(fd, 1024 * 1024, timeoutMs);
    const QByteArray &said = verdict.data;
    const bool timedOut = verdict.timedOut;
    QString message;
    int status = 1;
    if (said.startsWith('+')) {
        std::fprintf(stdout, "%s\n", said.constData() + 1);
        status = 0;
    } else if (said.startsWith('-')) {
        message = QString::fromUtf8(said.mid(1));
    } else if (timedOut) {
        // A root engine stuck before its socket listens helps nobody: it goes (no handlers are installed yet).
        ::kill(engine, SIGTERM);
        message = QStringLiteral("the lab engine did not get ready within %1 s and was stopped; its log is %2")
                      .arg(timeoutMs / 1000.0)
                      .arg(logFile);
    } else {
        message = QStringLiteral("the lab engine exited while starting; its log is %1").arg(logFile);
    }
    if (status != 0)
        std::fprintf(stderr, "mptcplab-cli serve: %s\n", qPrintable(message));
    std::fflush(stdout);
    std::fflush(stderr);
    // _exit: the engine half shares this process's Qt state; nothing here may be torn down twice.
    ::_exit(status);
}

} // namespace

BackgroundEngine::~BackgroundEngine()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Status BackgroundEngine::detach(const QString &logFile, int timeoutMs)
{
    const int log = ::open(QFile::encodeName(logFile).constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (log < 0)
        return fail(QStringLiteral("cannot open the engine log %1: %2").arg(logFile, lastError()));
    const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    int pair[2];
    if (null < 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        const QString reason = lastError();
        ::close(log);
        if (null >= 0)
            ::close(null);
        return fail(QStringLiteral("cannot put the engine in the background: %1").arg(reason));
    }
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t engine = ::fork();
    if (engine < 0) {
        const QString reason = lastError();
        for (int fd : { log, null, pair[0], pair[1] })
            ::close(fd);
        return fail(QStringLiteral("cannot put the engine in the background: %1").arg(reason));
    }
    if (engine > 0) {
        ::close(pair[1]);
        waitForEngine(pair[0], engine, logFile, timeoutMs);
    }
    ::close(pair[0]);
    m_fd = pair[1];
    // Its own session: the terminal or the pkexec/sudo that started it may go away.
    ::setsid();
    ::dup2(null, STDIN_FILENO);
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    ::close(null);
    ::close(log);
    return {};
}

void BackgroundEngine::ready(const QString &message)
{
    tell('+', message);
}

void BackgroundEngine::failed(const QString &reason)
{
    tell('-', reason);
}

void BackgroundEngine::tell(char verdict, const QString &message)
{
    if (m_fd < 0)
        return;
    const QByteArray line = verdict + message.toUtf8();
    // MSG_NOSIGNAL: a foreground half that gave up must not take the engine with it (SIGPIPE).
    [[maybe_unused]] const ssize_t sent = ::send(m_fd, line.constData(), size_t(line.size()), MSG_NOSIGNAL);
    ::close(m_fd);
    m_fd = -1;
}

} // namespace mlab::cli
