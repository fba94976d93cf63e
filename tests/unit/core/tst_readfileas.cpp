// readFileAs answers exactly what the user could read: modes, groups (the user's, never root's) and the
// directories on the way; FIFOs and oversized files cannot stall or flood the engine.
#include "core/readfileas.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mlab;

namespace {

constexpr uint kNobody = 65534;
constexpr uint kNogroup = 65534;

} // namespace

class TestReadFileAs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void permissions_data();
    void permissions();
    void fifoIsRefusedWithoutWaiting();
    void largeFileIsCutAfterTheLimit();
    void ownUidWithoutRoot();

private:
    QString m_dir;
};

void TestReadFileAs::initTestCase()
{
    // QTemporaryDir is 0700: nobody could not even reach the files in it.
    QByteArray dir = QDir::tempPath().toUtf8() + "/tst_readfileas-XXXXXX";
    QVERIFY(::mkdtemp(dir.data()));
    m_dir = QString::fromUtf8(dir);
    QVERIFY(::chmod(dir.constData(), 0755) == 0);
}

void TestReadFileAs::cleanupTestCase()
{
    if (!m_dir.isEmpty())
        QDir(m_dir).removeRecursively();
}

void TestReadFileAs::permissions_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<uint>("owner");
    QTest::addColumn<uint>("group");
    QTest::addColumn<bool>("inPrivateDir"); // inside a 0700 directory of root's
    QTest::addColumn<QString>("error"); // empty: readable

    QTest::newRow("world-readable") << 0644 << 0u << 0u << false << QString();
    QTest::newRow("root only, 0600") << 0600 << 0u << 0u << false << QStringLiteral("Permission denied");
    // Root's own supplementary groups must not come along: group root is not nobody's group.
    QTest::newRow("group root, 0640") << 0640 << 0u << 0u << false << QStringLiteral("Permission denied");
    QTest::newRow("group nogroup, 0640: nobody's group") << 0640 << 0u << kNogroup << false << QString();
    QTest::newRow("owned by nobody, 0600") << 0600 << kNobody << kNogroup << false << QString();
    QTest::newRow("world-readable in a root-only directory")
        << 0644 << 0u << 0u << true << QStringLiteral("Permission denied");
}

void TestReadFileAs::permissions()
{
    if (::geteuid() != 0)
        QSKIP("needs root: reading a file as another user takes on that user's uid");
    QFETCH(int, mode);
    QFETCH(uint, owner);
    QFETCH(uint, group);
    QFETCH(bool, inPrivateDir);
    QFETCH(QString, error);

    QString dir = m_dir;
    if (inPrivateDir) {
        dir += QStringLiteral("/private");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(::chmod(QFile::encodeName(dir).constData(), 0700) == 0);
    }
    const QString path = dir + QStringLiteral("/") + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_');
    const QByteArray content = "root:$y$j9T$not-for-nobody:19000:0:99999:7:::\n";
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QVERIFY(::chown(QFile::encodeName(path).constData(), owner, group) == 0);
    QVERIFY(::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0);

    const Result<QByteArray> read = readFileAs(path, { kNobody, kNogroup }, 1024);
    if (error.isEmpty()) {
        QVERIFY2(read.ok(), qPrintable(read.error()));
        QCOMPARE(*read, content);
    } else {
        QVERIFY(!read.ok());
        QCOMPARE(read.error(), error);
    }
    // openFileAs answers the same, and its descriptor reads the file.
    const Result<int> opened = openFileAs(path, { kNobody, kNogroup });
    if (error.isEmpty()) {
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QFile viaDescriptor;
        QVERIFY(viaDescriptor.open(*opened, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle));
        QVERIFY2(::fcntl(*opened, F_GETFD) & FD_CLOEXEC, "the descriptor must not leak into commands the engine runs");
        QCOMPARE(viaDescriptor.readAll(), content);
    } else {
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error(), error);
    }
    // The file stays readable to root itself: nothing of this process changed.
    QVERIFY(QFile(path).open(QIODevice::ReadOnly));
}

void TestReadFileAs::fifoIsRefusedWithoutWaiting()
{
    if (::geteuid() != 0)
        QSKIP("needs root: reading a file as another user takes on that user's uid");
    const QString path = m_dir + QStringLiteral("/fifo");
    QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0666) == 0);
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0666) == 0);
    QElapsedTimer clock;
    clock.start();
    const Result<QByteArray> read = readFileAs(path, { kNobody, kNogroup }, 1024);
    QCOMPARE(read.error(), QStringLiteral("not a regular file"));
    QCOMPARE(openFileAs(path, { kNobody, kNogroup }).error(), QStringLiteral("not a regular file"));
    QCOMPARE(
        openFileAs(QStringLiteral("/dev/null"), { kNobody, kNogroup }).error(), QStringLiteral("not a regular file"));
    QVERIFY2(clock.elapsed() < 2000, "opening a FIFO must not wait for a writer");
}

void TestReadFileAs::largeFileIsCutAfterTheLimit()
{
    if (::geteuid() != 0)
        QSKIP("needs root: reading a file as another user takes on that user's uid");
    const QString path = m_dir + QStringLiteral("/large");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(100000, 'x'));
    file.close();
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    const Result<QByteArray> read = readFileAs(path, { kNobody, kNogroup }, 1000);
    QVERIFY2(read.ok(), qPrintable(read.error()));
    QCOMPARE(read->size(), 1001); // one byte more than the limit: the caller can tell "too large"
}

void TestReadFileAs::ownUidWithoutRoot()
{
    // As itself, nothing is taken on: the same call works without root.
    const QString path = m_dir + QStringLiteral("/own");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{}");
    file.close();
    const Result<QByteArray> read = readFileAs(path, { uint(::getuid()), uint(::getgid()) }, 1024);
    QVERIFY2(read.ok(), qPrintable(read.error()));
    QCOMPARE(*read, QByteArray("{}"));
}

QTEST_GUILESS_MAIN(TestReadFileAs)
#include "tst_readfileas.moc"
