#pragma once

#include "core/result.h"
#include "lab/labmodel.h"

#include <QString>

class QApplication;

namespace mlab {

// The lab the window opens when no --lab is given: built into the program.
inline const QString builtInSeedLab = QStringLiteral(":/labs/seed.json");

// mptcplab-cli, which starts the lab's engine: installed next to this program, or in the build tree.
Result<QString> findCliProgram();

// Installs the Qt and MPTCP Lab translations for language ("it", "en", ...; empty: the system's locale).
// Returns the language in use.
QString installTranslations(QApplication &app, const QString &language);

} // namespace mlab
