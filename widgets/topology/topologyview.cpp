#include "topology/topologyview.h"

#include <QAction>
#include <QMouseEvent>
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
    fitInView(scene()->itemsBoundingRect().marginsAdded(QMarginsF(20, 20, 20, 20)), Qt::KeepAspectRatio);
}

void TopologyView::zoomBy(double factor)
{
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
