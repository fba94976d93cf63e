// Boxes dragged on the canvas kept in the lab file: the message after a move, Save into a writable lab file,
// nothing written for the built-in lab without asking, and Reset.
#include "layoutsaver.h"

#include "lab/labfile.h"
#include "topology/nodeitem.h"
#include "topology/topologyscene.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include <unistd.h>

using namespace mlab;

class TestLayoutSaver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savesMovedBoxesInTheLabFile();
    void builtInLabHasNoSaveTarget();
    void resetMarksTheLayoutChanged();

private:
    const QString m_seedFile = QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json");
};

void TestLayoutSaver::savesMovedBoxesInTheLabFile()
{
    QTemporaryDir dir;
    const QString labFile = dir.filePath(QStringLiteral("seed.json"));
    QVERIFY(QFile::copy(m_seedFile, labFile));
    QVERIFY(QFile::setPermissions(labFile, QFile::ReadOwner | QFile::WriteOwner));
    const Result<Lab> lab = loadLabFile(labFile);
    QVERIFY2(lab.ok(), qPrintable(lab.error()));

    QWidget window;
    TopologyScene scene(*lab);
    LayoutSaver saver(&scene, lab->sourceFile, &window);
    QSignalSpy messages(&saver, &LayoutSaver::message);
    QCOMPARE(saver.saveTarget(), labFile);
    QVERIFY(!saver.isModified());

    scene.nodeItem(QStringLiteral("NodeB"))->setPos(444, -55);
    Q_EMIT scene.nodeMoved(QStringLiteral("NodeB"), QPointF(444, -55)); // what the end of a drag sends
    QVERIFY(saver.isModified());
    QCOMPARE(messages.size(), 1);
    QVERIFY2(messages.first().first().toString().contains(labFile), qPrintable(messages.first().first().toString()));

    QVERIFY(saver.save());
    QVERIFY(!saver.isModified());
    QVERIFY(saver.confirmClose()); // nothing left to ask about
    const Result<Lab> saved = loadLabFile(labFile);
    QVERIFY2(saved.ok(), qPrintable(saved.error()));
    QCOMPARE(saved->layout.value(QStringLiteral("NodeB")), QPointF(444, -55));
    QCOMPARE(saved->layout.size(), lab->nodes.size() + 1); // every node and the host

    // The next window draws the boxes where they were saved.
    const TopologyScene reopened(*saved);
    QCOMPARE(reopened.nodeItem(QStringLiteral("NodeB"))->pos(), QPointF(444, -55));
}

void TestLayoutSaver::builtInLabHasNoSaveTarget()
{
    QWidget window;
    const Result<Lab> lab = loadLabFile(m_seedFile);
    QVERIFY(lab.ok());
    TopologyScene scene(*lab);
    QCOMPARE(LayoutSaver(&scene, QStringLiteral(":/labs/seed.json"), &window).saveTarget(), QString());
    QTemporaryDir dir;
    const QString readOnly = dir.filePath(QStringLiteral("lab.json"));
    QVERIFY(QFile::copy(m_seedFile, readOnly));
    QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner));
    if (::geteuid() != 0) // root may write anyway
        QCOMPARE(LayoutSaver(&scene, readOnly, &window).saveTarget(), QString());
}

void TestLayoutSaver::resetMarksTheLayoutChanged()
{
    QWidget window;
    const Result<Lab> loaded = loadLabFile(m_seedFile);
    QVERIFY(loaded.ok());
    Lab lab = *loaded;
    lab.layout.insert(QStringLiteral("NodeA"), QPointF(-900, 0));
    TopologyScene scene(lab);
    LayoutSaver saver(&scene, m_seedFile, &window);
    saver.reset();
    QVERIFY(saver.isModified());
    QVERIFY(scene.nodeItem(QStringLiteral("NodeA"))->pos() != QPointF(-900, 0));
}

QTEST_MAIN(TestLayoutSaver)
#include "tst_layoutsaver.moc"
