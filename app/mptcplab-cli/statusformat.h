#pragma once

#include <QJsonObject>
#include <QString>

namespace mlab::cli {

// Human-readable forms of the engine's status object.
QString formatStatus(const QJsonObject &status);
QString formatReadySummary(const QJsonObject &status);

} // namespace mlab::cli
