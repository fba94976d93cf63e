#pragma once

#include "core/command.h"
#include "core/result.h"
#include "mptcp/script.h"

#include <QList>
#include <QMap>
#include <QString>

namespace mlab {

struct Lab;
class RuntimeDir;

// Every command `up` runs, as data, without running anything: for
// `up --dry-run` and `script`. The engine runs the same generators.
struct LabPlan
{
    QList<Command> host; // on the host, in order
    QMap<QString, QList<Command>> nodes; // per node, over SSH
};

Result<LabPlan> buildLabPlan(const Lab &lab, const RuntimeDir &dir);
// How the exported script reaches the nodes of a lab running in dir (its key, known_hosts, management netns).
ScriptSshOptions scriptSshOptions(const RuntimeDir &dir);
// A shell script that builds the lab by hand (see mptcp/script.h).
Result<QString> labScript(const Lab &lab, const RuntimeDir &dir);
// The plan as readable text, grouped by where each command runs.
QString formatPlan(const LabPlan &plan);

} // namespace mlab
