#include "mptcp/upstreamprofile.h"

#include "mptcp/endpoints.h"
#include "mptcp/nodecommand.h"

#include <QSet>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

QString describeFlags(const InterfaceSpec &iface)
{
    const QStringList &flags = iface.endpointFlags;
    QStringList parts;
    if (flags.contains(u"subflow"_s))
        parts << (flags.contains(u"fullmesh"_s) ? u"open subflows from %1 to every address of the peer"_s
                                                : u"open a subflow from %1"_s)
                     .arg(iface.ip());
    if (flags.contains(u"signal"_s))
        parts << u"announce %1 to the peer (ADD_ADDR) so it opens a subflow towards it"_s.arg(iface.ip());
    if (flags.contains(u"backup"_s))
        parts << u"use it only when no other subflow works (backup)"_s;
    if (parts.isEmpty())
        parts << u"make %1 an MPTCP endpoint (%2)"_s.arg(iface.ip(), flags.join(u' '));
    return u"MPTCP on %1: "_s.arg(iface.name) + parts.join(u"; "_s);
}

QString describeEndpoint(const MptcpEndpoint &endpoint)
{
    QString text = endpoint.address + u" id "_s + QString::number(endpoint.id);
    if (!endpoint.flags.isEmpty())
        text += u' ' + endpoint.flags.join(u' ');
    if (!endpoint.dev.isEmpty())
        text += u" dev "_s + endpoint.dev;
    return text;
}

QString flagsText(const QStringList &flags)
{
    return flags.isEmpty() ? u"no flags"_s : u"flags \""_s + flags.join(u' ') + u'"';
}

QSet<QString> flagSet(const QStringList &flags)
{
    return QSet<QString>(flags.cbegin(), flags.cend());
}

void checkEndpoints(const NodeSpec &node, const QByteArray &output, QStringList &problems)
{
    const Parsed<QList<MptcpEndpoint>> parsed = parseEndpoints(output);
    QSet<QString> expectedAddresses;
    for (const InterfaceSpec &iface : node.interfaces) {
        if (iface.management || iface.endpointFlags.isEmpty())
            continue;
        expectedAddresses.insert(iface.ip());
        const QString where = node.name + u' ' + iface.name + u": "_s;
        const auto found = std::find_if(parsed.value.cbegin(), parsed.value.cend(),
            [&](const MptcpEndpoint &e) { return e.address == iface.ip(); });
        if (found == parsed.value.cend()) {
            problems << where
                    + u"expected MPTCP endpoint %1 dev %2 with %3, but `ip mptcp endpoint show` lists none for %1"_s
                          .arg(iface.ip(), iface.name, flagsText(iface.endpointFlags));
            continue;
        }
        if (found->dev != iface.name)
            problems << where
                    + u"endpoint %1 should be bound to dev %2, found %3"_s.arg(
                        iface.ip(), iface.name, found->dev.isEmpty() ? u"no device"_s : u"dev "_s + found->dev);
        if (flagSet(found->flags) != flagSet(iface.endpointFlags))
            problems << where
                    + u"endpoint %1 should have %2, found %3"_s.arg(
                        iface.ip(), flagsText(iface.endpointFlags), flagsText(found->flags));
    }
    for (const MptcpEndpoint &endpoint : parsed.value) {
        // The kernel adds "implicit" endpoints itself for addresses it used without being told; not a setup error.
        if (!expectedAddresses.contains(endpoint.address) && !endpoint.flags.contains(u"implicit"_s))
            problems << node.name
                    + u": unexpected MPTCP endpoint \"%1\"; the lab file asks for none on %2"_s.arg(
                        describeEndpoint(endpoint), endpoint.address);
    }
    if (parsed.skipped > 0 && !problems.isEmpty())
        problems << node.name + u": %1 line(s) of `ip mptcp endpoint show` were not understood"_s.arg(parsed.skipped);
}

