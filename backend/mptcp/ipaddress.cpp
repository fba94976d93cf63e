#include "mptcp/ipaddress.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace mlab {

using namespace Qt::StringLiterals;

bool isIpv4Address(const QString &text)
{
    static const QRegularExpression quad(
        u"^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$"_s);
    return quad.match(text).hasMatch();
}

bool isIpv6Address(const QString &text)
{
    return text.contains(u':') && QHostAddress(text).protocol() == QAbstractSocket::IPv6Protocol;
}

bool isIpAddress(const QString &text)
{
    return isIpv4Address(text) || isIpv6Address(text);
}

QString unmapV4(const QString &address)
{
    static const QString prefix = u"::ffff:"_s;
    if (address.startsWith(prefix, Qt::CaseInsensitive) && isIpv4Address(address.mid(prefix.size())))
        return address.mid(prefix.size());
    return address;
}

} // namespace mlab
