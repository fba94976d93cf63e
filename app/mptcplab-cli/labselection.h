#pragma once

#include "core/result.h"
#include "lab/labmodel.h"

#include <QString>

namespace mlab::cli {

// The lab `up` and `script` use when no --lab is given; built into the program.
inline const QString defaultLabFile = QStringLiteral(":/labs/seed.json");

// Loads and validates a lab file; the error lists every problem.
Result<Lab> loadLab(const QString &file);

// For down/status/break/restore: the lab named by --lab (a lab file or a
// lab name), or else the one running lab. Fails when none or several run.
Result<QString> selectRunningLab(const QString &labOption);

} // namespace mlab::cli
