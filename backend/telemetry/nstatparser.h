#pragma once

// `nstat -az` and `nstat -asz 'MPTcp*'`: "#kernel", then one "Name value rate" line per counter.

#include "mptcp/parsed.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace mlab {

// Counter name -> absolute value. The "#kernel" header is not a counter and is not counted as skipped;
// a line cut short or with a non-number value is skipped and counted.
Parsed<QMap<QString, qint64>> parseNstat(const QByteArray &output);

} // namespace mlab
