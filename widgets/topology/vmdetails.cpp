#include "topology/vmdetails.h"

namespace mlab {

VmDetails VmDetails::fromStatusNode(const QJsonObject &node)
{
    VmDetails details;
    details.vmState = node.value(QLatin1String("vmState")).toString();
    details.accelerator = node.value(QLatin1String("accelerator")).toString();
    details.kernel = node.value(QLatin1String("kernel")).toString();
    details.launch = node.value(QLatin1String("launch")).toString();
    details.memoryMiB = node.value(QLatin1String("memoryMiB")).toInt();
    details.bootMs = node.value(QLatin1String("bootMs")).toInteger();
    details.consoleLog = node.value(QLatin1String("console")).toString();
    return details;
}

} // namespace mlab
