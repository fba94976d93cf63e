#include "engine/runtimedir.h"

#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>

namespace mlab {

RuntimeDir::RuntimeDir(const QString &labName)
    : m_lab(labName)
{ }

QString RuntimeDir::baseDir()
{
    const QString fromEnv = qEnvironmentVariable("MPTCPLAB_RUNTIME_DIR");
    return fromEnv.isEmpty() ? QStringLiteral("/run/mptcplab") : fromEnv;
}

QStringList RuntimeDir::existingLabs()
{
    return QDir(baseDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

QString RuntimeDir::labDir() const
{
    return baseDir() + QLatin1Char('/') + m_lab;
}
QString RuntimeDir::privateDir() const
{
    return labDir() + QStringLiteral("/private");
}
QString RuntimeDir::apiSocket() const
{
    return labDir() + QStringLiteral("/engine.sock");
}
QString RuntimeDir::stateFile() const
{
    return privateDir() + QStringLiteral("/state.json");
}
QString RuntimeDir::transcriptFile() const
{
    return privateDir() + QStringLiteral("/transcript.log");
}
QString RuntimeDir::engineLog() const
{
    return privateDir() + QStringLiteral("/engine.log");
}
QString RuntimeDir::switchDir() const
{
    return privateDir() + QStringLiteral("/vde");
}
QString RuntimeDir::keysDir() const
{
    return privateDir() + QStringLiteral("/keys");
}
QString RuntimeDir::clientKey() const
{
    return keysDir() + QStringLiteral("/client_ed25519");
}
QString RuntimeDir::nodeDir(const QString &node) const
{
    return privateDir() + QStringLiteral("/nodes/") + node;
}

// Namespace names are global on the machine: prefix them with the lab's name.
QString RuntimeDir::netnsName(const QString &node) const
{
    return QStringLiteral("mlab-%1-%2").arg(m_lab, node);
}
QString RuntimeDir::managementNetns() const
{
    return netnsName(QStringLiteral("mgmt"));
}
QString RuntimeDir::netnsPath(const QString &netnsName)
{
    return QStringLiteral("/run/netns/") + netnsName;
}

bool RuntimeDir::exists() const
{
    return QFileInfo::exists(labDir());
}

static Status makeDirectory(const QString &path, mode_t mode)
{
    if (::mkdir(QFile::encodeName(path).constData(), mode) != 0 && errno != EEXIST)
        return fail(QStringLiteral("cannot create %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno))));
    struct stat info
    {
    };
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0 || !S_ISDIR(info.st_mode))
        return fail(QStringLiteral("%1 exists and is not a directory").arg(path));
    if (info.st_uid != ::geteuid())
        return fail(
            QStringLiteral("%1 belongs to another user (uid %2); refusing to use it").arg(path).arg(info.st_uid));
    // mkdir honours the umask; set the mode we mean.
    ::chmod(QFile::encodeName(path).constData(), mode);
    return {};
}

Status RuntimeDir::create() const
{
    for (const auto &[path, mode] : { std::pair { baseDir(), 0755 }, { labDir(), 0711 }, { privateDir(), 0700 },
             { keysDir(), 0700 }, { privateDir() + QStringLiteral("/nodes"), 0700 } }) {
        if (Status made = makeDirectory(path, mode_t(mode)); !made)
            return made;
    }
    return {};
}

void RuntimeDir::remove() const
{
    QDir(labDir()).removeRecursively();
}

} // namespace mlab
