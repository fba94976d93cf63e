#pragma once

// Transcript entries back into the Commands that mptcp/script.h's exportScript() writes as a shell script,
// so an export of what the lab ran reads exactly like `mptcplab-cli script`.

#include "core/command.h"
#include "core/transcript.h"

#include <QList>
#include <QMap>
#include <QString>

namespace mlab {

struct TranscriptCommands
{
    QList<Command> host; // in seq order
    QMap<QString, QList<Command>> nodes; // per node, in seq order
    // Switch management commands and the engine's "# ..." notes: nothing a shell can run.
    int skipped = 0;
};

// entries in seq order. A command that failed in the lab gets mayFail (the script's "|| true"): the lab went
// on past it, so under the script's `set -e` the script must too.
TranscriptCommands commandsFromTranscript(const QList<TranscriptEntry> &entries);

// The Command a transcript line came from: Command::toShell() is how the engine wrote it, so its words are
// recovered when they print back to the very same line; any other line (a user's `exec` with a pipe, say)
// runs as `sh -c LINE`, which means the same to the shell.
Command commandFromLine(const QString &where, const QString &line, const QString &why);

} // namespace mlab
