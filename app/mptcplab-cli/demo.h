#pragma once

#include "clicommands.h"

namespace mlab::cli {

struct DemoOptions
{
    double durationSeconds = 20;
    double breakAtSeconds = 6;
    double restoreAtSeconds = 12;
    QString link = QStringLiteral("NodeA:eth0");
    QString mode = QStringLiteral("cut"); // --mode: "cut" or "unplug"
    QString reportFile; // --report FILE.json
    QString csvFile; // --csv FILE.csv
};

// The tutorial's experiment, unattended: the engine's "demo" scenario (traffic from the lab's traffic plan,
// a break and a restore on schedule) followed live, one line per second, then its report.
int runDemo(const Options &options, const DemoOptions &demo);

} // namespace mlab::cli
