#include "mptcp/mptcpprofile.h"

#include "mptcp/legacyprofile.h"
#include "mptcp/upstreamprofile.h"

namespace mlab {

const MptcpProfile *mptcpProfile(const QString &name)
{
    static const UpstreamProfile upstream;
    static const LegacyProfile legacy;
    if (name == upstream.name())
        return &upstream;
    if (name == legacy.name())
        return &legacy;
    return nullptr;
}

QStringList mptcpProfileNames()
{
    return { UpstreamProfile().name(), LegacyProfile().name() };
}

} // namespace mlab
