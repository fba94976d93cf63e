#pragma once

#include <QGraphicsView>

class QAction;

namespace mlab {

// Shows a TopologyScene: zoom with Ctrl+wheel or the zoom actions, pan by dragging the background or with the
// middle button, fit the whole lab into the window.
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

public slots:
    void zoomIn();
    void zoomOut();
    void fitToWindow();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void zoomBy(double factor);

    QAction *m_zoomIn;
    QAction *m_zoomOut;
    QAction *m_fit;
    bool m_panning = false;
    QPoint m_panFrom;
};

} // namespace mlab
