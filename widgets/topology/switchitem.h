#pragma once

#include <QGraphicsItem>
#include <QMap>
#include <QString>

namespace mlab {

class SwitchPortItem;

// The lab's VDE switch: a disc with one SwitchPortItem per used port on its rim. Fixed at the scene's origin:
// the layout is built around it.
class SwitchItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    SwitchItem(const QString &title, double radius);

    int type() const override { return Type; }
    // offset: from the switch's centre, on its rim.
    SwitchPortItem *addPort(int port, const QPointF &offset, const QColor &vlanColour);
    SwitchPortItem *portItem(int port) const { return m_ports.value(port); }
    QList<int> ports() const { return m_ports.keys(); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_title;
    double m_radius;
    QMap<int, SwitchPortItem *> m_ports;
};

} // namespace mlab
