#pragma once

#include "lab/labmodel.h"

#include <QString>

namespace mlab {

// The endpoint set a node's kernel handles well, and why it differs from the lab file's (empty note: unchanged).
struct EndpointChoice
{
    NodeSpec node; // the node as configured: its interfaces' endpoint flags possibly reduced
    QString note;
};

// Kernels older than 6.12 (Debian 12's stock 6.1 among them) open duplicate subflows with two "subflow fullmesh"
// client endpoints and stall for 8-25 s at random even with no break; one plain "subflow" endpoint on the
// interface off the default path (the server still "signal"s its second address) works there. 6.12 is the oldest
// kernel verified fine with fullmesh. kernelRelease is `uname -r`.
EndpointChoice endpointsForKernel(const NodeSpec &node, const QString &kernelRelease);

} // namespace mlab
