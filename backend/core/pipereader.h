#pragma once

#include <QByteArray>

namespace mlab {

// What readUntilClosed() got from a pipe.
struct PipeRead
{
    QByteArray data;
    bool timedOut = false; // the writer neither closed its end nor said enough in time
};

// Reads fd until its writer closes it or maxBytes have come, for at most timeoutMs; retries interrupted
// calls. For the handshakes with a forked child (reading a file as a user, an engine going to the background).
PipeRead readUntilClosed(int fd, qint64 maxBytes, int timeoutMs);

} // namespace mlab
