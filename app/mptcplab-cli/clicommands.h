#pragma once

#include <QString>
#include <QStringList>

namespace mlab::cli {

struct Options
{
    QString labOption; // --lab
    bool json = false; // --json
    bool dryRun = false; // --dry-run
    QStringList args; // positional arguments after the command
    int timeoutSeconds = 600; // exec --timeout
    int durationSeconds = 3600; // traffic --duration
    bool background = false; // serve --background
    QString breakMode; // break --mode: "cut" or "unplug"
};

// Each returns the process exit code; errors are printed as one line on stderr.
int runUp(const Options &options);
int runDown(const Options &options);
int runStatus(const Options &options);
int runLinkChange(const Options &options, bool breaking);
int runScript(const Options &options);
int runExec(const Options &options);
int runServe(const Options &options);
int runHello(const Options &options);
int runTraffic(const Options &options);
int runTranscript(const Options &options);

int reportError(const QString &message);

} // namespace mlab::cli
