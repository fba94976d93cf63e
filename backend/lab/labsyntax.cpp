#include "lab/labsyntax.h"

#include <QRegularExpression>

#include <algorithm>

namespace mlab {

bool Ipv4Cidr::overlaps(const Ipv4Cidr &other) const
{
    const int shorter = std::min(prefixLength, other.prefixLength);
    const quint32 commonMask = shorter == 0 ? 0 : ~quint32(0) << (32 - shorter);
    return (address & commonMask) == (other.address & commonMask);
}

QString Ipv4Cidr::subnetText() const
{
    return ipv4Text(network()) + QLatin1Char('/') + QString::number(prefixLength);
}

QString ipv4Text(quint32 address)
{
    return QStringLiteral("%1.%2.%3.%4")
        .arg(address >> 24)
        .arg((address >> 16) & 0xff)
        .arg((address >> 8) & 0xff)
        .arg(address & 0xff);
}

std::optional<Ipv4Cidr> parseIpv4Cidr(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral(
        "^(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})/([1-9][0-9]?)\\z"));
    const QRegularExpressionMatch match = shape.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    quint32 address = 0;
    for (int i = 1; i <= 4; ++i) {
        const int octet = match.captured(i).toInt();
        if (octet > 255)
            return std::nullopt;
        address = (address << 8) | quint32(octet);
    }
    const int prefixLength = match.captured(5).toInt();
    if (prefixLength > 32)
        return std::nullopt;
    return Ipv4Cidr { address, prefixLength };
}

bool isSafeIdentifier(const QString &name)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z][A-Za-z0-9_-]*\\z"));
    return safe.match(name).hasMatch();
}

bool isLabName(const QString &name)
{
    return name.size() <= MaxLabNameLength && isSafeIdentifier(name);
}

bool isNodeName(const QString &name)
{
    return name.size() <= MaxNodeNameLength && isSafeIdentifier(name);
}

QString labNameRule()
{
    return QStringLiteral("a letter followed by letters, digits, '_' or '-', at most %1 characters")
        .arg(MaxLabNameLength);
}

std::optional<std::array<quint8, 6>> parseMac(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}\\z"));
    if (!shape.match(text).hasMatch())
        return std::nullopt;
    std::array<quint8, 6> bytes {};
    for (int i = 0; i < 6; ++i)
        bytes[size_t(i)] = quint8(text.mid(i * 3, 2).toUInt(nullptr, 16));
    return bytes;
}

bool isTcRate(const QString &text)
{
    // tc reads units case-insensitively; "bit" units are bits per second, "bps" units bytes per second.
    static const QRegularExpression rate(
        QStringLiteral("^([0-9]+(\\.[0-9]+)?)([kmgt]?bit|[kmgt]?bps)\\z"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = rate.match(text);
    return match.hasMatch() && match.captured(1).toDouble() > 0;
}

} // namespace mlab
