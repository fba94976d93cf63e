#include "core/readfileas.h"

#include "core/pipereader.h"

#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

// Why a child process rather than setfsuid()/setfsgid() around the open: those change only the file-system
// ids of the calling thread, while the supplementary groups stay root's (and glibc's setgroups() changes them
// in every thread of the engine at once), so a file readable by group root (0640 root:root) would still open.
// A forked child can drop to the user completely without touching the engine's other threads.

namespace mlab {

namespace {

enum class Stage : int { Read = 0, Identity, Open, NotRegular };

struct Header
{
    Stage stage = Stage::Read;
    int error = 0;
};

// The account's groups as login would give them; just the primary group for a uid without an account.
std::vector<gid_t> groupsOf(const UserIds &user)
{
    std::vector<char> buffer(16384);
    struct passwd entry
    {
    };
    struct passwd *found = nullptr;
    std::vector<gid_t> groups(64);
    if (::getpwuid_r(uid_t(user.uid), &entry, buffer.data(), buffer.size(), &found) == 0 && found) {
        int count = int(groups.size());
        if (::getgrouplist(found->pw_name, gid_t(user.gid), groups.data(), &count) < 0) {
            groups.resize(size_t(count));
            ::getgrouplist(found->pw_name, gid_t(user.gid), groups.data(), &count);
        }
        groups.resize(size_t(count));
        return groups;
    }
    return { gid_t(user.gid) };
}

bool writeAll(int fd, const void *data, size_t size)
{
    const char *bytes = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t written = ::write(fd, bytes, size);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        bytes += written;
        size -= size_t(written);
    }
    return true;
}

[[noreturn]] void reportAndExit(int out, Stage stage, int error)
{
    const Header header { stage, error };
    writeAll(out, &header, sizeof header);
    ::_exit(stage == Stage::Read ? 0 : 1);
}

// In the forked child: becomes the user and opens the file as them, or reports why not and exits. System calls
// only (the parent may have other threads, whose locks were copied held).
int openAsUserInChild(int out, const char *path, const UserIds &user, const std::vector<gid_t> &groups)
{
    const bool already = ::geteuid() == user.uid && ::getegid() == user.gid;
    if (!already
        && (::setgroups(groups.size(), groups.data()) != 0 || ::setresgid(user.gid, user.gid, user.gid) != 0
            || ::setresuid(user.uid, user.uid, user.uid) != 0))
        reportAndExit(out, Stage::Identity, errno);
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    const int fd = ::open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        reportAndExit(out, Stage::Open, errno);
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0)
        reportAndExit(out, Stage::Open, errno);
    if (!S_ISREG(info.st_mode))
        reportAndExit(out, Stage::NotRegular, 0);
    return fd;
}

[[noreturn]] void readInChild(
    int out, const char *path, const UserIds &user, const std::vector<gid_t> &groups, qint64 limit)
{
    const int fd = openAsUserInChild(out, path, user, groups);
    const Header ok;
    if (!writeAll(out, &ok, sizeof ok))
        ::_exit(1);
    char chunk[16384];
    qint64 left = limit;
    while (left > 0) {
        const ssize_t got = ::read(fd, chunk, size_t(std::min<qint64>(left, qint64(sizeof chunk))));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            // The header said "read": a short stream plus this exit status tells the parent it broke off.
            ::_exit(2);
        }
        if (got == 0 || !writeAll(out, chunk, size_t(got)))
            break;
        left -= got;
    }
    ::_exit(0);
}

// Forks a child that runs childWork(ends[1]) and never returns; the parent keeps ends[0]. Both ends are closed
// on failure.
template <typename ChildWork> Result<pid_t> forkWriter(int ends[2], ChildWork childWork)
{
    const pid_t child = ::fork();
    if (child < 0) {
        const int error = errno;
        ::close(ends[0]);
        ::close(ends[1]);
        return fail(QStringLiteral("cannot fork: %1").arg(QString::fromLocal8Bit(std::strerror(error))));
    }
    if (child == 0) {
        ::close(ends[0]);
        childWork(ends[1]); // [[noreturn]]
        ::_exit(1);
    }
    ::close(ends[1]);
    return child;
}

// The child's first answer: whether it opened the file, and if not, the reason alone.
Status checkHeader(const QByteArray &received, const UserIds &user)
{
    Header header;
    if (received.size() < qsizetype(sizeof header))
        return fail(QStringLiteral("the reading process ended without an answer"));
    std::memcpy(&header, received.constData(), sizeof header);
    const QString reason = QString::fromLocal8Bit(std::strerror(header.error));
    switch (header.stage) {
    case Stage::Read:
        return {};
    case Stage::Identity:
        return fail(QStringLiteral("cannot take on %1: %2").arg(describeUser(user.uid), reason));
    case Stage::Open:
        return fail(reason);
    case Stage::NotRegular:
        return fail(QStringLiteral("not a regular file"));
    }
    return fail(QStringLiteral("the reading process gave an unknown answer"));
}

