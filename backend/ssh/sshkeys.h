#pragma once

#include "core/result.h"

#include <QString>

namespace mlab {

struct SshKeyPair
{
    QString privateKeyPath;
    QString publicKeyPath; // privateKeyPath + ".pub"
    QString publicKey; // "ssh-ed25519 AAAA... comment", the line written to the .pub file
    QString fingerprint; // "SHA256:...", as OpenSSH prints it
};

// Generates an Ed25519 key pair with libssh (about 2 ms, no child process).
// The private key is written with mode 0600 in OpenSSH's format, which both
// OpenSSH's sshd (as a HostKey) and libssh (as an identity) read; an existing
// file is replaced.
Result<SshKeyPair> generateEd25519Key(const QString &privateKeyPath, const QString &comment);

// The SHA256 fingerprint of an OpenSSH public key line, for messages.
Result<QString> publicKeyFingerprint(const QString &publicKeyLine);

// Reads a .pub file and returns its key line (without the trailing newline).
Result<QString> readPublicKeyFile(const QString &path);

} // namespace mlab
