#pragma once

#include <QJsonObject>
#include <QString>

namespace mlab::cli {

// Human-readable forms of the engine's status object.
QString formatStatus(const QJsonObject &status);
QString formatReadySummary(const QJsonObject &status);
// One step of up/down (the engine's "step" event): "  [3/6] 2 nodes running ... (412 ms)"; empty while it runs.
QString formatStep(const QJsonObject &step);

} // namespace mlab::cli
