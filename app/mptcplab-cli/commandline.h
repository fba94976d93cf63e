#pragma once

#include <QStringList>

namespace mlab::cli {

// Parses `mptcplab-cli [--lab X] COMMAND [options] [arguments]` with one QCommandLineParser per command
// (its own options and arguments, its own --help) and runs the command. Returns the exit code.
int runCommandLine(const QStringList &arguments);

} // namespace mlab::cli
