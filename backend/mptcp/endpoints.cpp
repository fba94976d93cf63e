#include "mptcp/endpoints.h"

#include "mptcp/ipaddress.h"

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

QList<QByteArray> words(const QByteArray &line)
{
    return line.simplified().split(' ');
}

std::optional<int> toNumber(const QByteArray &word)
{
    bool ok = false;
    const int value = word.toInt(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}

std::optional<MptcpEndpoint> parseEndpointLine(const QByteArray &line)
{
    const QList<QByteArray> w = words(line);
    MptcpEndpoint endpoint;
    endpoint.address = QString::fromLatin1(w.value(0));
    if (!isIpAddress(endpoint.address))
        return std::nullopt;
    bool haveId = false;
    for (qsizetype i = 1; i < w.size(); ++i) {
        const QByteArray &word = w.at(i);
        if (word == "id" || word == "port") {
            const std::optional<int> value = toNumber(w.value(i + 1));
            if (!value)
                return std::nullopt;
            (word == "id" ? endpoint.id : endpoint.port) = *value;
            haveId = haveId || word == "id";
            ++i;
        } else if (word == "dev") {
            if (i + 1 >= w.size())
                return std::nullopt;
            endpoint.dev = QString::fromLatin1(w.at(++i));
        } else {
            // Unknown words are kept as flags: a newer iproute2 may print flags we do not know yet,
            // and the profile check then names them instead of hiding them.
            endpoint.flags << QString::fromLatin1(word);
        }
    }
    if (!haveId)
        return std::nullopt;
    return endpoint;
}

// "add_addr_accepted 8 subflows 8": key/value pairs, in whatever order iproute2 prints them.
bool parseLimitsLine(const QByteArray &line, MptcpLimits &limits)
{
    const QList<QByteArray> w = words(line);
    if (w.size() % 2 != 0)
        return false;
    MptcpLimits seen = limits;
    for (qsizetype i = 0; i < w.size(); i += 2) {
        const std::optional<int> value = toNumber(w.at(i + 1));
        if (!value)
            return false;
        if (w.at(i) == "subflows")
            seen.subflows = value;
        else if (w.at(i) == "add_addr_accepted")
            seen.addAddrAccepted = value;
    }
    limits = seen;
    return true;
}

std::optional<LegacyAddress> parseLegacyRow(const QByteArray &line, bool ipv6)
{
    const QList<QByteArray> fields = line.split(',');
    if (fields.size() != 4)
        return std::nullopt;
    LegacyAddress row;
    row.ipv6 = ipv6;
    const std::optional<int> index = toNumber(fields.at(0).trimmed());
    const std::optional<int> id = toNumber(fields.at(1).trimmed());
    const std::optional<int> backup = toNumber(fields.at(2).trimmed());
    row.address = QString::fromLatin1(fields.at(3).trimmed());
    const bool familyMatches = ipv6 ? isIpv6Address(row.address) : isIpv4Address(row.address);
    if (!index || !id || !backup || *backup > 1 || !familyMatches)
        return std::nullopt;
    row.index = *index;
    row.addressId = *id;
    row.backup = *backup == 1;
    return row;
}

} // namespace

Parsed<QList<MptcpEndpoint>> parseEndpoints(const QByteArray &output)
{
    Parsed<QList<MptcpEndpoint>> parsed;
    for (const QByteArray &line : output.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        if (std::optional<MptcpEndpoint> endpoint = parseEndpointLine(line))
            parsed.value << *endpoint;
        else
            ++parsed.skipped;
    }
    return parsed;
}

Parsed<MptcpLimits> parseLimits(const QByteArray &output)
{
    Parsed<MptcpLimits> parsed;
    for (const QByteArray &line : output.split('\n')) {
        if (!line.trimmed().isEmpty() && !parseLimitsLine(line, parsed.value))
            ++parsed.skipped;
    }
    return parsed;
}

Parsed<QList<LegacyAddress>> parseMultipathTable(const QByteArray &output)
{
    Parsed<QList<LegacyAddress>> parsed;
    std::optional<bool> ipv6; // unknown until the "IPv4, next v4-index" section header
    for (const QByteArray &raw : output.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith("Index,"))
            continue;
        if (line.startsWith("IPv4,") || line.startsWith("IPv6,")) {
            ipv6 = line.startsWith("IPv6,");
            continue;
        }
        std::optional<LegacyAddress> row = ipv6 ? parseLegacyRow(line, *ipv6) : std::nullopt;
        if (row)
            parsed.value << *row;
        else
            ++parsed.skipped;
    }
    return parsed;
}

} // namespace mlab
