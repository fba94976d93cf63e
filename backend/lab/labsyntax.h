#pragma once

// The syntax of single values in a lab file (names, IPv4 CIDRs, MACs, tc rates), shared by the reader, which
// checks each value, and the validator, which compares subnets.

#include <QString>

#include <array>
#include <optional>

namespace mlab {

struct Ipv4Cidr
{
    quint32 address = 0;
    int prefixLength = 0;

    quint32 mask() const { return prefixLength == 0 ? 0 : ~quint32(0) << (32 - prefixLength); }
    quint32 network() const { return address & mask(); }
    quint32 broadcast() const { return network() | ~mask(); }
    bool sameSubnet(const Ipv4Cidr &other) const
    {
        return prefixLength == other.prefixLength && network() == other.network();
    }
    bool overlaps(const Ipv4Cidr &other) const;
    QString subnetText() const; // "10.168.1.0/24"
};

// Strict dotted quad with a prefix length 1..32: no leading zeros (inet_aton reads "010" as octal), no short forms.
std::optional<Ipv4Cidr> parseIpv4Cidr(const QString &text);
QString ipv4Text(quint32 address);

// ^[A-Za-z][A-Za-z0-9_-]*$: safe in file names, namespace names, interface names and shell words.
bool isSafeIdentifier(const QString &name);

// Lab and node names become directory names, namespace names (mlab-LAB-NODE) and command arguments of a
// program that runs as root: outside a validated lab file they are accepted only through these checks.
inline constexpr int MaxLabNameLength = 12;
inline constexpr int MaxNodeNameLength = 12;
bool isLabName(const QString &name);
bool isNodeName(const QString &name);
// What a lab name must look like, for messages: "a letter followed by ..., at most 12 characters".
QString labNameRule();

// "52:54:00:01:01:01", either case.
std::optional<std::array<quint8, 6>> parseMac(const QString &text);

// A positive rate in tc syntax: "50mbit", "1.5gbit", "800kbit", "10mbps".
bool isTcRate(const QString &text);

} // namespace mlab
