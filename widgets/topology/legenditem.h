#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QList>
#include <QString>

namespace mlab {

// What the cable colours and styles mean: one row per path VLAN, the management VLAN, the dead VLAN and the
// kinds of break, each with a sample of the line.
class LegendItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 5 };

    struct Entry
    {
        QColor colour;
        Qt::PenStyle style = Qt::SolidLine;
        QString text;
    };

    explicit LegendItem(QList<Entry> entries);

    int type() const override { return Type; }
    QStringList texts() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QList<Entry> m_entries;
    QSizeF m_size;
};

} // namespace mlab
