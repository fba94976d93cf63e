#pragma once

#include "core/invokinguser.h"
#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace mlab {

// Reads a file with another user's file permissions, for a root process acting for that user (the engine
// reading the lab file named by whoever started it): a child process becomes the user (uid, primary group and
// that account's supplementary groups), opens the file and hands its bytes back over a pipe. What comes back
// is exactly what the user could have read: modes, ACLs and groups alike.
//
// Only regular files are read (a FIFO would block, a device might never end), and at most maxBytes + 1 bytes
// come back, so a caller can tell a file that is too large. Blocking, bounded by timeoutMs: for the command
// line and the engine, never a GUI thread. Taking on another user needs root; a process reading as itself
// keeps its own groups.
//
// The error is the reason alone ("Permission denied", "not a regular file"), for the caller to put after the
// path and the user.
Result<QByteArray> readFileAs(const QString &path, const UserIds &user, qint64 maxBytes, int timeoutMs = 5000);

// Opens a regular file read-only with the user's permissions and hands the descriptor to this process (over a
// socket, from a child that became the user), for files too large to copy: a VM's disk image that QEMU, running
// as root, must read only if its user could. The descriptor is close-on-exec; the caller owns it. What the path
// names is checked once, when it is opened: renaming or replacing it afterwards changes nothing.
Result<int> openFileAs(const QString &path, const UserIds &user, int timeoutMs = 5000);

} // namespace mlab
