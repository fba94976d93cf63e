#pragma once

// The lab file (JSON, "format": "mptcplab-lab/1", see docs/lab-format.md) in and out of a Lab. A file with any
// problem is refused as a whole, with every problem named, one per line:
//   FILE:LINE: /json/pointer: what is wrong (got VALUE; expected WHAT)

#include "core/invokinguser.h"
#include "core/result.h"
#include "lab/labmodel.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace mlab {

// The format this build reads.
QString labFormat();

// Reads, parses and validates the file; on success Lab::sourceFile is its absolute path. With readAs (root
// acting for a user: the engine started through pkexec or sudo), the file is read with that user's permissions
// (readFileAs), so a lab file can never show a user what they could not read themselves: messages quote values.
Result<Lab> loadLabFile(const QString &path, const std::optional<UserIds> &readAs = std::nullopt);

// Parses and validates lab JSON; fileName only names the source in messages. Pure: no I/O, no side effects.
Result<Lab> parseLab(const QByteArray &json, const QString &fileName);

} // namespace mlab
