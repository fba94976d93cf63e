// The lab file's "layout": read with the lab, written back by the window with every other member untouched.
#include "labtest.h"

#include "lab/labfile.h"
#include "lab/lablayout.h"

#include <QFileDevice>
#include <QTemporaryDir>

using namespace mlab;

class TestLabLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsPositions();
    void writeKeepsEverythingElse();
    void writeToACopyLeavesTheSourceAlone();
    void refusedWriteChangesNothing();
    void unwritableTargetIsNamed();

private:
    QString copyOfSeed(const QTemporaryDir &dir) const;
};

QString TestLabLayout::copyOfSeed(const QTemporaryDir &dir) const
{
    const QString path = dir.filePath(QStringLiteral("seed.json"));
    QFile::copy(labtest::kSeed, path);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}

void TestLabLayout::readsPositions()
{
    const QByteArray text = labtest::patchedSeed(
        R"([{"op":"add","path":"/layout","value":{"NodeA":[-310.5,0],"NodeB":[310,0],"host":[0,190]}}])");
    const Result<Lab> lab = parseLab(text, QStringLiteral("seed.json"));
    QVERIFY2(lab.ok(), qPrintable(lab.error()));
    QCOMPARE(lab->layout.size(), 3);
    QCOMPARE(lab->layout.value(QStringLiteral("NodeA")), QPointF(-310.5, 0));
    QCOMPARE(lab->layout.value(layoutHostName()), QPointF(0, 190));

    const Result<Lab> without = loadLabFile(labtest::kSeed);
    QVERIFY2(without.ok(), qPrintable(without.error()));
    QVERIFY(without->layout.isEmpty());
}

void TestLabLayout::writeKeepsEverythingElse()
{
    QTemporaryDir dir;
    const QString path = copyOfSeed(dir);
    const QHash<QString, QPointF> positions { { QStringLiteral("NodeA"), QPointF(-300.4, 12.6) },
        { QStringLiteral("NodeB"), QPointF(280, -40) }, { layoutHostName(), QPointF(0, 200) } };
    const Status written = writeLayout(path, path, positions);
    QVERIFY2(written.ok(), qPrintable(written.error()));

    const Result<Lab> lab = loadLabFile(path);
    QVERIFY2(lab.ok(), qPrintable(lab.error()));
    QCOMPARE(lab->layout.value(QStringLiteral("NodeA")), QPointF(-300, 13)); // whole units
    QCOMPARE(lab->layout.value(QStringLiteral("NodeB")), QPointF(280, -40));
    QCOMPARE(lab->layout.value(layoutHostName()), QPointF(0, 200));

    // Every other member as it was, in the author's order, the layout last.
    const auto before = nlohmann::ordered_json::parse(labtest::readAll(labtest::kSeed).toStdString());
    auto after = nlohmann::ordered_json::parse(labtest::readAll(path).toStdString());
    QVERIFY(after.back() == after["layout"]);
    after.erase("layout");
    QVERIFY(after == before);

    // Saving again replaces the layout rather than adding a second one.
    QVERIFY(writeLayout(path, path, { { QStringLiteral("NodeA"), QPointF(1, 2) } }).ok());
    const Result<Lab> again = loadLabFile(path);
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QCOMPARE(again->layout.size(), 1);
    QCOMPARE(again->layout.value(QStringLiteral("NodeA")), QPointF(1, 2));
}

void TestLabLayout::writeToACopyLeavesTheSourceAlone()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("my-lab.json"));
    QVERIFY(writeLayout(labtest::kSeed, copy, { { QStringLiteral("NodeB"), QPointF(5, 6) } }).ok());
    const Result<Lab> lab = loadLabFile(copy);
    QVERIFY2(lab.ok(), qPrintable(lab.error()));
    QCOMPARE(lab->layout.value(QStringLiteral("NodeB")), QPointF(5, 6));
    QVERIFY(!labtest::readAll(labtest::kSeed).contains("\"layout\""));
}

void TestLabLayout::refusedWriteChangesNothing()
{
    QTemporaryDir dir;
    const QString path = copyOfSeed(dir);
    const QByteArray original = labtest::readAll(path);
    // A box dragged absurdly far: the file would no longer load, so it is not written.
    const Status written = writeLayout(path, path, { { QStringLiteral("NodeA"), QPointF(1e7, 0) } });
    QVERIFY(!written.ok());
    QVERIFY2(written.error().contains(QStringLiteral("/layout/NodeA")), qPrintable(written.error()));
    QVERIFY2(written.error().contains(QStringLiteral("the layout was not saved")), qPrintable(written.error()));
    QCOMPARE(labtest::readAll(path), original);
}

void TestLabLayout::unwritableTargetIsNamed()
{
    QTemporaryDir dir;
    const QString missingDir = dir.filePath(QStringLiteral("no-such-dir/lab.json"));
    const Status written = writeLayout(labtest::kSeed, missingDir, { { QStringLiteral("NodeA"), QPointF(0, 0) } });
    QVERIFY(!written.ok());
    QVERIFY2(written.error().startsWith(missingDir + QStringLiteral(": cannot write it")), qPrintable(written.error()));
}

QTEST_GUILESS_MAIN(TestLabLayout)
#include "tst_lablayout.moc"
