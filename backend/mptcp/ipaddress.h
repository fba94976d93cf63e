#pragma once

#include <QString>

namespace mlab {

// A whole IPv4 dotted quad or an IPv6 address. Stricter than QHostAddress, which takes a cut-off
// "10.168.2" for 10.168.0.2 (inet_aton style); a parser fed truncated output must refuse it.
bool isIpAddress(const QString &text);
bool isIpv4Address(const QString &text);
bool isIpv6Address(const QString &text);

// "::ffff:10.168.1.2" -> "10.168.1.2"; anything else unchanged.
QString unmapV4(const QString &address);

} // namespace mlab
