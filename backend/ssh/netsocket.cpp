#include "ssh/netsocket.h"

#include <QElapsedTimer>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mlab {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// setns() changes the namespace of the calling thread only, so a throw-away
// thread creates the socket: the caller's thread never leaves its namespace,
// even if something goes wrong half-way.
Result<int> socketInNetns(const QString &netnsPath, int family)
{
    const int flags = SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK;
    if (netnsPath.isEmpty()) {
        const int fd = ::socket(family, flags, 0);
        if (fd < 0)
            return fail(QStringLiteral("cannot create a TCP socket: %1").arg(errnoText(errno)));
        return fd;
    }

    const int nsFd = ::open(QFile::encodeName(netnsPath).constData(), O_RDONLY | O_CLOEXEC);
    if (nsFd < 0)
        return fail(QStringLiteral("cannot open network namespace %1: %2").arg(netnsPath, errnoText(errno)));

    int fd = -1;
    int error = 0;
    bool setnsFailed = false;
    std::thread worker([&] {
        if (::setns(nsFd, CLONE_NEWNET) != 0) {
            error = errno;
            setnsFailed = true;
            return;
        }
        fd = ::socket(family, flags, 0);
        error = errno;
    });
    worker.join();
    ::close(nsFd);

    if (setnsFailed)
        return fail(QStringLiteral("cannot enter network namespace %1: %2%3")
                        .arg(netnsPath, errnoText(error),
                            error == EPERM ? QStringLiteral(" (this needs root or CAP_SYS_ADMIN)") : QString()));
    if (fd < 0)
        return fail(
            QStringLiteral("cannot create a TCP socket in network namespace %1: %2").arg(netnsPath, errnoText(error)));
    return fd;
}

QString explainConnectError(int error)
{
    switch (error) {
    case ECONNREFUSED:
        return QStringLiteral("connection refused (nothing listens on that port)");
    case ENETUNREACH:
        return QStringLiteral("network unreachable (no route to that address in this namespace)");
    case EHOSTUNREACH:
        return QStringLiteral("host unreachable (no answer to ARP, or the link is down)");
    default:
        return errnoText(error);
    }
}

} // namespace

QString describeEndpoint(const QString &netnsPath, const QString &host, quint16 port)
{
    const QString address = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(port)
                                                            : QStringLiteral("%1:%2").arg(host).arg(port);
    if (netnsPath.isEmpty())
        return address;
    return QStringLiteral("%1 in %2").arg(address, netnsPath);
}

Result<int> connectTcpInNetns(const QString &netnsPath, const QString &host, quint16 port, int timeoutMs)
{
    const QString where = describeEndpoint(netnsPath, host, port);

    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    addrinfo *found = nullptr;
    const QByteArray service = QByteArray::number(port);
    if (::getaddrinfo(host.toUtf8().constData(), service.constData(), &hints, &found) != 0 || !found)
        return fail(QStringLiteral("cannot connect to %1: \"%2\" is not a numeric IP address").arg(where, host));
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> address(found, &::freeaddrinfo);

    Result<int> created = socketInNetns(netnsPath, address->ai_family);
    if (!created)
        return fail(QStringLiteral("cannot connect to %1: %2").arg(where, created.error()));
    const int fd = created.value();

    auto failWith = [&](const QString &why) -> Result<int> {
        ::close(fd);
        return fail(QStringLiteral("cannot connect to %1: %2").arg(where, why));
    };

    if (::connect(fd, address->ai_addr, address->ai_addrlen) != 0 && errno != EINPROGRESS)
        return failWith(explainConnectError(errno));

    QElapsedTimer clock;
    clock.start();
    for (;;) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0)
            return failWith(QStringLiteral("no answer within %1 ms").arg(timeoutMs));
        pollfd pfd { fd, POLLOUT, 0 };
        const int ready = ::poll(&pfd, 1, int(left));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return failWith(errnoText(errno));
        if (ready > 0)
            break;
    }

    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        error = errno;
    if (error != 0)
        return failWith(explainConnectError(error));

    // Callers (libssh) expect the blocking socket they would have made themselves.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    // SSH exchanges small request/reply packets: with Nagle's algorithm each
    // command waits on delayed ACKs (measured: ~100 ms per command instead of a few).
    const int noDelay = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
    return fd;
}

} // namespace mlab
