#pragma once

// The lab file's optional "layout": where the desktop app draws each node's box (and the management host's, as
// "host"). The engine ignores it; a file with positions dragged in the window still runs the same lab.

#include "core/result.h"

#include <nlohmann/json_fwd.hpp>

#include <QHash>
#include <QPointF>
#include <QString>

namespace mlab {

class LabProblems;
struct Lab;

// The name "layout" gives the management host's box: no node may be called that.
QString layoutHostName();

// Reads `"layout": {"NodeA": [x, y], ..., "host": [x, y]}` into lab.layout. Names must be the lab's nodes or
// "host", positions two finite numbers within +-LayoutLimit. Call after the nodes were read.
void readLayout(const nlohmann::json &layout, const QString &pointer, Lab &lab, LabProblems &problems);
inline constexpr double LayoutLimit = 100000.0;

// Writes positions as the lab file's "layout", every other member left as it was and in its order, and replaces
// the file atomically. The new text is loaded as a lab first: a file that would no longer load is never written.
// fromFile is read (it may be a resource, such as the built-in seed lab) and toFile written; they may be equal.
Status writeLayout(const QString &fromFile, const QString &toFile, const QHash<QString, QPointF> &positions);

} // namespace mlab
