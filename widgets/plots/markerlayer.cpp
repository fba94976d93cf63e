#include "plots/markerlayer.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace mlab {

namespace {

struct Look
{
    QPen pen;
    QColor textColour;
    bool atTop = true; // breaks and restores label the top; the many minor markers stay out of their way below
    qreal pointSizeFactor = 1.0;
};

Look lookOf(MarkerKind kind)
{
    switch (kind) {
    case MarkerKind::Break:
        return { QPen(QColor(0xb2, 0x18, 0x2b), 1.5), QColor(0xb2, 0x18, 0x2b), true, 1.0 };
    case MarkerKind::Restore:
        return { QPen(QColor(0x1b, 0x78, 0x37), 1.5, Qt::DashLine), QColor(0x1b, 0x78, 0x37), true, 1.0 };
    case MarkerKind::MptcpEvent:
        // A faint hairline: visible when looked for, not competing with the data. Solid, because Qt dashes each
        // of hundreds of lines at every replot (bench_replot: 3 ms of 12 for an hour's markers).
        return { QPen(QColor(0x80, 0x80, 0x80, 0x70), 0), QColor(0x70, 0x70, 0x70), false, 0.8 };
    case MarkerKind::Other:
        break;
    }
    return { QPen(QColor(0x5a, 0x6e, 0x8c, 0x90), 0), QColor(0x5a, 0x6e, 0x8c), false, 0.8 };
}

bool earlier(const MarkerSpec &a, const MarkerSpec &b)
{
    return a.atMs < b.atMs;
}

} // namespace

MarkerLayer::MarkerLayer(QCustomPlot *plot)
    : m_plot(plot)
{ }

MarkerLayer::~MarkerLayer() = default; // the plot owns the items and deletes them with itself

MarkerLayer::Marker *MarkerLayer::sameClick(const MarkerSpec &spec)
{
    if (spec.port < 0)
        return nullptr;
    for (Marker &marker : m_major) {
        if (marker.spec.kind == spec.kind && marker.spec.port == spec.port
            && std::abs(marker.spec.atMs - spec.atMs) <= SameClickMs)
            return &marker;
    }
    return nullptr;
}

bool MarkerLayer::isKnown(const MarkerSpec &spec) const
{
    // A history fetched after live batches repeats events the plot already has.
    const QList<Marker> &list = spec.isMinor() ? m_minor : m_major;
    return std::any_of(list.cbegin(), list.cend(), [&](const Marker &m) {
        return m.spec.atMs == spec.atMs && m.spec.kind == spec.kind && m.spec.label == spec.label
            && m.spec.details == spec.details;
    });
}

bool MarkerLayer::add(const MarkerSpec &spec)
{
    if (isKnown(spec))
        return false;
    if (Marker *existing = sameClick(spec)) {
        // The `link` event names the link and the mode; the event log only the port.
        if (existing->spec.link.isEmpty() && !spec.link.isEmpty()) {
            existing->spec.link = spec.link;
            setLabel(*existing, spec.label);
        }
        if (!existing->spec.details.split(u'\n').contains(spec.details))
            existing->spec.details += u'\n' + spec.details;
        return false;
    }
    QList<Marker> &list = spec.isMinor() ? m_minor : m_major;
    if (spec.isMinor() && m_minor.size() >= MaxMinorMarkers) {
        ++m_droppedMinor;
        if (spec.atMs < m_minor.constFirst().spec.atMs)
            return false;
        remove(m_minor.takeFirst());
    }
    const auto at = std::upper_bound(
        list.cbegin(), list.cend(), spec, [](const MarkerSpec &s, const Marker &m) { return earlier(s, m.spec); });
    list.insert(at - list.cbegin(), create(spec));
    return true;
}

