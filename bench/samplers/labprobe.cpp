#include "labprobe.h"

#include "core/processes.h"

#include <QFile>
#include <QProcess>

#include <cerrno>
#include <cstring>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

namespace mlab::bench {

Result<CpuTicks> namespaceCpu(const QString &netnsName)
{
    QProcess ip;
    ip.start(QStringLiteral("ip"), { QStringLiteral("netns"), QStringLiteral("pids"), netnsName });
    if (!ip.waitForFinished(5000) || ip.exitCode() != 0)
        return fail(QStringLiteral("`ip netns pids %1` failed: %2")
                        .arg(netnsName, QString::fromUtf8(ip.readAllStandardError()).trimmed()));
    CpuTicks ticks;
    for (const QByteArray &pid : ip.readAllStandardOutput().split('\n')) {
        if (pid.trimmed().isEmpty())
            continue;
        const std::optional<ProcStat> stat = readProcStat(pid.trimmed().toLongLong());
        if (!stat)
            continue; // gone meanwhile
        ticks.insert(pid.trimmed().toLongLong(), ProcessCpu { stat->parentPid, stat->cpuTicks, stat->name });
    }
    return ticks;
}

QMap<QString, double> cpuSecondsByName(const CpuTicks &before, const CpuTicks &after)
{
    QMap<QString, double> seconds;
    for (auto it = after.begin(); it != after.end(); ++it)
        seconds[it->name] += double(it->ticks - before.value(it.key()).ticks) / double(::sysconf(_SC_CLK_TCK));
    return seconds;
}

double cpuSecondsBetween(const CpuTicks &before, const CpuTicks &after)
{
    qint64 ticks = 0;
    for (auto it = after.begin(); it != after.end(); ++it)
        ticks += it->ticks - before.value(it.key()).ticks;
    return double(ticks) / double(::sysconf(_SC_CLK_TCK));
}

CpuTicks descendantsOf(const CpuTicks &all, const QSet<qint64> &roots)
{
    CpuTicks found;
    for (auto it = all.begin(); it != all.end(); ++it) {
        // Namespace nodes share the host's pid space: the chain ends at a pid outside the namespace.
        for (qint64 pid = it.key(); all.contains(pid); pid = all.value(pid).parent) {
            if (roots.contains(pid)) {
                found.insert(it.key(), it.value());
                break;
            }
        }
    }
    return found;
}

double ownCpuSeconds()
{
    rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

qint64 boottimeOffsetMs()
{
    timespec mono {};
    timespec boot {};
    ::clock_gettime(CLOCK_MONOTONIC, &mono);
    ::clock_gettime(CLOCK_BOOTTIME, &boot);
    return (qint64(boot.tv_sec) - qint64(mono.tv_sec)) * 1000 + (boot.tv_nsec - mono.tv_nsec) / 1000000;
}

NetnsUdpSender::~NetnsUdpSender()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Status NetnsUdpSender::open(const QString &netnsPath, const QString &host, quint16 port)
{
    const int nsFd = ::open(QFile::encodeName(netnsPath).constData(), O_RDONLY | O_CLOEXEC);
    if (nsFd < 0)
        return fail(QStringLiteral("cannot open network namespace %1: %2")
                        .arg(netnsPath, QString::fromLocal8Bit(std::strerror(errno))));
    // setns() moves only the calling thread: a throw-away thread makes the socket.
    int error = 0;
    std::thread worker([&] {
        if (::setns(nsFd, CLONE_NEWNET) != 0) {
            error = errno;
            return;
        }
        m_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        error = m_fd < 0 ? errno : 0;
    });
    worker.join();
    ::close(nsFd);
    if (m_fd < 0)
        return fail(QStringLiteral("cannot create a UDP socket in %1: %2")
                        .arg(netnsPath, QString::fromLocal8Bit(std::strerror(error))));
    m_peer.sin_family = AF_INET;
    m_peer.sin_port = htons(port);
    if (::inet_pton(AF_INET, host.toLatin1().constData(), &m_peer.sin_addr) != 1)
        return fail(QStringLiteral("%1 is not an IPv4 address").arg(host));
    return {};
}

// Unconnected on purpose: the peer answers "port unreachable", which a
// connected socket would turn into an error on the next send.
Status NetnsUdpSender::send()
{
    if (::sendto(m_fd, "mlab", 4, 0, reinterpret_cast<const sockaddr *>(&m_peer), sizeof m_peer) < 0)
        return fail(QStringLiteral("cannot send a datagram: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    return {};
}

} // namespace mlab::bench
