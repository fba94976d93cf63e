#include "plots/throughputplot.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QJsonArray>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

bool isSwitchSeries(const QString &name)
{
    return name.startsWith(u"switch/"_s);
}

// "path/a" and "switch/path/a" are path "a"; the totals have none.
QString pathOf(const QString &name)
{
    const QString local = isSwitchSeries(name) ? name.mid(7) : name;
    return local.startsWith(u"path/"_s) ? local.mid(5) : QString();
}

bool isPlotted(const QString &name)
{
    return name == u"total"_s || name == u"switch/total"_s || !pathOf(name).isEmpty();
}

} // namespace

ThroughputPlot::ThroughputPlot(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_markers(m_plot)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);

    m_plot->setNoAntialiasingOnDrag(true);
    // Segments instead of one polyline: Qt's raster engine strokes a long, noisy polyline wider than one pixel
    // (the total) as a single path, which took hundreds of ms per replot in bench_replot.
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    // The legend on a row of its own above the axes: inside them it hid the first seconds of every curve.
    m_plot->legend->setVisible(true);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    // Between two stretching spacers: a grid column is no wider than its narrowest element's maximum, and an
    // empty legend's maximum is its margins, which squeezed the axes to a few pixels before the first curve.
    auto *legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, legendRow);
    legendRow->addElement(0, 0, new QCPLayoutElement(m_plot));
    legendRow->addElement(0, 1, m_plot->legend);
    legendRow->addElement(0, 2, new QCPLayoutElement(m_plot));
    legendRow->setColumnStretchFactor(1, 0.001);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setMargins(QMargins(8, 2, 8, 0));
    m_plot->xAxis->setRange(0, m_windowS);
    m_plot->yAxis->setRange(0, 1);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);

    m_replotTimer.setSingleShot(true);
    m_replotTimer.setInterval(ReplotIntervalMs);
    connect(&m_replotTimer, &QTimer::timeout, this, &ThroughputPlot::refresh);

    // The user taking the time axis in hand stops the following, or the next tick would snap the view back.
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent *event) {
        if (event->button() == Qt::LeftButton)
            setPaused(true);
    });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { setPaused(true); });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { setPaused(false); });
    // A drag or zoom moves x: the y axis must fit what came into view.
    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this] {
        if (!m_settingRange)
            markDirty();
    });
    // Placed at every replot, including QCustomPlot's own on a drag or resize, once the axis rect has its size.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] { m_markers.layoutLabels(); });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) {
        const QString tip = markerToolTipAt(event->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), tip, m_plot);
    });
    retranslate();
}

ThroughputPlot::~ThroughputPlot() = default;

void ThroughputPlot::retranslate()
{
    m_plot->xAxis->setLabel(tr("Time (s)"));
    m_plot->yAxis->setLabel(tr("Throughput (Mbit/s)"));
    for (auto it = m_graphs.cbegin(); it != m_graphs.cend(); ++it) {
        if (pathOf(it.key()).isEmpty())
            it.value()->setName(tr("total", "legend: the throughput of all paths"));
    }
}

void ThroughputPlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        markDirty();
    }
    QWidget::changeEvent(event);
}

void ThroughputPlot::showEvent(QShowEvent *event)
{
    markDirty(); // replots are skipped while hidden
    QWidget::showEvent(event);
}

void ThroughputPlot::setTimeOrigin(qint64 monotonicMs)
{
    if (m_originMs == monotonicMs)
        return;
    const double shift = m_originMs ? double(*m_originMs - monotonicMs) / 1000.0 : 0.0;
    m_originMs = monotonicMs;
    if (shift != 0.0) {
        for (QCPGraph *graph : std::as_const(m_graphs)) {
            for (auto it = graph->data()->begin(); it != graph->data()->end(); ++it)
                it->key += shift;
        }
        m_settingRange = true; // a paused view keeps showing the same moments
        m_plot->xAxis->setRange(m_plot->xAxis->range() + shift);
        m_settingRange = false;
    }
    m_markers.setOriginMs(monotonicMs);
    markDirty();
}

void ThroughputPlot::ensureOrigin(qint64 atMs)
{
    if (!m_originMs)
        setTimeOrigin(atMs);
}

void ThroughputPlot::setPathOrder(const QStringList &paths)
{
    m_colours.setOrder(paths);
    for (auto it = m_graphs.cbegin(); it != m_graphs.cend(); ++it) {
        if (const QString path = pathOf(it.key()); !path.isEmpty())
            it.value()->setPen(m_colours.pen(path));
    }
    markDirty();
}

void ThroughputPlot::addTelemetry(const QJsonObject &batch)
{
    ingest(batch);
}

void ThroughputPlot::addHistory(const QJsonObject &history)
{
    ingest(history); // addPoints and the marker layer skip what is already held
}

