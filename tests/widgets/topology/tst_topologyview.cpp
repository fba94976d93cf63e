#include "lab/labfile.h"
#include "topology/topologylegend.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include <QAction>
#include <QApplication>
#include <QGraphicsItem>
#include <QScrollBar>
#include <QTest>

using namespace mlab;

namespace {

bool showSized(TopologyView &view, const QSize &size)
{
    view.resize(size);
    view.show();
    return QTest::qWaitForWindowExposed(&view);
}

} // namespace

class TestTopologyView : public QObject
{
    Q_OBJECT

private:
    Lab m_seed;

private slots:
    void initTestCase()
    {
        const Result<Lab> seed = loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json"));
        QVERIFY2(seed.ok(), qPrintable(seed.error()));
        m_seed = *seed;
    }

    void setUpForPanningAndAntialiasing()
    {
        TopologyView view;
        QCOMPARE(view.dragMode(), QGraphicsView::ScrollHandDrag);
        QVERIFY(view.renderHints().testFlag(QPainter::Antialiasing));
        QCOMPARE(view.actions(), QList<QAction *>({ view.zoomInAction(), view.zoomOutAction(), view.fitAction() }));
        for (QAction *action : view.actions()) {
            QVERIFY(!action->shortcut().isEmpty());
            QVERIFY(!action->statusTip().isEmpty());
        }
    }

    void zoomActionsAreClamped()
    {
        TopologyScene scene(m_seed);
        TopologyView view(&scene);
        view.zoomInAction()->trigger();
        QCOMPARE(view.zoom(), 1.25);
        view.zoomOutAction()->trigger();
        QCOMPARE(view.zoom(), 1.0);
        for (int i = 0; i < 100; ++i)
            view.zoomOut();
        QCOMPARE(view.zoom(), 0.05);
        for (int i = 0; i < 100; ++i)
            view.zoomIn();
        QCOMPARE(view.zoom(), 10.0);
    }

    void ctrlWheelZooms_data()
    {
        QTest::addColumn<Qt::KeyboardModifiers>("modifiers");
        QTest::addColumn<bool>("zooms");
        QTest::newRow("ctrl") << Qt::KeyboardModifiers(Qt::ControlModifier) << true;
        QTest::newRow("plain wheel scrolls") << Qt::KeyboardModifiers(Qt::NoModifier) << false;
    }
    void ctrlWheelZooms()
    {
        QFETCH(Qt::KeyboardModifiers, modifiers);
        QFETCH(bool, zooms);
        TopologyScene scene(m_seed);
        TopologyView view(&scene);
        const QPointF centre(view.viewport()->rect().center());
        QWheelEvent wheel(centre, view.viewport()->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
            modifiers, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &wheel);
        QCOMPARE(view.zoom() > 1.0, zooms);
    }

    void fitShowsTheWholeLab()
    {
        TopologyScene scene(m_seed);
        TopologyView view(&scene);
        QVERIFY(showSized(view, QSize(500, 400)));
        view.fitToWindow();
        const QRect shown = view.mapFromScene(scene.itemsBoundingRect()).boundingRect();
        QVERIFY2(view.viewport()->rect().contains(shown),
            qPrintable(
                QStringLiteral("%1,%2 %3x%4").arg(shown.x()).arg(shown.y()).arg(shown.width()).arg(shown.height())));
        // The legend sits over the corner, and never over a node, the switch or a cable.
        const QRect legend = view.legend()->geometry().translated(-view.viewport()->pos());
        QVERIFY(view.legend()->isVisible());
        for (const QGraphicsItem *item : scene.items()) {
            const QRect itemInView = view.mapFromScene(item->sceneBoundingRect()).boundingRect();
            QVERIFY2(!legend.intersects(itemInView), qPrintable(item->toolTip().left(60)));
        }
    }

    void fitFollowsResizeUntilTheUserZooms()
    {
        TopologyScene scene(m_seed);
        TopologyView view(&scene);
        QVERIFY(showSized(view, QSize(500, 400)));
        view.fitToWindow();
        const double fitted = view.zoom();
        view.resize(1000, 800);
        QTRY_VERIFY(view.zoom() > fitted * 1.5);
        view.zoomIn();
        const double zoomed = view.zoom();
        view.resize(500, 400);
        QTest::qWait(50);
        QCOMPARE(view.zoom(), zoomed);
    }

    void middleButtonPans()
    {
        TopologyScene scene(m_seed);
        TopologyView view(&scene);
        QVERIFY(showSized(view, QSize(400, 300)));
        view.zoomIn();
        view.zoomIn();
        const int before = view.horizontalScrollBar()->value();
        const QPoint from = view.viewport()->rect().center();
        QTest::mousePress(view.viewport(), Qt::MiddleButton, Qt::NoModifier, from);
        QTest::mouseMove(view.viewport(), from + QPoint(-60, 0));
        QTest::mouseRelease(view.viewport(), Qt::MiddleButton, Qt::NoModifier, from + QPoint(-60, 0));
        QCOMPARE(view.horizontalScrollBar()->value(), before + 60);
    }
};

QTEST_MAIN(TestTopologyView)
#include "tst_topologyview.moc"
