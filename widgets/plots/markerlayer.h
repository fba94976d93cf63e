#pragma once

#include "plots/plotevents.h"

#include <QCoreApplication>
#include <QList>

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;

namespace mlab {

// The vertical event lines of a ThroughputPlot, each a QCPItemStraightLine with a QCPItemText label. Breaks and
// restores are few and always kept, labelled along the top; MPTCP events and notes are faint, labelled along the
// bottom and capped, because a flapping path manager produces thousands and every item costs time at each replot.
// Labels are horizontal (rotated text cost 2 ms a replot in bench_replot) and never overprint one another: where
// they would, the newer wins and the older shows its details only in the tooltip.
class MarkerLayer
{
    Q_DECLARE_TR_FUNCTIONS(MarkerLayer)

public:
    static constexpr int MaxMinorMarkers = 300;
    // With more minor markers than this in view, none is labelled: the lines stay, the labels come back when the
    // user zooms in, and the replot does not spend its time placing labels that mostly cannot be shown.
    static constexpr int MaxMinorLabels = 40;
    // The `link` event and the event log stamp one click a few ms apart; further apart it is another click.
    static constexpr qint64 SameClickMs = 2000;

    explicit MarkerLayer(QCustomPlot *plot);
    ~MarkerLayer();
    MarkerLayer(const MarkerLayer &) = delete;
    MarkerLayer &operator=(const MarkerLayer &) = delete;

    // False when it merged into an existing marker (the same event seen twice) or was older than every kept minor
    // marker while the cap is reached.
    bool add(const MarkerSpec &spec);
    void setOriginMs(qint64 originMs); // moves every line: x is seconds since the origin
    void layoutLabels(); // at each replot, once the axis rect is laid out
    void clear();

    QList<MarkerSpec> markers() const; // breaks and restores, then the minor ones; each oldest first
    qint64 droppedMinor() const { return m_droppedMinor; }
    // The details of the markers within maxDistancePx of the pixel column x, newest last; empty when none.
    QString toolTipAt(double x, double maxDistancePx) const;

private:
    struct Marker
    {
        MarkerSpec spec;
        QCPItemStraightLine *line = nullptr;
        QCPItemText *text = nullptr;
        double labelWidthPx = 0;
    };

    Marker *sameClick(const MarkerSpec &spec);
    bool isKnown(const MarkerSpec &spec) const;
    Marker create(const MarkerSpec &spec);
    void place(const Marker &marker) const;
    void setLabel(Marker &marker, const QString &label) const;
    void layoutRow(const QList<Marker> &row, bool labelled, Qt::Alignment vertical) const;
    void remove(const Marker &marker);

    QCustomPlot *m_plot;
    qint64 m_originMs = 0;
    QList<Marker> m_major; // breaks and restores, in time order
    QList<Marker> m_minor; // MPTCP events and notes, in time order, at most MaxMinorMarkers
    qint64 m_droppedMinor = 0;
};

} // namespace mlab
