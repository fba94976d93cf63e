#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QLineF>
#include <QString>

namespace mlab {

class NodeItem;
class SwitchPortItem;

// The cable from a node's interface (or the host's tap) to its switch port, in the colour of its VLAN. Holds ids
// only (node, interface, port, path); what a click on it means is the scene's business. Its node end follows the
// node's box; the switch end stays at the socket.
class CableItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 4 };
    enum class Role { Path, Management };
    enum class State { Up, Broken, Impaired };

    struct Ends
    {
        NodeItem *node = nullptr;
        SwitchPortItem *socket = nullptr;
        // The cable's place among the node's cables (0..slotCount-1, in the order of their sockets): they leave the
        // box side by side across the direction to the switch instead of from one point, so each can be clicked.
        int slot = 0;
        int slotCount = 1;
    };
    struct Id
    {
        QString node;
        QString interface;
        QString path; // empty for management
        int vlan = 0;
    };

    CableItem(Ends ends, Id id, Role role, const QColor &colour);

    int type() const override { return Type; }
    int port() const;
    QString nodeName() const { return m_id.node; }
    QString interfaceName() const { return m_id.interface; }
    QString pathName() const { return m_id.path; }
    // "NodeA:eth0": how the engine names the link.
    QString link() const;
    int vlan() const { return m_id.vlan; }
    Role role() const { return m_role; }
    QColor colour() const { return m_colour; }

    State state() const { return m_state; }
    // "cut" or "unplug" while broken, else empty.
    QString breakMode() const { return m_mode; }
    void setState(State state, const QString &mode);

    double rate() const { return m_rate; }
    QString rateText() const { return m_rateText; }
    void setRate(double bitsPerSecond);
    double penWidth() const;

    // From the edge of the node's box to the switch socket, in scene coordinates.
    QLineF line() const { return m_line; }
    // Follows the node after it moved.
    void adjust();

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void placeTags();
    void paintLine(QPainter *painter) const;

    Ends m_ends;
    Id m_id;
    Role m_role;
    QColor m_colour;
    State m_state = State::Up;
    QString m_mode;
    double m_rate = 0;
    QString m_rateText;
    QLineF m_line;
    double m_slotSpacing = 0; // between this node's cables where they leave its box
    // Labels drawn on the cable itself: beside it they would sit on the neighbouring cable of the same node.
    QRectF m_interfaceTag;
    QRectF m_rateTag;
};

} // namespace mlab
