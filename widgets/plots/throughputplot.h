#pragma once

#include "core/result.h"
#include "plots/markerlayer.h"
#include "plots/pathcolours.h"

#include <QHash>
#include <QJsonObject>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QCustomPlot;
class QCPGraph;
class QCPRange;

namespace mlab {

// Live throughput per path and in total (Mbit/s) over seconds since a time origin, fed with the engine's telemetry
// batches (docs/engine-api.md). Data only marks the plot dirty; one timer redraws it at most every
// ReplotIntervalMs, so a burst of batches costs one replot.
class ThroughputPlot : public QWidget
{
    Q_OBJECT

public:
    // Which counters draw the paths: the nodes' interfaces (`path/<name>`, `total`) or the switch's ports
    // (`switch/path/<name>`, `switch/total`). Both are stored; switching shows the other set at once.
    enum class Source { Nodes, Switch };
    Q_ENUM(Source)
    enum class ExportRange { Visible, All };

    static constexpr int ReplotIntervalMs = 50; // at most 20 replots a second
    // About 12 h at 10 Hz per series (16 bytes a point); older points go first.
    static constexpr int MaxPointsPerSeries = 432000;
    // x is seconds made of whole milliseconds: two keys closer than this are the same moment.
    static constexpr double SameMomentS = 0.0005;

    explicit ThroughputPlot(QWidget *parent = nullptr);
    ~ThroughputPlot() override;

    // x = (atMs - origin) / 1000. Until set, the first point or marker that arrives sets it.
    void setTimeOrigin(qint64 monotonicMs);
    std::optional<qint64> timeOrigin() const { return m_originMs; }
    void setPathOrder(const QStringList &paths); // the lab's paths, for stable colours (see PathColours)

    // A `telemetry` event: its `series` (the ones this plot shows, both sources) and `events` (as markers).
    void addTelemetry(const QJsonObject &batch);
    // A `history` reply (or pages joined by appendHistoryPage): the same fields, possibly overlapping what live
    // batches already brought; points and events already held are skipped.
    void addHistory(const QJsonObject &history);
    // A `link` event; merges with the telemetry event of the same click and gives the marker its link name.
    void addLinkEvent(const QJsonObject &event);
    void addMarker(qint64 atMs, const QString &label, const QString &details, MarkerKind kind);
    void clear(); // data and markers; the time origin is unset, path colours stay

    // Seconds shown, ending at the newest point; 0 shows everything.
    void setWindow(int seconds);
    int window() const { return m_windowS; }
    // Paused: data is still stored but the view stays where it is (the user may drag and zoom it).
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void setSource(Source source);
    Source source() const { return m_source; }

    // What is on screen, as an image or vector PDF; width/height 0 is the widget's size.
    Status exportPng(const QString &path, int width = 0, int height = 0);
    Status exportPdf(const QString &path, int width = 0, int height = 0);
    // Header `time_s,<series>_Mbps,...` (the shown series: paths, then the total), one row per sampled moment, an
    // empty cell where a series has no point then. Visible: the x range on screen; All: everything stored.
    Status exportCsv(const QString &path, ExportRange range = ExportRange::Visible);

    // What is shown, for the controls, tests and the benchmark.
    QCustomPlot *customPlot() const { return m_plot; }
    QStringList shownSeries() const; // series names, paths sorted, the total last
    QCPGraph *graph(const QString &seriesName) const;
    QCPRange xRange() const;
    QCPRange yRange() const;
    QList<MarkerSpec> markers() const { return m_markers.markers(); }
    qint64 droppedMarkers() const { return m_markers.droppedMinor(); }
    QString markerToolTipAt(const QPoint &plotPos) const; // empty when no marker is near

signals:
    void pausedChanged(bool paused);
    void windowChanged(int seconds);
    void sourceChanged(ThroughputPlot::Source source);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void ingest(const QJsonObject &object);
    void ensureOrigin(qint64 atMs);
    QCPGraph *graphFor(const QString &seriesName);
    bool isShown(const QString &seriesName) const;
    void addPoints(QCPGraph *graph, const QJsonArray &points);
    void addSpec(const MarkerSpec &spec);
    void markDirty();
    void refresh();
    void applyRanges();
    void showSource(); // graph visibility and legend
    std::optional<QCPRange> shownKeyRange() const; // of the shown data
    std::optional<QCPRange> followingRange() const; // the window ending at the newest point
    void fitValueAxis();
    void retranslate();
    Status checkWritable(const QString &path, const QString &what) const;

    QCustomPlot *m_plot;
    MarkerLayer m_markers;
    PathColours m_colours;
    QHash<QString, QCPGraph *> m_graphs; // by series name, both sources
    QTimer m_replotTimer;
    std::optional<qint64> m_originMs;
    int m_windowS = 120;
    Source m_source = Source::Nodes;
    bool m_paused = false;
    bool m_dirty = false;
    bool m_settingRange = false; // our own range changes are not the user's
};

} // namespace mlab
