#include "mptcp/legacyprofile.h"

#include "mptcp/endpoints.h"
#include "mptcp/nodecommand.h"

namespace mlab {

using namespace Qt::StringLiterals;

QString LegacyProfile::name() const
{
    return u"legacy"_s;
}

QString LegacyProfile::modeFor(const InterfaceSpec &iface)
{
    if (iface.management)
        return u"off"_s;
    // Every other interface stays on, even one without endpoint flags: "off" sets IFF_NOMULTIPATH,
    // which would turn MPTCP off for a connection whose first subflow uses that interface.
    return iface.endpointFlags.contains(u"backup"_s) ? u"backup"_s : u"on"_s;
}

QList<Command> LegacyProfile::configure(const Lab &lab, const NodeSpec &node) const
{
    Q_UNUSED(lab);
    QList<Command> commands;
    commands << nodeCommand(
        node.name, { u"sysctl"_s, u"-w"_s, u"net.mptcp.mptcp_enabled=1"_s }, u"turn the out-of-tree MPTCP on"_s);
    commands << nodeCommand(node.name, { u"sysctl"_s, u"-w"_s, u"net.mptcp.mptcp_path_manager=fullmesh"_s },
        u"fullmesh path manager: open a subflow between every pair of addresses"_s);
    const InterfaceSpec *management = node.managementInterface();
    if (management)
        commands << nodeCommand(node.name, { u"multipath"_s, management->name, u"off"_s },
            u"keep MPTCP off the management interface %1: it is for SSH only"_s.arg(management->name));
    for (const InterfaceSpec &iface : node.interfaces) {
        if (iface.management)
            continue;
        const QString mode = modeFor(iface);
        const QString why = mode == u"backup"_s
            ? u"%1 (%2) carries a backup subflow, used only when the others fail"_s.arg(iface.name, iface.path)
            : u"%1 (%2) takes part in MPTCP"_s.arg(iface.name, iface.path);
        commands << nodeCommand(node.name, { u"multipath"_s, iface.name, mode }, why);
    }
    return commands;
}

QList<Command> LegacyProfile::inspect(const NodeSpec &node) const
{
    return {
        nodeCommand(node.name, { u"multipath"_s, u"-f"_s }, u"list the addresses the fullmesh path manager uses"_s),
        nodeCommand(node.name, { u"cat"_s, u"/proc/sys/net/mptcp/mptcp_enabled"_s }, u"is MPTCP on?"_s),
    };
}

Status LegacyProfile::check(const NodeSpec &node, const QList<QByteArray> &inspectOutputs) const
{
    const qsizetype expectedOutputs = inspect(node).size();
    if (inspectOutputs.size() != expectedOutputs)
        return fail(u"%1: checking MPTCP needs the outputs of %2 inspection commands, got %3"_s.arg(
            node.name, QString::number(expectedOutputs), QString::number(inspectOutputs.size())));
    QStringList problems;
    const QByteArray enabled = inspectOutputs.at(1).trimmed();
    if (enabled != "1")
        problems << node.name
                + u": /proc/sys/net/mptcp/mptcp_enabled should be 1, found \"%1\""_s.arg(QString::fromLatin1(enabled));

    const Parsed<QList<LegacyAddress>> table = parseMultipathTable(inspectOutputs.at(0));
    auto rowFor = [&](const QString &ip) {
        return std::find_if(
            table.value.cbegin(), table.value.cend(), [&](const LegacyAddress &row) { return row.address == ip; });
    };
    QStringList known;
    for (const InterfaceSpec &iface : node.interfaces) {
        known << iface.ip();
        const auto row = rowFor(iface.ip());
        const QString where = node.name + u' ' + iface.name + u": "_s;
        const QString mode = modeFor(iface);
        if (mode == u"off"_s) {
            if (row != table.value.cend())
                problems << where + u"%1 should be off for MPTCP, but `multipath -f` lists it"_s.arg(iface.ip());
        } else if (row == table.value.cend()) {
            problems << where
                    + u"expected %1 in `multipath -f` (mode %2), but it is not listed"_s.arg(iface.ip(), mode);
        } else if (row->backup != (mode == u"backup"_s)) {
            problems << where
                    + u"%1 should have Backup %2, found %3"_s.arg(
                        iface.ip(), mode == u"backup"_s ? u"1"_s : u"0"_s, row->backup ? u"1"_s : u"0"_s);
        }
    }
    for (const LegacyAddress &row : table.value) {
        if (!known.contains(row.address))
            problems << node.name
                    + u": `multipath -f` lists %1, which no interface of the lab file has; "
                      u"the fullmesh path manager will use it"_s.arg(row.address);
    }
    if (table.skipped > 0 && !problems.isEmpty())
        problems << node.name + u": %1 line(s) of `multipath -f` were not understood"_s.arg(table.skipped);
    if (!problems.isEmpty())
        return fail(problems.join(u"; "_s));
    return {};
}

} // namespace mlab
