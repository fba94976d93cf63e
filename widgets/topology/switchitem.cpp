#include "topology/switchitem.h"

#include "topology/switchportitem.h"

#include <QPainter>

namespace mlab {

SwitchItem::SwitchItem(const QString &title, double radius)
    : m_title(title)
    , m_radius(radius)
{
    // Above the cables, which end at its sockets.
    setZValue(1);
}

SwitchPortItem *SwitchItem::addPort(int port, const QPointF &offset, const QColor &vlanColour)
{
    auto *item = new SwitchPortItem(port, vlanColour, this);
    item->setPos(offset);
    m_ports.insert(port, item);
    return item;
}

QRectF SwitchItem::boundingRect() const
{
    return QRectF(-m_radius - 2, -m_radius - 2, 2 * m_radius + 4, 2 * m_radius + 4);
}

void SwitchItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setPen(QPen(QColor(0x40, 0x40, 0x40), 2));
    painter->setBrush(QColor(0xf4, 0xf4, 0xf0));
    painter->drawEllipse(QPointF(0, 0), m_radius, m_radius);
    QFont font = painter->font();
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(Qt::black);
    const double side = m_radius * 1.2;
    painter->drawText(QRectF(-side / 2, -side / 2, side, side), Qt::AlignCenter | Qt::TextWordWrap, m_title);
}

} // namespace mlab
