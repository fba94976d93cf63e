#pragma once

// Addresses, shaping and the tutorial's source routing for one node, as the
// exact commands the node runs over SSH. The management interface is left
// alone: the node backend configures it before SSH can reach the node.

#include "core/command.h"
#include "lab/labmodel.h"

#include <QList>

namespace mlab {

// Every command is safe to re-run after a partial failure: addresses and
// routes are replaced, rules are deleted before they are added.
QList<Command> networkCommands(const Lab &lab, const NodeSpec &node);

// "10.168.1.1/24" -> "10.168.1.0/24"; empty when the address is not a valid CIDR.
QString subnetOf(const QString &cidr);

} // namespace mlab
