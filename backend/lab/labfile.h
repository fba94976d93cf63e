#pragma once

// The lab file (JSON, "format": "mptcplab-lab/1", see docs/lab-format.md) in and out of a Lab. A file with any
// problem is refused as a whole, with every problem named, one per line:
//   FILE:LINE: /json/pointer: what is wrong (got VALUE; expected WHAT)

#include "core/result.h"
#include "lab/labmodel.h"

#include <QByteArray>
#include <QString>

namespace mlab {

// The format this build reads.
QString labFormat();

// Reads, parses and validates the file; on success Lab::sourceFile is its absolute path.
Result<Lab> loadLabFile(const QString &path);

// Parses and validates lab JSON; fileName only names the source in messages. Pure: no I/O, no side effects.
Result<Lab> parseLab(const QByteArray &json, const QString &fileName);

} // namespace mlab
