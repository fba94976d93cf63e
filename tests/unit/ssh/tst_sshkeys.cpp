#include "ssh/sshkeys.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace mlab;

class TestSshKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatesKeyPair_data();
    void generatesKeyPair();
    void opensshReadsPrivateKey();
    void replacesExistingFileWithPrivateMode();
    void generationIsFast();
    void rejectsBadPublicKeyLines_data();
    void rejectsBadPublicKeyLines();
    void reportsUnwritablePath();

private:
    static QString sshKeygen(const QStringList &args)
    {
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"), args);
        if (!keygen.waitForFinished(5000) || keygen.exitCode() != 0)
            return QStringLiteral("ssh-keygen failed: ") + QString::fromUtf8(keygen.readAllStandardError());
        return QString::fromUtf8(keygen.readAllStandardOutput()).trimmed();
    }

    QTemporaryDir m_dir;
};

void TestSshKeys::generatesKeyPair_data()
{
    QTest::addColumn<QString>("comment");
    QTest::newRow("lab client key") << QStringLiteral("mptcplab-seed");
    QTest::newRow("no comment") << QString();
}

void TestSshKeys::generatesKeyPair()
{
    QFETCH(QString, comment);
    const QString path = m_dir.filePath(
        QStringLiteral("id_%1").arg(QString::fromLatin1(QTest::currentDataTag()).remove(QLatin1Char(' '))));
    const Result<SshKeyPair> pair = generateEd25519Key(path, comment);
    QVERIFY2(pair.ok(), qPrintable(pair ? QString() : pair.error()));

    QCOMPARE(pair->privateKeyPath, path);
    QCOMPARE(pair->publicKeyPath, path + QStringLiteral(".pub"));
    QVERIFY(pair->publicKey.startsWith(QStringLiteral("ssh-ed25519 AAAA")));
    QCOMPARE(pair->publicKey.endsWith(QLatin1Char(' ') + comment), !comment.isEmpty());
    QVERIFY(pair->fingerprint.startsWith(QStringLiteral("SHA256:")));

    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));

    QFile privateFile(path);
    QVERIFY(privateFile.open(QIODevice::ReadOnly));
    QCOMPARE(privateFile.readLine().trimmed(), QByteArray("-----BEGIN OPENSSH PRIVATE KEY-----"));

    QFile publicFile(pair->publicKeyPath);
    QVERIFY(publicFile.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(publicFile.readAll()), pair->publicKey + QLatin1Char('\n'));

    const Result<QString> fingerprint = publicKeyFingerprint(pair->publicKey);
    QVERIFY(fingerprint.ok());
    QCOMPARE(fingerprint.value(), pair->fingerprint);
    const Result<QString> readBack = readPublicKeyFile(pair->publicKeyPath);
    QVERIFY(readBack.ok());
    QCOMPARE(readBack.value(), pair->publicKey);
}

// sshd loads host keys with the same code as ssh-keygen: if ssh-keygen derives
// the same public key and fingerprint, sshd accepts the file as a HostKey.
void TestSshKeys::opensshReadsPrivateKey()
{
    if (QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")).isEmpty())
        QSKIP("ssh-keygen (openssh-client) is not installed");
    const QString path = m_dir.filePath(QStringLiteral("id_openssh"));
    const Result<SshKeyPair> pair = generateEd25519Key(path, QStringLiteral("check"));
    QVERIFY(pair.ok());

    const QString derived = sshKeygen({ QStringLiteral("-y"), QStringLiteral("-f"), path });
    QCOMPARE(derived.section(QLatin1Char(' '), 0, 1), pair->publicKey.section(QLatin1Char(' '), 0, 1));
    const QString listed = sshKeygen({ QStringLiteral("-l"), QStringLiteral("-f"), path });
    QCOMPARE(listed.section(QLatin1Char(' '), 1, 1), pair->fingerprint);
}

void TestSshKeys::replacesExistingFileWithPrivateMode()
{
    const QString path = m_dir.filePath(QStringLiteral("id_existing"));
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("an old world-readable file that is much longer than any key would be ... ... ... ...\n");
    old.close();
    QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));

    const Result<SshKeyPair> pair = generateEd25519Key(path, QStringLiteral("again"));
    QVERIFY(pair.ok());
    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("old world-readable"));
}

// The lab creates three keys per `up`: this must stay in the milliseconds.
void TestSshKeys::generationIsFast()
{
    constexpr int count = 30;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < count; ++i) {
        const Result<SshKeyPair> pair = generateEd25519Key(m_dir.filePath(QStringLiteral("id_fast")), QString());
        QVERIFY(pair.ok());
    }
    const double perKeyMs = double(clock.nsecsElapsed()) / 1e6 / count;
    qInfo("generateEd25519Key: %.2f ms per key pair (mean of %d, files included)", perKeyMs, count);
    QVERIFY2(perKeyMs < 50, qPrintable(QStringLiteral("%1 ms per key").arg(perKeyMs)));
}

void TestSshKeys::rejectsBadPublicKeyLines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expectedInMessage");
    QTest::newRow("empty") << QString() << QStringLiteral("not an OpenSSH public key line");
    QTest::newRow("type only") << QStringLiteral("ssh-ed25519") << QStringLiteral("not an OpenSSH public key line");
    QTest::newRow("unknown type") << QStringLiteral("ssh-foo AAAAC3NzaC1lZDI1NTE5AAAA")
                                  << QStringLiteral("unknown key type \"ssh-foo\"");
    QTest::newRow("garbage data") << QStringLiteral("ssh-ed25519 !!!notbase64!!!")
                                  << QStringLiteral("not valid base64 key data");
}

void TestSshKeys::rejectsBadPublicKeyLines()
{
    QFETCH(QString, line);
    QFETCH(QString, expectedInMessage);
    const Result<QString> fingerprint = publicKeyFingerprint(line);
    QVERIFY(!fingerprint.ok());
    QVERIFY2(fingerprint.error().contains(expectedInMessage), qPrintable(fingerprint.error()));
}

void TestSshKeys::reportsUnwritablePath()
{
    const QString path = m_dir.filePath(QStringLiteral("missing-dir/id"));
    const Result<SshKeyPair> pair = generateEd25519Key(path, QString());
    QVERIFY(!pair.ok());
    QVERIFY2(pair.error().contains(path), qPrintable(pair.error()));
}

QTEST_GUILESS_MAIN(TestSshKeys)
#include "tst_sshkeys.moc"
