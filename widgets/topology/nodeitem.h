#pragma once

#include <QGraphicsItem>
#include <QList>
#include <QString>

namespace mlab {

class CableItem;

// A node of the lab as a movable box: its name and a caption (the node's kind), or for a VM a badge in its
// place. Holds the node's name only; the cables plugged into it follow it when it moves.
class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    NodeItem(const QString &name, const QString &title, const QString &caption);

    int type() const override { return Type; }
    QString name() const { return m_name; }
    // The box in scene coordinates, where cables end.
    QRectF sceneBox() const;
    void addCable(CableItem *cable);
    QString caption() const { return m_caption; }
    // Drawn as a pill in place of the caption ("VM · TCG"); alarm draws it in the colour of broken things.
    // Empty: the caption, as a namespace node shows it.
    void setBadge(const QString &text, bool alarm = false);
    QString badge() const { return m_badge; }
    bool badgeAlarm() const { return m_badgeAlarm; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    virtual QColor fillColour() const;

private:
    void paintBadge(QPainter *painter, const QRectF &area) const;

    QString m_name;
    QString m_title;
    QString m_caption;
    QString m_badge;
    bool m_badgeAlarm = false;
    QList<CableItem *> m_cables;
};

// The management host: the tap on the host side of the management network. A box like a node's, so it can be
// moved and its cable follows, but a different type: it is not a node of the lab and cannot be broken.
class HostItem : public NodeItem
{
public:
    enum { Type = UserType + 3 };

    using NodeItem::NodeItem;
    int type() const override { return Type; }

protected:
    QColor fillColour() const override;
};

} // namespace mlab
