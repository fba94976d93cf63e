#pragma once

// Markers on the throughput plot: what they say, and how the engine's events (the telemetry batch's `events`, the
// `link` event) become one. Pure functions of the JSON, so the wording is tested without a plot.

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace mlab {

enum class MarkerKind { Break, Restore, MptcpEvent, Other };

struct MarkerSpec
{
    qint64 atMs = 0; // CLOCK_MONOTONIC, like every engine time
    MarkerKind kind = MarkerKind::Other;
    QString label; // short, drawn on the plot: "NodeA:eth0 cut", "+sf"
    QString details; // the tooltip, one line per source
    // A break or restore is announced twice (the `link` event and the telemetry event log, a few ms apart):
    // the switch port lets the two be merged into one marker, and `link` says which of them named the link.
    int port = -1;
    QString link;

    bool isMinor() const { return kind == MarkerKind::MptcpEvent || kind == MarkerKind::Other; }
};

class PlotEvents
{
    Q_DECLARE_TR_FUNCTIONS(PlotEvents)

public:
    // One entry of a telemetry batch's or a history's `events` (mlab::toJson(LabEvent)).
    static std::optional<MarkerSpec> fromLabEvent(const QJsonObject &event);
    // The `link` event: {port, link, broken, mode, atMs}.
    static std::optional<MarkerSpec> fromLinkEvent(const QJsonObject &event);
    // A short label for an MPTCP event ("SF_ESTABLISHED ..." is "+sf"): hundreds may share the plot.
    static QString mptcpLabel(const QString &text, const QJsonObject &detail);
};

} // namespace mlab
