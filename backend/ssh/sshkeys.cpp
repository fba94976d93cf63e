#include "ssh/sshkeys.h"

#include "ssh/libsshutil.h"

#include <QFile>
#include <QSaveFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace mlab {

namespace {

// Created with 0600 from the first byte: sshd refuses a host key that others
// can read, and the key must never be readable by anyone else, not even briefly.
Status writePrivateFile(const QString &path, const QByteArray &content)
{
    const QByteArray nativePath = QFile::encodeName(path);
    ::unlink(nativePath.constData());
    const int fd = ::open(nativePath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(QStringLiteral("cannot create private key file %1: %2")
                        .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    qsizetype written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.constData() + written, size_t(content.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(nativePath.constData());
            return fail(QStringLiteral("cannot write private key file %1: %2")
                            .arg(path, QString::fromLocal8Bit(std::strerror(error))));
        }
        written += n;
    }
    ::close(fd);
    return {};
}

} // namespace

Result<SshKeyPair> generateEd25519Key(const QString &privateKeyPath, const QString &comment)
{
    ssh_key raw = nullptr;
    if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &raw) != SSH_OK)
        return fail(QStringLiteral("libssh could not generate an Ed25519 key for %1").arg(privateKeyPath));
    const libssh::Key key(raw);

    // libssh 0.10 exports Ed25519 keys in the "OPENSSH PRIVATE KEY" format (checked by the unit test).
    char *exported = nullptr;
    if (ssh_pki_export_privkey_base64(key.get(), nullptr, nullptr, nullptr, &exported) != SSH_OK)
        return fail(QStringLiteral("libssh could not export the Ed25519 key for %1").arg(privateKeyPath));
    QByteArray privateText(exported);
    ssh_string_free_char(exported);
    if (!privateText.endsWith('\n'))
        privateText.append('\n');

    SshKeyPair pair;
    pair.privateKeyPath = privateKeyPath;
    pair.publicKeyPath = privateKeyPath + QStringLiteral(".pub");
    pair.publicKey = libssh::publicKeyLine(key.get());
    if (!comment.isEmpty())
        pair.publicKey += QLatin1Char(' ') + comment;
    pair.fingerprint = libssh::fingerprint(key.get());

    if (Status written = writePrivateFile(privateKeyPath, privateText); !written)
        return fail(written.error());

    QSaveFile publicFile(pair.publicKeyPath);
    if (!publicFile.open(QIODevice::WriteOnly) || publicFile.write((pair.publicKey + QLatin1Char('\n')).toUtf8()) < 0
        || !publicFile.commit())
        return fail(
            QStringLiteral("cannot write public key file %1: %2").arg(pair.publicKeyPath, publicFile.errorString()));
    return pair;
}

Result<QString> publicKeyFingerprint(const QString &publicKeyLine)
{
    Result<libssh::Key> key = libssh::parsePublicKeyLine(publicKeyLine);
    if (!key)
        return fail(key.error());
    return libssh::fingerprint(key.value().get());
}

Result<QString> readPublicKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read public key file %1: %2").arg(path, file.errorString()));
    const QString line = QString::fromUtf8(file.readLine(64 * 1024)).trimmed();
    if (Result<libssh::Key> key = libssh::parsePublicKeyLine(line); !key)
        return fail(QStringLiteral("%1: %2").arg(path, key.error()));
    return line;
}

} // namespace mlab
