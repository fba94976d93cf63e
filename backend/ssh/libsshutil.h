#pragma once

// Internal to backend/ssh: RAII and key helpers around libssh's C API.

#include "core/result.h"

#include <libssh/libssh.h>

#include <QString>

#include <memory>

namespace mlab::libssh {

struct KeyDeleter
{
    void operator()(ssh_key key) const { ssh_key_free(key); }
};
using Key = std::unique_ptr<ssh_key_struct, KeyDeleter>;

// "SHA256:base64", the form OpenSSH prints.
QString fingerprint(const ssh_key_struct *key);
// "ssh-ed25519 AAAA..." without comment.
QString publicKeyLine(const ssh_key_struct *key);
// Parses an OpenSSH public key line ("type base64 [comment]").
Result<Key> parsePublicKeyLine(const QString &line);

} // namespace mlab::libssh
