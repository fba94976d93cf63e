#include "topology/nodeitem.h"

#include "topology/cableitem.h"
#include "topology/topologylayout.h"
#include "topology/topologystyle.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace mlab {

NodeItem::NodeItem(const QString &name, const QString &title, const QString &caption)
    : m_name(name)
    , m_title(title)
    , m_caption(caption)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setCursor(Qt::OpenHandCursor);
    // Above the cables, whose node end lies under the box.
    setZValue(2);
}

QRectF NodeItem::sceneBox() const
{
    return QRectF(scenePos() - QPointF(kNodeBoxSize.width(), kNodeBoxSize.height()) / 2.0, kNodeBoxSize);
}

void NodeItem::addCable(CableItem *cable)
{
    m_cables.append(cable);
}

void NodeItem::setBadge(const QString &text, bool alarm)
{
    if (text == m_badge && alarm == m_badgeAlarm)
        return;
    m_badge = text;
    m_badgeAlarm = alarm;
    update();
}

QRectF NodeItem::boundingRect() const
{
    const QRectF box(
        -kNodeBoxSize.width() / 2.0, -kNodeBoxSize.height() / 2.0, kNodeBoxSize.width(), kNodeBoxSize.height());
    return box.adjusted(-2, -2, 2, 2);
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QRectF box = boundingRect().adjusted(2, 2, -2, -2);
    const bool selected = option->state & QStyle::State_Selected;
    painter->setPen(QPen(selected ? QColor(0x00, 0x5a, 0x9e) : QColor(0x40, 0x40, 0x40), selected ? 2.5 : 1.5));
    painter->setBrush(fillColour());
    painter->drawRoundedRect(box, 8, 8);

    // The title larger than the window's text: at "fit" a projected lab is shown at about two thirds of its size.
    const QFont base = painter->font();
    QFont title = base;
    title.setBold(true);
    if (title.pointSizeF() > 0) // -1 for a font sized in pixels
        title.setPointSizeF(title.pointSizeF() * 1.3);
    painter->setFont(title);
    painter->setPen(Qt::black);
    const QRectF top(box.left() + 6, box.top() + 4, box.width() - 12, box.height() / 2 - 4);
    painter->drawText(
        top, Qt::AlignCenter, painter->fontMetrics().elidedText(m_title, Qt::ElideRight, int(top.width())));
    painter->setFont(base);
    const QRectF bottom(box.left() + 6, box.center().y(), box.width() - 12, box.height() / 2 - 4);
    if (!m_badge.isEmpty()) {
        paintBadge(painter, bottom);
        return;
    }
    painter->setPen(QColor(0x50, 0x50, 0x50));
    painter->drawText(
        bottom, Qt::AlignCenter, painter->fontMetrics().elidedText(m_caption, Qt::ElideMiddle, int(bottom.width())));
}

void NodeItem::paintBadge(QPainter *painter, const QRectF &area) const
{
    QFont font = painter->font();
    font.setBold(true);
    painter->setFont(font);
    const QFontMetricsF metrics(painter->fontMetrics());
    const QString text = metrics.elidedText(m_badge, Qt::ElideRight, area.width() - 16);
    const QSizeF size(
        std::min(metrics.horizontalAdvance(text) + 16, area.width()), std::min(metrics.height() + 4, area.height()));
    QRectF pill(QPointF(), size);
    pill.moveCenter(area.center());
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_badgeAlarm ? deadVlanColour() : QColor(0x37, 0x47, 0x4f));
    painter->drawRoundedRect(pill, size.height() / 2, size.height() / 2);
    painter->setPen(Qt::white);
    painter->drawText(pill, Qt::AlignCenter, text);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (CableItem *cable : std::as_const(m_cables))
            cable->adjust();
    }
    return QGraphicsItem::itemChange(change, value);
}

QColor NodeItem::fillColour() const
{
    return QColor(0xe8, 0xf0, 0xfa);
}

QColor HostItem::fillColour() const
{
    return QColor(0xee, 0xee, 0xee);
}

} // namespace mlab
