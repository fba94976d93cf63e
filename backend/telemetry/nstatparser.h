#pragma once

// `nstat -az` and `nstat -asz 'MPTcp*'`: "#kernel", then one "Name value rate" line per counter; without -a a
// line may end in " (overflow)" (iproute2 misc/nstat.c dump_incr_db()).

#include "mptcp/parsed.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace mlab {

// Counter name -> value as printed (absolute with -a, else the increment). The "#kernel" header is not a counter
// and is not counted as skipped; a line cut short or with a non-number value is skipped and counted. An
// "(overflow)" mark is dropped: the map has no room for it, and nstat prints 0 on such a line anyway.
Parsed<QMap<QString, qint64>> parseNstat(const QByteArray &output);

} // namespace mlab
