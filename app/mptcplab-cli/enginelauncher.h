#pragma once

#include "core/result.h"
#include "engine/labteardown.h"
#include "engine/runtimedir.h"
#include "lab/labmodel.h"

namespace mlab {
class EngineClient;
}

namespace mlab::cli {

// Runs the engine for one lab in this process until the lab is taken down
// or the engine is told to stop (SIGTERM, SIGINT, SIGHUP). Returns the exit code.
int serveLab(const Lab &lab);

// Starts `mptcplab-cli serve` for the lab in the background, first removing
// whatever a dead engine of the same lab left behind, and waits until its
// API socket answers.
Status launchEngine(const Lab &lab, int timeoutMs = 5000);

// Asks a lab's engine to take the lab down and waits until the engine itself
// has exited too: down means gone. killed: what the engine had to kill inside the lab.
Status takeDown(EngineClient &engine, const QString &labName, QStringList *killed = nullptr);

// Removes a lab's leftovers when no engine answers for it.
TeardownReport cleanUpDeadLab(const RuntimeDir &dir);

} // namespace mlab::cli
