#pragma once

// How a node's kernel is told to do MPTCP, and how to check that it did.
// One profile per MPTCP implementation: "upstream" (Linux 5.6+ path
// manager, `ip mptcp`) and "legacy" (the out-of-tree multipath-tcp.org
// kernel of the original tutorial, `multipath` and sysctls).

#include "core/command.h"
#include "core/result.h"
#include "lab/labmodel.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace mlab {

class MptcpProfile
{
public:
    virtual ~MptcpProfile() = default;

    virtual QString name() const = 0;
    // Commands that make the node's MPTCP state match the lab file. Safe to re-run.
    virtual QList<Command> configure(const Lab &lab, const NodeSpec &node) const = 0;
    // Commands whose outputs, in this order, show the node's MPTCP state.
    virtual QList<Command> inspect(const NodeSpec &node) const = 0;
    // Compares the outputs of inspect() (same order) with what the lab file asks for.
    // The error names the node, the interface, what was expected and what was found.
    virtual Status check(const NodeSpec &node, const QList<QByteArray> &inspectOutputs) const = 0;
};

// The profile called name ("upstream", "legacy"); nullptr when there is none.
const MptcpProfile *mptcpProfile(const QString &name);

// Names of every profile, for error messages and the lab editor.
QStringList mptcpProfileNames();

} // namespace mlab
