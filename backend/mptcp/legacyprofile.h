#pragma once

#include "mptcp/mptcpprofile.h"

namespace mlab {

// The out-of-tree multipath-tcp.org kernel (v0.9x) of the original tutorial
// and old OpenWRT images: sysctls, the fullmesh path manager, and the
// `multipath` tool's per-interface modes.
//
// UNTESTED ON REAL HARDWARE: no such kernel can be booted here. The commands
// follow the tutorial and the tool's documentation, and check() is tested
// only against the documented `multipath -f` table format.
class LegacyProfile final : public MptcpProfile
{
public:
    QString name() const override;
    QList<Command> configure(const Lab &lab, const NodeSpec &node) const override;
    QList<Command> inspect(const NodeSpec &node) const override;
    Status check(const NodeSpec &node, const QList<QByteArray> &inspectOutputs) const override;

    // The `multipath` mode for a lab interface: "off" (management), "backup", or "on".
    static QString modeFor(const InterfaceSpec &iface);
};

} // namespace mlab
