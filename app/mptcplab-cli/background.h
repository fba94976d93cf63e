#pragma once

#include "core/result.h"

#include <QString>

namespace mlab::cli {

// `mptcplab-cli serve --lab FILE --background`: how EngineStarter starts the engine through pkexec or sudo,
// which both wait for the program they ran. The process forks before the engine starts any thread; the
// foreground half waits until the engine's API socket listens (or the engine failed), prints that and exits,
// so pkexec or sudo return as soon as the engine answers, with its exit status: 0 ready, 1 failed.

// The engine's half of the fork; only it returns from detachIntoBackground().
class BackgroundEngine
{
public:
    BackgroundEngine() = default;
    BackgroundEngine(const BackgroundEngine &) = delete;
    BackgroundEngine &operator=(const BackgroundEngine &) = delete;
    ~BackgroundEngine();

    // Forks. The foreground half waits up to timeoutMs for ready() or failed() and exits the process; the
    // engine half returns, in a session of its own, stdin from /dev/null, stdout and stderr appended to logFile.
    // Fails (without forking) only when the log or the pipe cannot be made.
    Status detach(const QString &logFile, int timeoutMs);

    // Once the API socket listens: the foreground half prints message and exits 0.
    void ready(const QString &message);
    // The foreground half prints reason on stderr and exits 1.
    void failed(const QString &reason);

private:
    void tell(char verdict, const QString &message);

    int m_fd = -1;
};

} // namespace mlab::cli
