#include "mptcp/kernelendpoints.h"

#include <QRegularExpression>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

constexpr int FirstGoodMajor = 6;
constexpr int FirstGoodMinor = 12;

bool isFullmeshClient(const InterfaceSpec &iface)
{
    return !iface.management && iface.endpointFlags.contains(u"subflow"_s)
        && iface.endpointFlags.contains(u"fullmesh"_s);
}

} // namespace

EndpointChoice endpointsForKernel(const NodeSpec &node, const QString &kernelRelease)
{
    EndpointChoice choice { node, {} };
    static const QRegularExpression version(u"^(\\d+)\\.(\\d+)"_s);
    const QRegularExpressionMatch match = version.match(kernelRelease);
    if (!match.hasMatch())
        return choice; // an unknown kernel gets what the lab file says
    const int major = match.captured(1).toInt();
    const int minor = match.captured(2).toInt();
    if (major > FirstGoodMajor || (major == FirstGoodMajor && minor >= FirstGoodMinor))
        return choice;
    const qsizetype fullmesh = std::count_if(node.interfaces.cbegin(), node.interfaces.cend(), isFullmeshClient);
    if (fullmesh < 2)
        return choice;
    // The initial subflow runs on the default path: the one extra subflow goes on another path.
    QString kept;
    for (InterfaceSpec &iface : choice.node.interfaces) {
        if (!isFullmeshClient(iface))
            continue;
        const bool onDefaultPath = !node.defaultPath.isEmpty() && iface.path == node.defaultPath;
        if (onDefaultPath || !kept.isEmpty()) {
            iface.endpointFlags.clear();
        } else {
            iface.endpointFlags = QStringList { u"subflow"_s };
            kept = iface.name;
        }
    }
    choice.note = u"kernel %1 is older than %2.%3: there two \"subflow fullmesh\" endpoints open duplicate subflows "
                  u"and stall for 8-25 s at random, so %4 gets one plain \"subflow\" endpoint on %5 instead (the "
                  u"peer still announces its other address with \"signal\"); a %2.%3 or newer kernel (`mptcplab-cli "
                  u"image build --suite backports`) takes the lab file's endpoints as written"_s.arg(kernelRelease)
                      .arg(FirstGoodMajor)
                      .arg(FirstGoodMinor)
                      .arg(node.name, kept.isEmpty() ? u"no interface"_s : kept);
    return choice;
}

} // namespace mlab
