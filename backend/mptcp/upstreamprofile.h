#pragma once

#include "mptcp/mptcpprofile.h"

namespace mlab {

// Upstream Linux MPTCP (kernel 5.6+): per-namespace sysctl, limits, and one
// endpoint per interface that has endpoint flags in the lab file, in the
// file's order. The seed's endpoint set (client subflow fullmesh on both
// paths, server signal on eth1) is the one verified to survive a break.
class UpstreamProfile final : public MptcpProfile
{
public:
    QString name() const override;
    QList<Command> configure(const Lab &lab, const NodeSpec &node) const override;
    QList<Command> inspect(const NodeSpec &node) const override;
    Status check(const NodeSpec &node, const QList<QByteArray> &inspectOutputs) const override;
};

} // namespace mlab
