// RuntimeDir runs as root in the engine: a hostile lab name must never become a path it creates or removes.
#include "engine/runtimedir.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlab;

class TestRuntimeDir : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void hostileNamesAreRefused_data();
    void hostileNamesAreRefused();
    void removeDeletesOnlyTheLabsDirectory();
    void removeNeverFollowsASymlink();
    void existingLabsListsOnlyLabNames();
    void ownsOnlyItsNamespaces_data();
    void ownsOnlyItsNamespaces();

private:
    // BASE lives inside m_root so that BASE/.. is ours to watch.
    std::unique_ptr<QTemporaryDir> m_root;
    QString m_base;
    QString m_outside; // a directory next to BASE that hostile names aim at
};

void TestRuntimeDir::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_base = m_root->filePath(QStringLiteral("base"));
    m_outside = m_root->filePath(QStringLiteral("x"));
    QVERIFY(QDir().mkpath(m_base));
    QVERIFY(QDir().mkpath(m_outside + QStringLiteral("/precious")));
    qputenv("MPTCPLAB_RUNTIME_DIR", QFile::encodeName(m_base));
}

void TestRuntimeDir::hostileNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("parent") << QStringLiteral("../x");
    QTest::newRow("dot dot") << QStringLiteral("..");
    QTest::newRow("absolute") << m_outside;
    QTest::newRow("empty") << QString();
    QTest::newRow("trailing newline") << QStringLiteral("x\n");
    QTest::newRow("too long") << QStringLiteral("abcdefghijklm");
}

void TestRuntimeDir::hostileNamesAreRefused()
{
    QFETCH(QString, name);
    const Result<RuntimeDir> checked = RuntimeDir::forLab(name);
    QVERIFY(!checked);
    QVERIFY2(checked.error().contains(QStringLiteral("is not a lab name")), qPrintable(checked.error()));

    // Even a RuntimeDir built around the check neither creates nor removes anything.
    const RuntimeDir dir(name);
    QVERIFY(!dir.create());
    const Status removed = dir.remove();
    QVERIFY(!removed);
    QVERIFY2(removed.error().contains(QStringLiteral("not a lab name")), qPrintable(removed.error()));
    QVERIFY(QFileInfo::exists(m_outside + QStringLiteral("/precious")));
    QVERIFY(QFileInfo::exists(m_base));
}

void TestRuntimeDir::removeDeletesOnlyTheLabsDirectory()
{
    const RuntimeDir dir(QStringLiteral("seed"));
    QVERIFY2(dir.create(), qPrintable(dir.create().error()));
    QVERIFY(QFileInfo(dir.privateDir()).isDir());
    QFile state(dir.stateFile());
    QVERIFY(state.open(QIODevice::WriteOnly));
    state.close();
    const RuntimeDir other(QStringLiteral("other"));
    QVERIFY(other.create());

    QVERIFY(dir.remove());
    QVERIFY(!dir.exists());
    QVERIFY(other.exists());
    QVERIFY(dir.remove()); // repeating is harmless
}

void TestRuntimeDir::removeNeverFollowsASymlink()
{
    QVERIFY(QFile::link(m_outside, m_base + QStringLiteral("/evil")));
    const RuntimeDir dir(QStringLiteral("evil"));
    QVERIFY(dir.remove());
    QVERIFY(!QFileInfo(m_base + QStringLiteral("/evil")).isSymLink());
    QVERIFY(QFileInfo::exists(m_outside + QStringLiteral("/precious")));
}

void TestRuntimeDir::existingLabsListsOnlyLabNames()
{
    QVERIFY(RuntimeDir(QStringLiteral("seed")).create());
    QVERIFY(QDir(m_base).mkdir(QStringLiteral("not a lab")));
    QVERIFY(QFile::link(m_outside, m_base + QStringLiteral("/linked")));
    QCOMPARE(RuntimeDir::existingLabs(), QStringList { QStringLiteral("seed") });
}

void TestRuntimeDir::ownsOnlyItsNamespaces_data()
{
    QTest::addColumn<QString>("netns");
    QTest::addColumn<bool>("owned");
    QTest::newRow("node") << QStringLiteral("mlab-seed-NodeA") << true;
    QTest::newRow("management") << QStringLiteral("mlab-seed-mgmt") << true;
    QTest::newRow("another lab") << QStringLiteral("mlab-other-NodeA") << false;
    QTest::newRow("prefix only") << QStringLiteral("mlab-seed-") << false;
    QTest::newRow("path") << QStringLiteral("mlab-seed-../../x") << false;
    QTest::newRow("foreign") << QStringLiteral("docker-1234") << false;
}

void TestRuntimeDir::ownsOnlyItsNamespaces()
{
    QFETCH(QString, netns);
    QFETCH(bool, owned);
    QCOMPARE(RuntimeDir(QStringLiteral("seed")).ownsNamespace(netns), owned);
}

QTEST_GUILESS_MAIN(TestRuntimeDir)
#include "tst_runtimedir.moc"