void ThroughputPlot::ingest(const QJsonObject &object)
{
    const QJsonObject series = object.value(u"series"_s).toObject();
    const QJsonArray events = object.value(u"events"_s).toArray();
    if (!m_originMs) {
        // The earliest moment of the first data, so that nothing starts at a negative time.
        std::optional<qint64> first;
        auto consider = [&](qint64 atMs) { first = first ? std::min(*first, atMs) : atMs; };
        for (auto it = series.begin(); it != series.end(); ++it) {
            if (isPlotted(it.key())) {
                for (const QJsonValue &point : it.value().toArray()) {
                    if (point.toArray().size() >= 2)
                        consider(point.toArray().at(0).toInteger());
                }
            }
        }
        for (const QJsonValue &event : events) {
            if (event.toObject().contains(u"atMs"_s))
                consider(event.toObject().value(u"atMs"_s).toInteger());
        }
        if (first)
            setTimeOrigin(*first);
    }
    for (auto it = series.begin(); it != series.end(); ++it) {
        if (isPlotted(it.key()))
            addPoints(graphFor(it.key()), it.value().toArray());
    }
    for (const QJsonValue &event : events) {
        if (const std::optional<MarkerSpec> spec = PlotEvents::fromLabEvent(event.toObject()))
            addSpec(*spec);
    }
    markDirty();
}

void ThroughputPlot::addPoints(QCPGraph *graph, const QJsonArray &points)
{
    if (points.isEmpty())
        return;
    QVector<QCPGraphData> incoming;
    incoming.reserve(points.size());
    for (const QJsonValue &value : points) {
        const QJsonArray pair = value.toArray();
        if (pair.size() >= 2)
            incoming.append(QCPGraphData(double(pair.at(0).toInteger() - *m_originMs) / 1000.0,
                pair.at(1).toDouble() / 1e6)); // bits/s to Mbit/s
    }
    auto byKey = [](const QCPGraphData &a, const QCPGraphData &b) { return a.key < b.key; };
    if (!std::is_sorted(incoming.cbegin(), incoming.cend(), byKey))
        std::stable_sort(incoming.begin(), incoming.end(), byKey);
    incoming.erase(std::unique(incoming.begin(), incoming.end(),
                       [](const QCPGraphData &a, const QCPGraphData &b) { return b.key - a.key < SameMomentS; }),
        incoming.end());

    const QSharedPointer<QCPGraphDataContainer> data = graph->data();
    if (!incoming.isEmpty() && !data->isEmpty()
        && incoming.constFirst().key < (data->constEnd() - 1)->key + SameMomentS) {
        // Overlap (a history after live batches): keep only the moments not held yet.
        incoming.removeIf([&](const QCPGraphData &point) {
            const auto it = data->findBegin(point.key - SameMomentS, false);
            return it != data->constEnd() && it->key < point.key + SameMomentS;
        });
    }
    data->add(incoming, true);
    // Trimmed in steps of a tenth: removeBefore is cheap (the container only moves its start), but not free.
    if (data->size() > MaxPointsPerSeries + MaxPointsPerSeries / 10)
        data->removeBefore((data->constEnd() - MaxPointsPerSeries)->key);
}

QCPGraph *ThroughputPlot::graphFor(const QString &seriesName)
{
    if (QCPGraph *graph = m_graphs.value(seriesName))
        return graph;
    QCPGraph *graph = m_plot->addGraph();
    graph->setAdaptiveSampling(true);
    const QString path = pathOf(seriesName);
    graph->setName(path.isEmpty() ? tr("total", "legend: the throughput of all paths") : path);
    graph->setPen(path.isEmpty() ? QPen(QColor(0x30, 0x30, 0x30), 2) : m_colours.pen(path));
    m_graphs.insert(seriesName, graph);
    showSource();
    return graph;
}

bool ThroughputPlot::isShown(const QString &seriesName) const
{
    return isSwitchSeries(seriesName) == (m_source == Source::Switch);
}

QStringList ThroughputPlot::shownSeries() const
{
    QStringList names;
    for (auto it = m_graphs.cbegin(); it != m_graphs.cend(); ++it) {
        if (isShown(it.key()))
            names << it.key();
    }
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        const bool aTotal = pathOf(a).isEmpty();
        return aTotal != pathOf(b).isEmpty() ? !aTotal : a < b;
    });
    return names;
}

QCPGraph *ThroughputPlot::graph(const QString &seriesName) const
{
    return m_graphs.value(seriesName);
}

void ThroughputPlot::addLinkEvent(const QJsonObject &event)
{
    if (const std::optional<MarkerSpec> spec = PlotEvents::fromLinkEvent(event))
        addSpec(*spec);
}

void ThroughputPlot::addMarker(qint64 atMs, const QString &label, const QString &details, MarkerKind kind)
{
    addSpec(MarkerSpec { atMs, kind, label, details, -1, QString() });
}

void ThroughputPlot::addSpec(const MarkerSpec &spec)
{
    ensureOrigin(spec.atMs);
    if (m_markers.add(spec))
        markDirty();
}

void ThroughputPlot::clear()
{
    for (QCPGraph *graph : std::as_const(m_graphs))
        m_plot->removeGraph(graph);
    m_graphs.clear();
    m_markers.clear();
    m_originMs.reset();
    m_settingRange = true;
    m_plot->xAxis->setRange(0, m_windowS > 0 ? m_windowS : 1);
    m_plot->yAxis->setRange(0, 1);
    m_settingRange = false;
    markDirty();
}

} // namespace mlab
