#include "core/pipereader.h"

#include <QDeadlineTimer>

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace mlab {

PipeRead readUntilClosed(int fd, qint64 maxBytes, int timeoutMs)
{
    PipeRead read;
    const QDeadlineTimer deadline(timeoutMs);
    while (read.data.size() < maxBytes) {
        pollfd readable { fd, POLLIN, 0 };
        const int ready = ::poll(&readable, 1, int(deadline.remainingTime()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0) {
            read.timedOut = true;
            break;
        }
        char chunk[16384];
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        read.data.append(chunk, got);
    }
    return read;
}

} // namespace mlab
