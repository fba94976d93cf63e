#pragma once

#include "core/result.h"
#include "lab/labmodel.h"

#include <QString>

namespace mlab::cli {

// The lab `up` and `script` use when no --lab is given; built into the program.
inline const QString defaultLabFile = QStringLiteral(":/labs/seed.json");

// Loads and validates a lab file; the error lists every problem. After readLabFilesAsInvokingUser(), a file
// (not a lab built into the program) is read with the permissions of the user root acts for.
Result<Lab> loadLab(const QString &file);

// For the engine (`serve`), which runs as root for the user who started it through pkexec or sudo: from now
// on loadLab() reads lab files as that user (docs/trust.md). Without such a user (root itself) nothing changes.
void readLabFilesAsInvokingUser();

// For down/status/break/restore: the lab named by --lab (a lab file or a
// lab name), or else the one running lab. Fails when none or several run.
Result<QString> selectRunningLab(const QString &labOption);

} // namespace mlab::cli
