#pragma once

#include "telemetry/eventlog.h"
#include "telemetry/report.h"
#include "telemetry/timeseries.h"

#include <QJsonObject>

namespace mlab {

struct Lab;

// The engine's "history" reply (see TelemetryHub::history) read back on the client side.
QList<TimePoint> seriesFromJson(const QJsonObject &history, const QString &name);
QList<LabEvent> eventsFromJson(const QJsonObject &history);

// A history fetched page by page (a reply with "truncated": true says to ask again from its "nextSinceMs"):
// adds one page to what the earlier pages gave. Series points, events and subflowHistory are appended; now,
// subflows, truncated and nextSinceMs become the page's.
void appendHistoryPage(QJsonObject &history, const QJsonObject &page);

// A report's input from a history: per-path throughput from the nodes'
// counters, the break (with its mode) and restore of the port behind `link`, events, subflow tables, and the
// lab's failover.routing.
ReportInput reportInputFromHistory(const QJsonObject &history, const Lab &lab, const QString &link, int brokenPort);

} // namespace mlab
