#include "topology/cableitem.h"

#include "topology/nodeitem.h"
#include "topology/switchportitem.h"
#include "topology/topologylayout.h"
#include "topology/topologystyle.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPathStroker>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace mlab {

namespace {

constexpr double kHitWidth = 12.0; // wide enough to click a thin cable
constexpr double kUnplugGap = 40.0;
constexpr double kCrossSize = 8.0;
constexpr double kMaxSlotSpacing = 40.0;
constexpr double kTagPitch = 18.0; // a tag's height and a little

// Where the segment from inside the box to outside it crosses the box's edge.
QPointF boxExit(const QRectF &box, const QLineF &line)
{
    const std::array<QLineF, 4> edges { QLineF(box.topLeft(), box.topRight()),
        QLineF(box.topRight(), box.bottomRight()), QLineF(box.bottomRight(), box.bottomLeft()),
        QLineF(box.bottomLeft(), box.topLeft()) };
    for (const QLineF &edge : edges) {
        QPointF crossing;
        if (line.intersects(edge, &crossing) == QLineF::BoundedIntersection)
            return crossing;
    }
    return line.p1(); // the socket lies inside the box: a node dragged onto the switch
}

QPointF towards(const QLineF &line, double distance)
{
    return line.length() > distance ? line.pointAt(distance / line.length()) : line.p2();
}

QFont tagFont()
{
    QFont font = QGuiApplication::font();
    if (font.pointSizeF() > 0) // -1 for a font sized in pixels
        font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

QRectF tagRect(const QString &text, const QPointF &centre)
{
    if (text.isEmpty())
        return {};
    QRectF rect = QFontMetricsF(tagFont()).boundingRect(text).adjusted(-3, -1, 3, 1);
    rect.moveCenter(centre);
    return rect;
}

void drawTag(QPainter *painter, const QRectF &rect, const QString &text, const QColor &border)
{
    if (rect.isEmpty())
        return;
    painter->setPen(QPen(border, 1));
    painter->setBrush(QColor(255, 255, 255, 230));
    painter->drawRoundedRect(rect, 3, 3);
    painter->setPen(Qt::black);
    painter->setFont(tagFont());
    painter->drawText(rect, Qt::AlignCenter, text);
}

} // namespace

CableItem::CableItem(Ends ends, Id id, Role role, const QColor &colour)
    : m_ends(ends)
    , m_id(std::move(id))
    , m_role(role)
    , m_colour(colour)
{
    m_ends.node->addCable(this);
    if (m_role == Role::Path)
        setCursor(Qt::PointingHandCursor);
    adjust();
}

int CableItem::port() const
{
    return m_ends.socket->port();
}

QString CableItem::link() const
{
    return m_id.node + QLatin1Char(':') + m_id.interface;
}

void CableItem::setState(State state, const QString &mode)
{
    m_state = state;
    m_mode = state == State::Broken ? mode : QString();
    update();
}

void CableItem::setRate(double bitsPerSecond)
{
    prepareGeometryChange();
    m_rate = bitsPerSecond;
    m_rateText = formatBitRate(bitsPerSecond);
    placeTags();
}

double CableItem::penWidth() const
{
    return m_role == Role::Path ? cableWidthForRate(m_rate) : 1.5;
}

void CableItem::adjust()
{
    const QPointF socket = m_ends.socket->scenePos();
    const QRectF box = m_ends.node->sceneBox();
    QPointF start = box.center();
    m_slotSpacing = 0;
    const QLineF outward(m_ends.socket->parentItem() ? m_ends.socket->parentItem()->scenePos() : socket, start);
    if (outward.length() > 0 && m_ends.slotCount > 1) {
        const QPointF unit = (outward.p2() - outward.p1()) / outward.length();
        const QPointF across(-unit.y(), unit.x());
        // How far from the centre a start point can go along `across` and stay inside the box, less a margin:
        // the box is wider than tall, so cables leaving its long side can be further apart, room for their tags.
        const double halfX = std::abs(across.x()) > 1e-9 ? box.width() / 2.0 / std::abs(across.x()) : 1e9;
        const double halfY = std::abs(across.y()) > 1e-9 ? box.height() / 2.0 / std::abs(across.y()) : 1e9;
        const double room = 2.0 * (std::min(halfX, halfY) - 8.0);
        m_slotSpacing = std::min(kMaxSlotSpacing, room / (m_ends.slotCount - 1));
        start += across * (m_ends.slot - (m_ends.slotCount - 1) / 2.0) * m_slotSpacing;
    }
    const QPointF nodeEdge = boxExit(box, QLineF(start, socket));
    // Stop at the socket's rim rather than its centre, so the port number stays readable.
    const QPointF socketRim = towards(QLineF(socket, nodeEdge), kSocketDiameter / 2.0);
    prepareGeometryChange();
    m_line = QLineF(nodeEdge, socketRim);
    placeTags();
}

void CableItem::placeTags()
{
    // The interface's name past an unplugged cable's gap; the rate past the cut's cross, where the cables of one
    // node have spread apart on their way to the switch.
    // Cables closer together than a tag is high get their tags staggered along them, so no two tags overlap.
    const int levels = m_slotSpacing > 0 ? int(std::ceil(kTagPitch / m_slotSpacing)) : 1;
    const double distance = kUnplugGap + 18.0 + (m_ends.slot % levels) * 2.0 * kTagPitch;
    m_interfaceTag = tagRect(m_id.interface, towards(m_line, distance));
    // The rate just short of the switch, clear of the interface's name; on a cable too short for both apart,
    // two thirds of the way.
    const QRectF nearSwitch = tagRect(m_rateText, QPointF());
    const QLineF fromSwitch(m_line.p2(), m_line.p1());
    m_rateTag = tagRect(m_rateText, towards(fromSwitch, 6.0 + nearSwitch.width() / 2.0));
    if (m_rateTag.intersects(m_interfaceTag))
        m_rateTag = tagRect(m_rateText, m_line.pointAt(0.65));
}

QRectF CableItem::boundingRect() const
{
    const double margin = std::max(kHitWidth, kCrossSize + 4.0);
    const QRectF line = QRectF(m_line.p1(), m_line.p2()).normalized().adjusted(-margin, -margin, margin, margin);
    return line.united(m_interfaceTag).united(m_rateTag);
}

QPainterPath CableItem::shape() const
{
    QPainterPath path(m_line.p1());
    path.lineTo(m_line.p2());
    QPainterPathStroker stroker;
    stroker.setWidth(std::max(kHitWidth, penWidth()));
    QPainterPath shape = stroker.createStroke(path);
    shape.addRect(m_interfaceTag);
    shape.addRect(m_rateTag);
    return shape.simplified();
}

void CableItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    paintLine(painter);
    drawTag(painter, m_interfaceTag, m_id.interface, m_colour);
    drawTag(painter, m_rateTag, m_rateText, m_colour);
}

