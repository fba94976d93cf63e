#include "topology/topologyview.h"

#include "topology/topologylegend.h"
#include "topology/topologyscene.h"

#include <QAction>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace mlab {

namespace {

constexpr double kZoomStep = 1.25;
constexpr double kMinZoom = 0.05;
constexpr double kMaxZoom = 10.0;

} // namespace

TopologyView::TopologyView(QWidget *parent)
    : TopologyView(nullptr, parent)
{ }

TopologyView::TopologyView(QGraphicsScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_zoomIn(new QAction(tr("Zoom &In"), this))
    , m_zoomOut(new QAction(tr("Zoom &Out"), this))
    , m_fit(new QAction(tr("&Fit to Window"), this))
    , m_legend(new TopologyLegend(this))
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);

    m_zoomIn->setShortcut(QKeySequence::ZoomIn);
    m_zoomIn->setStatusTip(tr("Zoom into the topology"));
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    m_zoomOut->setStatusTip(tr("Zoom out of the topology"));
    m_fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_fit->setStatusTip(tr("Show the whole lab"));
    for (QAction *action : { m_zoomIn, m_zoomOut, m_fit }) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    connect(m_zoomIn, &QAction::triggered, this, &TopologyView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, this, &TopologyView::zoomOut);
    connect(m_fit, &QAction::triggered, this, &TopologyView::fitToWindow);
    if (auto *topology = qobject_cast<TopologyScene *>(scene))
        connect(topology, &TopologyScene::labChanged, this, &TopologyView::updateLegend);
    updateLegend();
}

void TopologyView::updateLegend()
{
    const auto *topology = qobject_cast<TopologyScene *>(scene());
    m_legend->setEntries(topology ? topology->legendEntries() : QList<TopologyLegend::Entry>());
    m_legend->setVisible(topology != nullptr);
    placeLegend();
    if (m_followsResize)
        fitToWindow();
}

void TopologyView::placeLegend()
{
    // Top left: the layouts leave that corner empty, and the legend grows from it (larger fonts) without moving.
    m_legend->move(viewport()->geometry().topLeft() + QPoint(6, 6));
}

void TopologyView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeLegend();
    if (m_followsResize)
        fitToWindow();
}

double TopologyView::zoom() const
{
    return transform().m11();
}

void TopologyView::zoomIn()
{
    zoomBy(kZoomStep);
}

void TopologyView::zoomOut()
{
    zoomBy(1.0 / kZoomStep);
}

void TopologyView::fitToWindow()
{
    if (!scene())
        return;
    const QRectF lab = scene()->itemsBoundingRect().marginsAdded(QMarginsF(20, 20, 20, 20));
    const QRectF area = viewport()->rect();
    if (lab.isEmpty() || area.isEmpty())
        return;
    // Beside the legend or below it, whichever shows the lab larger: never under it.
    const QSizeF legend = m_legend->isVisible() ? QSizeF(m_legend->size()) + QSizeF(8, 8) : QSizeF(0, 0);
    const QRectF beside = area.adjusted(legend.width(), 0, 0, 0);
    const QRectF below = area.adjusted(0, legend.height(), 0, 0);
    auto scaleIn = [&lab](const QRectF &target) {
        return std::min(target.width() / lab.width(), target.height() / lab.height());
    };
    const QRectF target = scaleIn(beside) >= scaleIn(below) ? beside : below;
    const double scale = std::clamp(scaleIn(target), kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(scale, scale));
    // The view centres a scene that fits it, so the lab is put off centre by making the scene's visible part
    // exactly the viewport, with the lab in the middle of the target (less a pixel: no scroll bars).
    const QPointF viewportTopLeftInScene = lab.center() - (target.center() - area.topLeft()) / scale;
    const QRectF visible(viewportTopLeftInScene, area.size() / scale);
    const double pixel = 1.0 / scale;
    setSceneRect(visible.adjusted(pixel, pixel, -pixel, -pixel).united(lab));
    centerOn(visible.center());
    m_followsResize = true;
}

void TopologyView::zoomBy(double factor)
{
    m_followsResize = false; // the user's zoom stays until they ask for "fit" again
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    scale(target / zoom(), target / zoom());
}

void TopologyView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    // One notch (120) is one zoom step; touchpads send smaller deltas and get proportionally smaller steps.
    zoomBy(std::pow(kZoomStep, event->angleDelta().y() / 120.0));
    event->accept();
}

void TopologyView::mousePressEvent(QMouseEvent *event)
{
    // The middle button pans from anywhere, nodes and cables included.
    if (event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_panFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void TopologyView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panFrom;
        m_panFrom = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void TopologyView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && event->button() == Qt::MiddleButton) {
        m_panning = false;
        // The cursor ScrollHandDrag shows over the background.
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

} // namespace mlab