MarkerLayer::Marker MarkerLayer::create(const MarkerSpec &spec)
{
    const Look look = lookOf(spec.kind);
    Marker marker { spec, new QCPItemStraightLine(m_plot), new QCPItemText(m_plot) };
    marker.line->setPen(look.pen);
    marker.line->setSelectable(false);
    marker.line->setAntialiased(false); // vertical: crisp without it, and cheaper
    // x in plot coordinates, y as a fraction of the axis rect: the line spans the plot whatever the y range.
    for (QCPItemPosition *p : { marker.line->point1, marker.line->point2, marker.text->position }) {
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    QFont font = m_plot->font();
    if (font.pointSizeF() > 0) // a font sized in pixels has no point size
        font.setPointSizeF(font.pointSizeF() * look.pointSizeFactor);
    marker.text->setFont(font);
    marker.text->setColor(look.textColour);
    marker.text->setSelectable(false);
    marker.text->setPadding(QMargins(3, 1, 3, 1));
    if (look.atTop)
        marker.text->setBrush(QColor(255, 255, 255, 200));
    setLabel(marker, spec.label);
    place(marker);
    return marker;
}

void MarkerLayer::setLabel(Marker &marker, const QString &label) const
{
    marker.spec.label = label;
    marker.text->setText(label);
    const QMargins padding = marker.text->padding();
    marker.labelWidthPx
        = QFontMetricsF(marker.text->font()).horizontalAdvance(label) + padding.left() + padding.right();
}

void MarkerLayer::layoutLabels()
{
    const QCPRange view = m_plot->xAxis->range();
    const auto inView = [&](const Marker &marker) { return view.contains(marker.line->point1->coords().x()); };
    layoutRow(m_major, true, Qt::AlignTop);
    layoutRow(m_minor, std::count_if(m_minor.cbegin(), m_minor.cend(), inView) <= MaxMinorLabels, Qt::AlignBottom);
}

void MarkerLayer::layoutRow(const QList<Marker> &row, bool labelled, Qt::Alignment vertical) const
{
    constexpr double GapPx = 6;
    const double left = m_plot->axisRect()->left();
    const double right = m_plot->axisRect()->right();
    // Breaks first, then newest first: of a break and its restore seconds later the break is named, and a live
    // view names what just happened.
    QList<const Marker *> order;
    order.reserve(row.size());
    for (const Marker &marker : row) {
        marker.text->setVisible(false);
        if (labelled)
            order << &marker;
    }
    std::stable_sort(order.begin(), order.end(), [](const Marker *a, const Marker *b) {
        const bool aBreak = a->spec.kind == MarkerKind::Break;
        return aBreak != (b->spec.kind == MarkerKind::Break) ? aBreak : a->spec.atMs > b->spec.atMs;
    });
    QList<QCPRange> taken; // pixel extents of the labels placed so far
    for (const Marker *marker : std::as_const(order)) {
        const double x = m_plot->xAxis->coordToPixel(marker->line->point1->coords().x());
        if (x < left || x > right)
            continue;
        // Right of its line, or left of it where the plot ends (the newest event is usually at the right edge).
        const bool flip = x + marker->labelWidthPx > right;
        const QCPRange extent(flip ? x - marker->labelWidthPx - GapPx : x, flip ? x : x + marker->labelWidthPx + GapPx);
        if (std::any_of(taken.cbegin(), taken.cend(),
                [&](const QCPRange &t) { return extent.lower < t.upper && t.lower < extent.upper; }))
            continue;
        marker->text->setPositionAlignment((flip ? Qt::AlignRight : Qt::AlignLeft) | vertical);
        marker->text->setVisible(true);
        taken << extent;
    }
}

void MarkerLayer::place(const Marker &marker) const
{
    const double x = double(marker.spec.atMs - m_originMs) / 1000.0;
    marker.line->point1->setCoords(x, 0.0);
    marker.line->point2->setCoords(x, 1.0);
    marker.text->position->setCoords(x, lookOf(marker.spec.kind).atTop ? 0.0 : 1.0);
}

void MarkerLayer::remove(const Marker &marker)
{
    m_plot->removeItem(marker.line);
    m_plot->removeItem(marker.text);
}

void MarkerLayer::setOriginMs(qint64 originMs)
{
    m_originMs = originMs;
    for (const QList<Marker> *list : { &m_major, &m_minor }) {
        for (const Marker &marker : *list)
            place(marker);
    }
}

void MarkerLayer::clear()
{
    for (const QList<Marker> *list : { &m_major, &m_minor }) {
        for (const Marker &marker : *list)
            remove(marker);
    }
    m_major.clear();
    m_minor.clear();
    m_droppedMinor = 0;
}

QList<MarkerSpec> MarkerLayer::markers() const
{
    QList<MarkerSpec> specs;
    specs.reserve(m_major.size() + m_minor.size());
    for (const QList<Marker> *list : { &m_major, &m_minor }) {
        for (const Marker &marker : *list)
            specs << marker.spec;
    }
    return specs;
}

QString MarkerLayer::toolTipAt(double x, double maxDistancePx) const
{
    constexpr int MaxLines = 8; // a burst of MPTCP events at one instant would make a screen-high tooltip
    QList<const Marker *> near;
    for (const QList<Marker> *list : { &m_major, &m_minor }) {
        for (const Marker &marker : *list) {
            if (std::abs(m_plot->xAxis->coordToPixel(marker.line->point1->coords().x()) - x) <= maxDistancePx)
                near << &marker;
        }
    }
    std::sort(near.begin(), near.end(), [](const Marker *a, const Marker *b) { return earlier(a->spec, b->spec); });
    QStringList lines;
    for (const Marker *marker : near) {
        if (lines.size() == MaxLines) {
            lines << tr("… and %n more", nullptr, int(near.size()) - MaxLines);
            break;
        }
        const double seconds = double(marker->spec.atMs - m_originMs) / 1000.0;
        lines << tr("%1 s: %2").arg(seconds, 0, 'f', 1).arg(marker->spec.details);
    }
    return lines.join(u'\n');
}

} // namespace mlab
