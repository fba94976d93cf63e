#include "engine/runtimedir.h"

#include "lab/labsyntax.h"

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

Result<RuntimeDir> RuntimeDir::forLab(const QString &name)
{
    if (!isLabName(name))
        return fail(QStringLiteral("\"%1\" is not a lab name (expected %2)").arg(name, labNameRule()));
    return RuntimeDir(name);
}

QStringList RuntimeDir::existingLabs()
{
    QStringList labs = QDir(baseDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    labs.removeIf([](const QString &name) { return !isLabName(name); });
    return labs;
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

bool RuntimeDir::ownsNamespace(const QString &name) const
{
    const QString prefix = netnsName(QString());
    return isLabName(m_lab) && name.startsWith(prefix) && isNodeName(name.mid(prefix.size()));
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
    if (!isLabName(m_lab))
        return fail(QStringLiteral("refusing to create a runtime directory for \"%1\": not a lab name (expected %2)")
                        .arg(m_lab, labNameRule()));
    for (const auto &[path, mode] : { std::pair { baseDir(), 0755 }, { labDir(), 0711 }, { privateDir(), 0700 },
             { keysDir(), 0700 }, { privateDir() + QStringLiteral("/nodes"), 0700 } }) {
        if (Status made = makeDirectory(path, mode_t(mode)); !made)
            return made;
    }
    return {};
}

Status RuntimeDir::remove() const
{
    if (!isLabName(m_lab))
        return fail(QStringLiteral("refusing to remove a runtime directory for \"%1\": not a lab name (expected %2)")
                        .arg(m_lab, labNameRule()));
    const QByteArray path = QFile::encodeName(labDir());
    struct stat info
    {
    };
    if (::lstat(path.constData(), &info) != 0)
        return {}; // already gone
    // A symlink in BASE could point anywhere: remove the link, never what it points to.
    if (!S_ISDIR(info.st_mode)) {
        if (::unlink(path.constData()) != 0)
            return fail(QStringLiteral("cannot remove %1: %2").arg(labDir(), QString::fromLocal8Bit(strerror(errno))));
        return {};
    }
    if (QFileInfo(labDir()).canonicalPath() != QFileInfo(baseDir()).canonicalFilePath())
        return fail(QStringLiteral("refusing to remove %1: it is not inside %2").arg(labDir(), baseDir()));
    if (!QDir(labDir()).removeRecursively() || exists())
        return fail(QStringLiteral("runtime directory %1 could not be removed completely").arg(labDir()));
    return {};
}

} // namespace mlab
