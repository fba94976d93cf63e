#pragma once

#include <QColor>
#include <QGraphicsItem>

namespace mlab {

// One used port of the VDE switch: a socket on the switch's rim, labelled with its number and ringed in the
// colour of the VLAN it is on when the lab is healthy. A child of the SwitchItem; holds the port number only.
class SwitchPortItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 6 };

    SwitchPortItem(int port, const QColor &vlanColour, QGraphicsItem *parent);

    int type() const override { return Type; }
    int port() const { return m_port; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    int m_port;
    QColor m_colour;
};

} // namespace mlab
