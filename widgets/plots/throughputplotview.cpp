// ThroughputPlot: what the view shows (window, pause, source) and the one timer that redraws it.

#include "plots/throughputplot.h"

#include <qcustomplot.h>

#include <algorithm>

namespace mlab {

namespace {

constexpr double MarkerHoverPx = 4;
constexpr double Headroom = 1.15;

} // namespace

void ThroughputPlot::setWindow(int seconds)
{
    seconds = std::max(0, seconds);
    if (seconds == m_windowS)
        return;
    m_windowS = seconds;
    if (m_paused) {
        // Paused, the view keeps its right edge: the moment the user is looking at.
        m_settingRange = true;
        const double upper = m_plot->xAxis->range().upper;
        if (seconds > 0)
            m_plot->xAxis->setRange(upper - seconds, upper);
        else if (const std::optional<QCPRange> all = followingRange())
            m_plot->xAxis->setRange(*all);
        m_settingRange = false;
    }
    markDirty();
    Q_EMIT windowChanged(seconds);
}

void ThroughputPlot::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    markDirty();
    Q_EMIT pausedChanged(paused);
}

void ThroughputPlot::showSource()
{
    for (auto it = m_graphs.cbegin(); it != m_graphs.cend(); ++it)
        it.value()->setVisible(isShown(it.key()));
    // Rebuilt so that the legend lists the paths by name and the total last, whatever order they arrived in.
    m_plot->legend->clearItems();
    for (const QString &name : shownSeries())
        m_graphs.value(name)->addToLegend();
}

void ThroughputPlot::setSource(Source source)
{
    if (source == m_source)
        return;
    m_source = source;
    showSource();
    markDirty();
    Q_EMIT sourceChanged(source);
}

QCPRange ThroughputPlot::xRange() const
{
    return m_plot->xAxis->range();
}

QCPRange ThroughputPlot::yRange() const
{
    return m_plot->yAxis->range();
}

QString ThroughputPlot::markerToolTipAt(const QPoint &plotPos) const
{
    if (!m_plot->axisRect()->rect().contains(plotPos))
        return {};
    return m_markers.toolTipAt(plotPos.x(), MarkerHoverPx);
}

void ThroughputPlot::markDirty()
{
    m_dirty = true;
    if (!m_replotTimer.isActive())
        m_replotTimer.start();
}

void ThroughputPlot::refresh()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    applyRanges();
    if (isVisible())
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ThroughputPlot::applyRanges()
{
    m_settingRange = true;
    if (!m_paused) {
        if (const std::optional<QCPRange> range = followingRange())
            m_plot->xAxis->setRange(*range);
    }
    fitValueAxis();
    m_settingRange = false;
    // Several points a pixel: adaptive sampling draws a band of vertical strokes, where antialiasing shows nothing
    // and cost 3 of 9 ms CPU a replot for an hour's data in bench_replot.
    const double pixels = std::max(1, m_plot->axisRect()->width());
    for (QCPGraph *graph : std::as_const(m_graphs)) {
        const auto data = graph->data();
        const auto visible = data->findEnd(xRange().upper) - data->findBegin(xRange().lower);
        graph->setAntialiased(double(visible) < 2 * pixels);
    }
}

std::optional<QCPRange> ThroughputPlot::shownKeyRange() const
{
    std::optional<QCPRange> keys;
    for (auto it = m_graphs.cbegin(); it != m_graphs.cend(); ++it) {
        const QSharedPointer<QCPGraphDataContainer> data = it.value()->data();
        if (!isShown(it.key()) || data->isEmpty())
            continue;
        const QCPRange own(data->constBegin()->key, (data->constEnd() - 1)->key);
        keys = keys ? QCPRange(std::min(keys->lower, own.lower), std::max(keys->upper, own.upper)) : own;
    }
    return keys;
}

std::optional<QCPRange> ThroughputPlot::followingRange() const
{
    const std::optional<QCPRange> keys = shownKeyRange();
    if (!keys)
        return std::nullopt;
    if (m_windowS == 0)
        return QCPRange(keys->lower, std::max(keys->upper, keys->lower + 1.0));
    // Until a window's worth has arrived the data fills it from the left instead of stretching.
    const double upper = std::max(keys->upper, keys->lower + m_windowS);
    return QCPRange(upper - m_windowS, upper);
}

void ThroughputPlot::fitValueAxis()
{
    double top = 0;
    for (auto it = m_graphs.cbegin(); it != m_graphs.cend(); ++it) {
        if (!isShown(it.key()))
            continue;
        bool found = false;
        const QCPRange values = it.value()->getValueRange(found, QCP::sdBoth, m_plot->xAxis->range());
        if (found)
            top = std::max(top, values.upper);
    }
    const double wanted = top > 0 ? top * Headroom : 1.0;
    const double current = m_plot->yAxis->range().upper;
    // Grows at once, shrinks only when the data uses well under the axis: an axis rescaled at every replot by a
    // few percent makes the curves wobble and is unreadable.
    if (wanted > current || wanted < current * 0.6)
        m_plot->yAxis->setRange(0, wanted);
}

} // namespace mlab
