#pragma once

#include <QGraphicsView>

class QAction;

namespace mlab {

class TopologyLegend;

// Shows a TopologyScene: zoom with Ctrl+wheel or the zoom actions, pan by dragging the background or with the
// middle button, fit the whole lab into the window. The scene's legend sits over the top-left corner at the
// window's font size, whatever the zoom. Once fitted, the lab stays fitted as the window changes size, until
// the user zooms.
class TopologyView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit TopologyView(QWidget *parent = nullptr);
    explicit TopologyView(QGraphicsScene *scene, QWidget *parent = nullptr);

    // For the main window's menus and toolbars; their shortcuts work while the view has focus.
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *fitAction() const { return m_fit; }

    double zoom() const;
    TopologyLegend *legend() const { return m_legend; }

public slots:
    void zoomIn();
    void zoomOut();
    void fitToWindow();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void zoomBy(double factor);
    void updateLegend();
    void placeLegend();

    QAction *m_zoomIn;
    QAction *m_zoomOut;
    QAction *m_fit;
    TopologyLegend *m_legend;
    bool m_followsResize = false; // fitted to the window: a resize fits it again
    bool m_panning = false;
    QPoint m_panFrom;
};

} // namespace mlab
