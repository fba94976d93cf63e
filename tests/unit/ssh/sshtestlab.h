#pragma once

// A throw-away network namespace with a real sshd on 127.0.0.1, shared by the
// SSH integration tests. Everything it creates is removed by its destructor,
// so a failing test leaves nothing behind.

#include "ssh/sshconnection.h"
#include "ssh/sshdserver.h"
#include "ssh/sshkeys.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

#include <csignal>
#include <unistd.h>

namespace mlab::test {

inline bool isRoot()
{
    return ::geteuid() == 0;
}

inline bool runIp(const QStringList &args)
{
    QProcess ip;
    ip.start(QStringLiteral("ip"), args);
    return ip.waitForFinished(5000) && ip.exitStatus() == QProcess::NormalExit && ip.exitCode() == 0;
}

class SshTestLab
{
public:
    SshTestLab()
        : netnsName(QStringLiteral("mlabtest-ssh-%1").arg(QCoreApplication::applicationPid()))
        , netnsPath(QStringLiteral("/run/netns/") + netnsName)
    { }

    ~SshTestLab()
    {
        sshd.reset(); // stops sshd and its connection processes before the namespace goes
        if (m_createdNetns)
            runIp({ QStringLiteral("netns"), QStringLiteral("del"), netnsName });
    }

    SshTestLab(const SshTestLab &) = delete;
    SshTestLab &operator=(const SshTestLab &) = delete;

    // Returns an empty string on success, else what went wrong.
    QString setUp()
    {
        removeStaleNamespaces();
        if (!dir.isValid())
            return QStringLiteral("cannot create a temporary directory");
        if (!runIp({ QStringLiteral("netns"), QStringLiteral("add"), netnsName }))
            return QStringLiteral("ip netns add %1 failed").arg(netnsName);
        m_createdNetns = true;
        if (!runIp({ QStringLiteral("-n"), netnsName, QStringLiteral("link"), QStringLiteral("set"),
                QStringLiteral("lo"), QStringLiteral("up") }))
            return QStringLiteral("cannot bring lo up in %1").arg(netnsName);

        for (auto [pair, name] : { std::pair { &hostKey, "host_ed25519" }, std::pair { &clientKey, "client_ed25519" },
                 std::pair { &strangerKey, "stranger_ed25519" } }) {
            Result<SshKeyPair> generated = generateEd25519Key(
                dir.filePath(QLatin1String(name)), QStringLiteral("mlabtest-%1").arg(QLatin1String(name)));
            if (!generated)
                return generated.error();
            *pair = generated.value();
        }
        sshd = std::make_unique<SshdServer>(sshdConfig());
        if (Status started = sshd->start(5000); !started)
            return started.error();
        return {};
    }

    SshdConfig sshdConfig(const QString &listenAddress = QStringLiteral("127.0.0.1"), quint16 port = 22) const
    {
        SshdConfig config;
        config.label = QStringLiteral("NodeT");
        config.listenAddress = listenAddress;
        config.port = port;
        config.hostKeyFile = hostKey.privateKeyPath;
        config.authorizedKeysFile = clientKey.publicKeyPath;
        config.runtimeDir = dir.filePath(QStringLiteral("sshd-%1").arg(port));
        config.netnsPath = netnsPath;
        config.argvPrefix = { QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), netnsName };
        // The tests measure this layer, not the host's ~root/.bashrc.
        config.sessionHome = dir.filePath(QStringLiteral("home"));
        return config;
    }

    SshTarget target() const
    {
        SshTarget target;
        target.label = QStringLiteral("NodeT");
        target.host = QStringLiteral("127.0.0.1");
        target.identityFile = clientKey.privateKeyPath;
        target.pinnedHostKey = hostKey.publicKey;
        target.netnsPath = netnsPath;
        target.connectTimeoutMs = 2000;
        return target;
    }

    const QString netnsName;
    const QString netnsPath;
    QTemporaryDir dir;
    SshKeyPair hostKey;
    SshKeyPair clientKey;
    SshKeyPair strangerKey; // authorised nowhere, the host key of nothing
    std::unique_ptr<SshdServer> sshd;

private:
    // A test that crashed could not clean up; its pid is gone, so its namespace can go.
    static void removeStaleNamespaces()
    {
        const QStringList names = QDir(QStringLiteral("/run/netns"))
                                      .entryList({ QStringLiteral("mlabtest-ssh-*") }, QDir::Files | QDir::System);
        for (const QString &name : names) {
            const qint64 pid = name.section(QLatin1Char('-'), 2).toLongLong();
            if (pid > 0 && ::kill(pid_t(pid), 0) != 0)
                runIp({ QStringLiteral("netns"), QStringLiteral("del"), name });
        }
    }

    bool m_createdNetns = false;
};

} // namespace mlab::test
