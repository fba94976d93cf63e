#pragma once

#include "core/result.h"

#include <QString>

namespace mlab {

// A TCP connection that originates in another network namespace: the socket is
// created inside netnsPath (e.g. /run/netns/mlab-seed-mgmt) and keeps that
// namespace for its whole life, whatever thread uses it later. host must be a
// numeric IPv4/IPv6 address (a name would be resolved in the wrong namespace).
// An empty netnsPath means the caller's own namespace. Returns a connected,
// blocking, close-on-exec descriptor that the caller owns.
Result<int> connectTcpInNetns(const QString &netnsPath, const QString &host, quint16 port, int timeoutMs);

// "10.0.0.1:22 in /run/netns/x", for messages.
QString describeEndpoint(const QString &netnsPath, const QString &host, quint16 port);

} // namespace mlab
