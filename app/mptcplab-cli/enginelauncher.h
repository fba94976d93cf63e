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
// With --background (`serve --lab FILE --background`), the engine first removes a
// dead engine's leftovers (or returns 0 at once when the lab's engine already answers), then goes to the
// background, and the command returns once the engine listens: how EngineStarter starts it (as root, or
// through pkexec or sudo, which wait for the program they ran). See background.h.
int serveLab(const Lab &lab, bool background = false);

// As root: starts `mptcplab-cli serve` for the lab in the background, first removing
// whatever a dead engine of the same lab left behind, and waits until its
// API socket answers.
Status launchEngine(const Lab &lab, int timeoutMs = 5000);

// As a user: starts the lab's engine with the privileges it needs (EngineStarter: pkexec or sudo), printing
// its progress, and waits until the engine answers.
Status startEngineFor(const Lab &lab);

// Asks a lab's engine to take the lab down and waits until the engine itself
// has exited too: down means gone. killed: what the engine had to kill inside the lab.
Status takeDown(EngineClient &engine, const QString &labName, QStringList *killed = nullptr);

// Removes a lab's leftovers when no engine answers for it.
TeardownReport cleanUpDeadLab(const RuntimeDir &dir);

} // namespace mlab::cli
