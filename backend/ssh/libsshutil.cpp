#include "ssh/libsshutil.h"

#include <QStringList>

namespace mlab::libssh {

QString fingerprint(const ssh_key_struct *key)
{
    unsigned char *hash = nullptr;
    size_t length = 0;
    if (ssh_get_publickey_hash(const_cast<ssh_key>(key), SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != SSH_OK)
        return QStringLiteral("(unknown fingerprint)");
    char *text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
    ssh_clean_pubkey_hash(&hash);
    const QString result = QString::fromLatin1(text);
    ssh_string_free_char(text);
    return result;
}

QString publicKeyLine(const ssh_key_struct *key)
{
    char *base64 = nullptr;
    if (ssh_pki_export_pubkey_base64(const_cast<ssh_key>(key), &base64) != SSH_OK)
        return {};
    const QString line = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(const_cast<ssh_key>(key))))
        + QLatin1Char(' ') + QString::fromLatin1(base64);
    ssh_string_free_char(base64);
    return line;
}

Result<Key> parsePublicKeyLine(const QString &line)
{
    const QStringList words = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() < 2)
        return fail(QStringLiteral("\"%1\" is not an OpenSSH public key line (expected \"ssh-ed25519 AAAA...\")")
                        .arg(line.left(60)));
    const QByteArray typeName = words.at(0).toLatin1();
    const ssh_keytypes_e type = ssh_key_type_from_name(typeName.constData());
    if (type == SSH_KEYTYPE_UNKNOWN)
        return fail(QStringLiteral("unknown key type \"%1\" in public key line").arg(words.at(0)));
    ssh_key key = nullptr;
    if (ssh_pki_import_pubkey_base64(words.at(1).toLatin1().constData(), type, &key) != SSH_OK)
        return fail(QStringLiteral("the %1 public key \"%2...\" is not valid base64 key data")
                        .arg(words.at(0), words.at(1).left(16)));
    return Key(key);
}

} // namespace mlab::libssh
