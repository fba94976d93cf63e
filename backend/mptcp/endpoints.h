#pragma once

// Parsers for the MPTCP configuration a node reports: upstream
// `ip mptcp endpoint show` / `ip mptcp limits show`, and the out-of-tree
// kernel's `multipath -f` address table.

#include "mptcp/parsed.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace mlab {

// One line of `ip mptcp endpoint show`: "10.168.1.1 id 1 subflow fullmesh dev eth0".
struct MptcpEndpoint
{
    QString address;
    int id = 0;
    QStringList flags; // as printed: signal, subflow, backup, fullmesh, implicit, ...
    QString dev; // empty when the endpoint is not bound to a device
    int port = 0; // 0 when none was given
};

// `ip mptcp limits show`: "add_addr_accepted 8 subflows 8"; a limit the kernel did not print stays unset.
struct MptcpLimits
{
    std::optional<int> subflows;
    std::optional<int> addAddrAccepted;
};

// One address row of the out-of-tree `multipath -f` (/proc/net/mptcp_fullmesh) table.
struct LegacyAddress
{
    bool ipv6 = false;
    int index = 0;
    int addressId = 0;
    bool backup = false;
    QString address;
};

Parsed<QList<MptcpEndpoint>> parseEndpoints(const QByteArray &output);
Parsed<MptcpLimits> parseLimits(const QByteArray &output);
Parsed<QList<LegacyAddress>> parseMultipathTable(const QByteArray &output);

} // namespace mlab