void CableItem::paintLine(QPainter *painter) const
{
    painter->setBrush(Qt::NoBrush);
    if (m_state == State::Broken && m_mode == QLatin1String("unplug")) {
        // Pulled from the node's socket: the cable stops short of the node, its loose end drawn as a plug, and an
        // empty socket stub stays on the node.
        const QLineF loose(towards(m_line, kUnplugGap), m_line.p2());
        painter->setPen(QPen(m_colour, 2.0, Qt::SolidLine, Qt::FlatCap));
        painter->drawLine(loose);
        painter->setPen(QPen(deadVlanColour(), 3.0, Qt::SolidLine, Qt::FlatCap));
        painter->drawLine(QLineF(m_line.p1(), towards(m_line, 8.0)));
        painter->setPen(Qt::NoPen);
        painter->setBrush(deadVlanColour());
        painter->drawEllipse(loose.p1(), 5.0, 5.0);
        return;
    }
    if (m_state == State::Broken) {
        // Cut: the port sits on the dead VLAN, so the whole cable is dead; a cross marks it.
        painter->setPen(QPen(deadVlanColour(), 2.0, Qt::DashLine));
        painter->drawLine(m_line);
        const QPointF mid = m_line.pointAt(0.5);
        painter->setPen(QPen(deadVlanColour(), 3.0, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(mid + QPointF(-kCrossSize, -kCrossSize), mid + QPointF(kCrossSize, kCrossSize));
        painter->drawLine(mid + QPointF(-kCrossSize, kCrossSize), mid + QPointF(kCrossSize, -kCrossSize));
        return;
    }
    if (m_state == State::Impaired) {
        QColor halo = impairedCableColour();
        halo.setAlpha(160);
        painter->setPen(QPen(halo, penWidth() + 5.0, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(m_line);
    }
    painter->setPen(QPen(m_colour, penWidth(), Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(m_line);
}

} // namespace mlab
