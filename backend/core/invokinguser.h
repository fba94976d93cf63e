#pragma once

#include <QString>

#include <optional>

namespace mlab {

// A user as the file system sees them: their uid and primary group.
struct UserIds
{
    uint uid = 0;
    uint gid = 0;
};

// The user a root process acts for: PKEXEC_UID under pkexec, else SUDO_UID under sudo. Empty when this
// process is not root, or nobody is named, or the user named is root. Only root can give a root process its
// environment, so in the engine (always root) these variables are as trustworthy as the process itself.
std::optional<UserIds> invokingUser();

// The uid a lab started by this process belongs to: the invoking user's, else this process's real uid.
uint labOwnerUid();

// "alice (uid 1000)", or "uid 1234" for a uid without an account; for messages.
QString describeUser(uint uid);

} // namespace mlab
