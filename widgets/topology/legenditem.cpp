#include "topology/legenditem.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>

namespace mlab {

namespace {

constexpr double kPadding = 8.0;
constexpr double kSampleWidth = 36.0;
constexpr double kRowGap = 4.0;

} // namespace

LegendItem::LegendItem(QList<Entry> entries)
    : m_entries(std::move(entries))
{
    // Sized once from the application font, which is also the one paint() gets.
    const QFontMetricsF metrics(QGuiApplication::font());
    double textWidth = 0;
    for (const Entry &entry : std::as_const(m_entries))
        textWidth = std::max(textWidth, metrics.horizontalAdvance(entry.text));
    const double rows = double(m_entries.size());
    m_size = QSizeF(2 * kPadding + kSampleWidth + kPadding + textWidth,
        2 * kPadding + rows * metrics.height() + std::max(0.0, rows - 1) * kRowGap);
}

QStringList LegendItem::texts() const
{
    QStringList texts;
    for (const Entry &entry : m_entries)
        texts.append(entry.text);
    return texts;
}

QRectF LegendItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), m_size);
}

void LegendItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setPen(QPen(QColor(0xb0, 0xb0, 0xb0), 1));
    painter->setBrush(QColor(255, 255, 255, 230));
    painter->drawRoundedRect(boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    const QFontMetricsF metrics(painter->font());
    double y = kPadding;
    for (const Entry &entry : std::as_const(m_entries)) {
        const double middle = y + metrics.height() / 2.0;
        painter->setPen(QPen(entry.colour, 3.0, entry.style, Qt::FlatCap));
        painter->drawLine(QPointF(kPadding, middle), QPointF(kPadding + kSampleWidth, middle));
        painter->setPen(Qt::black);
        const QRectF text(
            2 * kPadding + kSampleWidth, y, m_size.width() - 3 * kPadding - kSampleWidth, metrics.height());
        painter->drawText(text, Qt::AlignVCenter | Qt::AlignLeft, entry.text);
        y += metrics.height() + kRowGap;
    }
}

} // namespace mlab