// One datagram: the header, and room for one descriptor passed along (SCM_RIGHTS).
struct DescriptorMessage
{
    Header header;
    iovec data { &header, sizeof header };
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr message {};

    DescriptorMessage()
    {
        message.msg_iov = &data;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
    }
    DescriptorMessage(const DescriptorMessage &) = delete; // it points into itself
    DescriptorMessage &operator=(const DescriptorMessage &) = delete;
};

// Sends the header, and with a successful one the descriptor, as one message.
[[noreturn]] void sendDescriptorInChild(
    int out, const char *path, const UserIds &user, const std::vector<gid_t> &groups)
{
    const int fd = openAsUserInChild(out, path, user, groups);
    DescriptorMessage sent;
    cmsghdr *rights = CMSG_FIRSTHDR(&sent.message);
    rights->cmsg_level = SOL_SOCKET;
    rights->cmsg_type = SCM_RIGHTS;
    rights->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(rights), &fd, sizeof fd);
    ::_exit(::sendmsg(out, &sent.message, MSG_NOSIGNAL) == ssize_t(sizeof sent.header) ? 0 : 1);
}

} // namespace

Result<int> openFileAs(const QString &path, const UserIds &user, int timeoutMs)
{
    const QByteArray nativePath = QFile::encodeName(path);
    const std::vector<gid_t> groups = groupsOf(user);
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair) != 0)
        return fail(
            QStringLiteral("cannot create a socket pair: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    const Result<pid_t> child
        = forkWriter(pair, [&](int out) { sendDescriptorInChild(out, nativePath.constData(), user, groups); });
    if (!child)
        return fail(child.error());

    DescriptorMessage received;
    msghdr &message = received.message;
    const Header &header = received.header;
    pollfd ready { pair[0], POLLIN, 0 };
    int polled = 0;
    while ((polled = ::poll(&ready, 1, timeoutMs)) < 0 && errno == EINTR) { }
    ssize_t got = -1;
    if (polled > 0) {
        while ((got = ::recvmsg(pair[0], &message, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) { }
    }
    ::close(pair[0]);
    if (polled <= 0)
        ::kill(*child, SIGKILL);
    int status = 0;
    while (::waitpid(*child, &status, 0) < 0 && errno == EINTR) { }

    int fd = -1;
    if (got > 0) {
        for (cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
                std::memcpy(&fd, CMSG_DATA(c), sizeof fd);
        }
    }
    if (polled <= 0)
        return fail(QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000.0));
    Status opened = checkHeader(
        got > 0 ? QByteArray(reinterpret_cast<const char *>(&header), qsizetype(got)) : QByteArray(), user);
    if (!opened) {
        if (fd >= 0)
            ::close(fd);
        return fail(opened.error());
    }
    if (fd < 0)
        return fail(QStringLiteral("the opening process sent no descriptor"));
    return fd;
}

Result<QByteArray> readFileAs(const QString &path, const UserIds &user, qint64 maxBytes, int timeoutMs)
{
    const QByteArray nativePath = QFile::encodeName(path);
    const std::vector<gid_t> groups = groupsOf(user);
    int pipe[2];
    if (::pipe2(pipe, O_CLOEXEC) != 0)
        return fail(QStringLiteral("cannot create a pipe: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    const Result<pid_t> child
        = forkWriter(pipe, [&](int out) { readInChild(out, nativePath.constData(), user, groups, maxBytes + 1); });
    if (!child)
        return fail(child.error());

    const PipeRead answer = readUntilClosed(pipe[0], qint64(sizeof(Header)) + maxBytes + 1, timeoutMs);
    const QByteArray &received = answer.data;
    const bool timedOut = answer.timedOut;
    ::close(pipe[0]);
    if (timedOut)
        ::kill(*child, SIGKILL);
    int status = 0;
    while (::waitpid(*child, &status, 0) < 0 && errno == EINTR) { }

    if (timedOut)
        return fail(QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000.0));
    if (Status opened = checkHeader(received, user); !opened)
        return fail(opened.error());
    if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
        return fail(QStringLiteral("reading it failed part way"));
    return received.mid(qsizetype(sizeof(Header)));
}

} // namespace mlab
