// The engine runs as root for the user who started it and reads the lab file as that user: a file the user
// could not read is refused without a word of its content, one they can read loads as before.
#include "lab/labfile.h"

#include "labtest.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace mlab;
using namespace labtest;

namespace {

constexpr UserIds kNobody { 65534, 65534 };

} // namespace

class TestLabFileOwner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void readableLabLoads();
    void rootOnlyFileIsRefused_data();
    void rootOnlyFileIsRefused();

private:
    QString write(const QString &name, const QByteArray &content, int mode);
    QString m_dir;
};

void TestLabFileOwner::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root: the file is read as uid 65534 (nobody)");
    QByteArray dir = QDir::tempPath().toUtf8() + "/tst_labfileowner-XXXXXX";
    QVERIFY(::mkdtemp(dir.data()));
    m_dir = QString::fromUtf8(dir);
    QVERIFY(::chmod(dir.constData(), 0755) == 0);
}

void TestLabFileOwner::cleanupTestCase()
{
    if (!m_dir.isEmpty())
        QDir(m_dir).removeRecursively();
}

QString TestLabFileOwner::write(const QString &name, const QByteArray &content, int mode)
{
    const QString path = m_dir + QLatin1Char('/') + name;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    file.close();
    ::chmod(QFile::encodeName(path).constData(), mode_t(mode));
    return path;
}

void TestLabFileOwner::readableLabLoads()
{
    const QString path = write(QStringLiteral("seed.json"), readAll(kSeed), 0644);
    const Result<Lab> lab = loadLabFile(path, kNobody);
    QVERIFY2(lab.ok(), qPrintable(lab.error()));
    QCOMPARE(lab->name, QStringLiteral("seed"));
    QCOMPARE(lab->sourceFile, path);
}

void TestLabFileOwner::rootOnlyFileIsRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    // A valid lab a user may not read, and a file that is no lab at all: its validation error would quote it.
    QTest::newRow("root's lab") << readAll(kSeed);
    QTest::newRow("shadow-like") << QByteArray("root:$y$j9T$secret-hash:19000:0:99999:7:::\n");
}

void TestLabFileOwner::rootOnlyFileIsRefused()
{
    QFETCH(QByteArray, content);
    const QString path = write(QStringLiteral("root-only"), content, 0600);
    const Result<Lab> lab = loadLabFile(path, kNobody);
    QVERIFY(!lab.ok());
    QVERIFY2(lab.error().startsWith(
                 path + QStringLiteral(": cannot read the lab file as nobody (uid 65534): Permission denied (")),
        qPrintable(lab.error()));
    QVERIFY2(!lab.error().contains(QLatin1String("secret")) && !lab.error().contains(QLatin1String("root:")),
        qPrintable(lab.error()));
    // Read as root, the same file loads, or is taken apart as JSON (and its messages quote what they read).
    const Result<Lab> asRoot = loadLabFile(path);
    QVERIFY2(asRoot.ok() || asRoot.error().contains(QLatin1String("not valid JSON")), qPrintable(asRoot.error()));
}

QTEST_GUILESS_MAIN(TestLabFileOwner)
#include "tst_labfileowner.moc"
