#pragma once

// Addresses, shaping, source routing (the tutorial's tables, or made symmetric: docs/failover.md) and the
// optional fast-recovery sysctls for one node, as the exact commands the node runs over SSH. The management
// interface is left alone: the node backend configures it before SSH can reach the node.

#include "core/command.h"
#include "lab/labmodel.h"

#include <QList>

namespace mlab {

// Every command is safe to re-run after a partial failure: addresses and
// routes are replaced, rules are deleted before they are added.
QList<Command> networkCommands(const Lab &lab, const NodeSpec &node);

// The source-routing rules and tables and the main default route: the part of networkCommands() that taking
// an interface down deletes, so restoring an unplugged link runs it again.
QList<Command> routingCommands(const Lab &lab, const NodeSpec &node);

// Unplugging a link from inside the node: carrier down on iface, as if its cable were pulled.
QList<Command> unplugCommands(const NodeSpec &node, const InterfaceSpec &iface);
// Plugging it back in: carrier up, then routingCommands() again, because taking the interface down deleted
// every route through it, in every table (the reasons in the transcript say so).
QList<Command> replugCommands(const Lab &lab, const NodeSpec &node, const InterfaceSpec &iface);

// The values lab option failover.fastRecovery sets (measured on the seed lab, DOMAIN notes).
constexpr int FastRecoveryRtoMinUs = 50000;
constexpr int FastRecoveryRtoMaxMs = 1000;

// "10.168.1.1/24" -> "10.168.1.0/24"; empty when the address is not a valid CIDR.
QString subnetOf(const QString &cidr);

} // namespace mlab