void checkLimit(
    const NodeSpec &node, const char *key, int expected, const std::optional<int> &actual, QStringList &problems)
{
    const QString name = QString::fromLatin1(key);
    if (!actual)
        problems << node.name
                + u": MPTCP limit %1 should be %2, but `ip mptcp limits show` does not report it"_s.arg(
                    name, QString::number(expected));
    else if (*actual != expected)
        problems << node.name
                + u": MPTCP limit %1 should be %2, found %3"_s.arg(
                    name, QString::number(expected), QString::number(*actual));
}

} // namespace

QString UpstreamProfile::name() const
{
    return u"upstream"_s;
}

QList<Command> UpstreamProfile::configure(const Lab &lab, const NodeSpec &node) const
{
    Q_UNUSED(lab);
    QList<Command> commands;
    commands << nodeCommand(node.name, { u"sysctl"_s, u"-w"_s, u"net.mptcp.enabled=1"_s },
        u"turn MPTCP on in this node's network namespace"_s);
    commands << nodeCommand(node.name,
        { u"ip"_s, u"mptcp"_s, u"limits"_s, u"set"_s, u"subflows"_s, QString::number(node.mptcp.subflows),
            u"add_addr_accepted"_s, QString::number(node.mptcp.addAddrAccepted) },
        u"allow up to %1 extra subflows per connection and accept %2 addresses announced by the peer"_s
            .arg(node.mptcp.subflows)
            .arg(node.mptcp.addAddrAccepted));
    commands << nodeCommand(node.name, { u"ip"_s, u"mptcp"_s, u"endpoint"_s, u"flush"_s },
        u"start from no endpoints, so a re-run does not leave old ones behind"_s);
    for (const InterfaceSpec &iface : node.interfaces) {
        if (iface.management || iface.endpointFlags.isEmpty())
            continue;
        QStringList argv { u"ip"_s, u"mptcp"_s, u"endpoint"_s, u"add"_s, iface.ip(), u"dev"_s, iface.name };
        argv << iface.endpointFlags;
        commands << nodeCommand(node.name, argv, describeFlags(iface));
    }
    return commands;
}

QList<Command> UpstreamProfile::inspect(const NodeSpec &node) const
{
    return {
        nodeCommand(node.name, { u"ip"_s, u"mptcp"_s, u"endpoint"_s, u"show"_s }, u"list the MPTCP endpoints"_s),
        nodeCommand(node.name, { u"ip"_s, u"mptcp"_s, u"limits"_s, u"show"_s }, u"show the MPTCP limits"_s),
        nodeCommand(node.name, { u"sysctl"_s, u"-n"_s, u"net.mptcp.enabled"_s }, u"is MPTCP on?"_s),
    };
}

Status UpstreamProfile::check(const NodeSpec &node, const QList<QByteArray> &inspectOutputs) const
{
    const qsizetype expectedOutputs = inspect(node).size();
    if (inspectOutputs.size() != expectedOutputs)
        return fail(u"%1: checking MPTCP needs the outputs of %2 inspection commands, got %3"_s.arg(
            node.name, QString::number(expectedOutputs), QString::number(inspectOutputs.size())));
    QStringList problems;
    const QByteArray enabled = inspectOutputs.at(2).trimmed();
    if (enabled != "1")
        problems << node.name + u": net.mptcp.enabled should be 1, found \"%1\""_s.arg(QString::fromLatin1(enabled));
    checkEndpoints(node, inspectOutputs.at(0), problems);
    const Parsed<MptcpLimits> limits = parseLimits(inspectOutputs.at(1));
    checkLimit(node, "subflows", node.mptcp.subflows, limits.value.subflows, problems);
    checkLimit(node, "add_addr_accepted", node.mptcp.addAddrAccepted, limits.value.addAddrAccepted, problems);
    if (!problems.isEmpty())
        return fail(problems.join(u"; "_s));
    return {};
}

} // namespace mlab
