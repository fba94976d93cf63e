#pragma once

#include "clicommands.h"

namespace mlab::cli {

struct DemoOptions
{
    int durationSeconds = 20;
    double breakAtSeconds = 6;
    double restoreAtSeconds = 12;
    QString link = QStringLiteral("NodeA:eth0");
    QString reportFile; // --report FILE.json
    QString csvFile; // --csv FILE.csv
};

// The tutorial's experiment, unattended: traffic from the lab's traffic plan,
// a break and a restore on schedule, one live line per second, and a report.
int runDemo(const Options &options, const DemoOptions &demo);

} // namespace mlab::cli
