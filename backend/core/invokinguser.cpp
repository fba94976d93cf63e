#include "core/invokinguser.h"

#include <QByteArray>

#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace mlab {

namespace {

std::optional<uint> uidFromEnvironment(const char *name)
{
    bool ok = false;
    const uint uid = qEnvironmentVariable(name).toUInt(&ok);
    return ok ? std::optional<uint>(uid) : std::nullopt;
}

// pkexec clears the environment and sets PKEXEC_UID; sudo sets SUDO_UID. Either one may be left over from
// an outer hop only if root put it there, so the first one found is the user who asked.
std::optional<uint> invokingUid()
{
    if (::geteuid() != 0)
        return std::nullopt;
    if (std::optional<uint> uid = uidFromEnvironment("PKEXEC_UID"))
        return uid;
    return uidFromEnvironment("SUDO_UID");
}

std::optional<struct passwd> accountOf(uint uid, std::vector<char> &buffer)
{
    struct passwd entry
    {
    };
    struct passwd *found = nullptr;
    buffer.resize(16384);
    if (::getpwuid_r(uid_t(uid), &entry, buffer.data(), buffer.size(), &found) != 0 || !found)
        return std::nullopt;
    return entry;
}

} // namespace

std::optional<UserIds> invokingUser()
{
    const std::optional<uint> uid = invokingUid();
    if (!uid || *uid == 0)
        return std::nullopt;
    // The account's primary group, as login would give it; SUDO_GID is only a fallback for a uid without one.
    std::vector<char> buffer;
    if (const std::optional<struct passwd> account = accountOf(*uid, buffer))
        return UserIds { *uid, uint(account->pw_gid) };
    bool ok = false;
    const uint gid = qEnvironmentVariable("SUDO_GID").toUInt(&ok);
    return UserIds { *uid, ok ? gid : *uid };
}

uint labOwnerUid()
{
    return invokingUid().value_or(uint(::getuid()));
}

QString describeUser(uint uid)
{
    std::vector<char> buffer;
    if (const std::optional<struct passwd> account = accountOf(uid, buffer))
        return QStringLiteral("%1 (uid %2)").arg(QString::fromLocal8Bit(account->pw_name)).arg(uid);
    return QStringLiteral("uid %1").arg(uid);
}

} // namespace mlab
