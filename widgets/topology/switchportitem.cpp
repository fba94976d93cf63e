#include "topology/switchportitem.h"

#include "topology/topologylayout.h"

#include <QPainter>

namespace mlab {

SwitchPortItem::SwitchPortItem(int port, const QColor &vlanColour, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_port(port)
    , m_colour(vlanColour)
{ }

QRectF SwitchPortItem::boundingRect() const
{
    const double r = kSocketDiameter / 2.0 + 1.5;
    return QRectF(-r, -r, 2 * r, 2 * r);
}

void SwitchPortItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const double r = kSocketDiameter / 2.0;
    painter->setPen(QPen(m_colour, 2.5));
    painter->setBrush(Qt::white);
    painter->drawEllipse(QPointF(0, 0), r, r);
    QFont font = painter->font();
    if (font.pointSizeF() > 0) // -1 for a font sized in pixels
        font.setPointSizeF(font.pointSizeF() * 0.8);
    painter->setFont(font);
    painter->setPen(Qt::black);
    painter->drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt::AlignCenter, QString::number(m_port));
}

} // namespace mlab
