#include "topology/topologylegend.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace mlab {

namespace {

constexpr double kPadding = 6.0;
constexpr double kSampleWidth = 30.0;
constexpr double kRowGap = 2.0;

} // namespace

TopologyLegend::TopologyLegend(QWidget *parent)
    : QWidget(parent)
{
    // The view's cables and nodes stay clickable everywhere but under the legend's own rows.
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setFocusPolicy(Qt::NoFocus);
}

void TopologyLegend::setEntries(QList<Entry> entries)
{
    m_entries = std::move(entries);
    updateGeometry();
    resize(sizeHint());
    update();
}

QStringList TopologyLegend::texts() const
{
    QStringList texts;
    for (const Entry &entry : m_entries)
        texts.append(entry.text);
    return texts;
}

QSize TopologyLegend::sizeHint() const
{
    const QFontMetricsF metrics(font());
    double textWidth = 0;
    for (const Entry &entry : m_entries)
        textWidth = std::max(textWidth, metrics.horizontalAdvance(entry.text));
    const double rows = double(m_entries.size());
    return QSize(int(std::ceil(3 * kPadding + kSampleWidth + textWidth + kPadding)),
        int(std::ceil(2 * kPadding + rows * metrics.height() + std::max(0.0, rows - 1) * kRowGap)));
}

void TopologyLegend::changeEvent(QEvent *event)
{
    // Presentation mode enlarges the application font: the legend grows with it.
    if (event->type() == QEvent::FontChange)
        resize(sizeHint());
    QWidget::changeEvent(event);
}

void TopologyLegend::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0xb0, 0xb0, 0xb0), 1));
    painter.setBrush(QColor(255, 255, 255, 220));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    const QFontMetricsF metrics(font());
    double y = kPadding;
    for (const Entry &entry : std::as_const(m_entries)) {
        const double middle = y + metrics.height() / 2.0;
        painter.setPen(QPen(entry.colour, 3.0, entry.style, Qt::FlatCap));
        painter.drawLine(QPointF(kPadding, middle), QPointF(kPadding + kSampleWidth, middle));
        painter.setPen(Qt::black); // on the legend's own near-white background, in any palette
        const QRectF text(2 * kPadding + kSampleWidth, y, width() - 3 * kPadding - kSampleWidth, metrics.height());
        painter.drawText(text, Qt::AlignVCenter | Qt::AlignLeft, entry.text);
        y += metrics.height() + kRowGap;
    }
}

} // namespace mlab
