#include "lab/labreader.h"

#include "lab/jsonlinemap.h"
#include "lab/labfields.h"
#include "lab/lablayout.h"
#include "lab/labproblems.h"
#include "lab/labsyntax.h"
#include "lab/qemureader.h"

#include <nlohmann/json.hpp>

#include <QRegularExpression>
#include <QStringList>

#include <climits>

namespace mlab {

using nlohmann::json;

namespace {

const QString kFormat = QStringLiteral("mptcplab-lab/1");
// Measured on vde2 2.3.2: vlan/create refuses 0 and 4094 up.
const QString kVlan = QStringLiteral("an integer 1..4093 (vde_switch refuses VLAN 0 and 4094 up)");
const QString kPort = QStringLiteral("a switch port number");

// Visits each element of an array, rejecting elements that are not objects; they still count, for the indices.
template <typename Visit>
void forEachObject(
    const json *array, const QString &pointer, const QString &expected, LabProblems &problems, Visit visit)
{
    static const json emptyObject = json::object();
    if (!array)
        return;
    for (size_t i = 0; i < array->size(); ++i) {
        const QString elementPointer = jsonPointerChild(pointer, qsizetype(i));
        const json &element = (*array)[i];
        if (!element.is_object())
            problems.reject(elementPointer, QStringLiteral("wrong type"), describeWithType(element), expected);
        visit(element.is_object() ? element : emptyObject, elementPointer);
    }
}

SwitchSpec readSwitch(const LabFields &f)
{
    SwitchSpec spec;
    LabProblems &problems = f.problems();
    const QString vlansExpected = QStringLiteral("an array of VLANs, such as [1, 2, 3, 4]");
    if (const json *vlans = f.typed("vlans", true, json::value_t::array, vlansExpected)) {
        for (size_t i = 0; i < vlans->size(); ++i) {
            const QString pointer = jsonPointerChild(f.at("vlans"), qsizetype(i));
            if (const std::optional<int> vlan = readInteger((*vlans)[i], pointer, 1, 4093, kVlan, problems))
                spec.vlans.append(*vlan);
            else
                problems.taint(f.at("vlans")); // an incomplete list would make every "VLAN not in vlans" check lie
        }
        if (vlans->empty())
            problems.reject(f.at("vlans"), QStringLiteral("no VLANs"), QStringLiteral("[]"),
                QStringLiteral("the VLANs of every path, the management VLAN and the dead VLAN"));
    }
    spec.deadVlan = f.integer("deadVlan", true, 1, 4093, kVlan).value_or(0);
    spec.ports = f.integer("ports", false, 2, 1024, QStringLiteral("an integer 2..1024 (vde_switch -n)")).value_or(32);
    return spec;
}

ManagementSpec readManagement(const LabFields &f)
{
    ManagementSpec spec;
    spec.vlan = f.integer("vlan", true, 1, 4093, kVlan).value_or(0);
    spec.hostTap = f.name("hostTap", 15, QStringLiteral("tap name"));
    spec.hostPort = f.integer("hostPort", true, INT_MIN, INT_MAX, kPort).value_or(0);
    spec.hostAddress = f.hostAddress("hostAddress");
    return spec;
}

PathSpec readPath(const LabFields &f)
{
    PathSpec spec;
    spec.name = f.name("name", 15, QStringLiteral("path name"));
    spec.vlan = f.integer("vlan", true, 1, 4093, kVlan).value_or(0);
    spec.routingTable = f.integer("table", true, 1, 252,
                             QStringLiteral("an integer 1..252 (253..255 are the kernel's default, main and local)"))
                            .value_or(0);
    const QString rateExpected
        = QStringLiteral("\"unlimited\" or a tc rate such as \"50mbit\", \"1.5gbit\", \"800kbit\"");
    const QString rate = f.string("rate", false, rateExpected).value_or(QStringLiteral("unlimited"));
    if (rate != QLatin1String("unlimited")) {
        if (isTcRate(rate))
            spec.shaping.rate = rate;
        else
            f.problems().reject(f.at("rate"), QStringLiteral("not a rate"), quoted(rate), rateExpected);
    }
    for (const char *key : { "delay", "loss" }) {
        if (const json *value = f.get(key, false, {}))
            f.problems().reject(f.at(key), QStringLiteral("not supported yet"), describe(*value),
                QLatin1String("no \"") + QLatin1String(key) + QLatin1String("\" key: format ") + kFormat
                    + QLatin1String(" shapes a path with \"rate\" only"));
    }
    return spec;
}

QStringList readEndpointFlags(const LabFields &f)
{
    static const QStringList known
        = { QStringLiteral("subflow"), QStringLiteral("signal"), QStringLiteral("backup"), QStringLiteral("fullmesh") };
    const QString expected = QStringLiteral("MPTCP endpoint flags from subflow, signal, backup, fullmesh");
    const json *array = f.typed("endpoint", false, json::value_t::array, QLatin1String("an array of ") + expected);
    if (!array)
        return {};
    QStringList flags;
    for (size_t i = 0; i < array->size(); ++i) {
        const json &flag = (*array)[i];
        const QString pointer = jsonPointerChild(f.at("endpoint"), qsizetype(i));
        const QString text = flag.is_string() ? QString::fromStdString(flag.get<std::string>()) : QString();
        if (!known.contains(text))
            f.problems().reject(pointer, QStringLiteral("unknown endpoint flag"), describe(flag), expected);
        else if (flags.contains(text))
            f.problems().reject(
                pointer, QStringLiteral("endpoint flag given twice"), describe(flag), QStringLiteral("each flag once"));
        else
            flags << text;
    }
    const bool fullmesh = flags.contains(QLatin1String("fullmesh"));
    if (fullmesh && !flags.contains(QLatin1String("subflow")))
        f.problems().reject(f.at("endpoint"), QStringLiteral("fullmesh without subflow (ip mptcp rejects it)"),
            describe(*array), QStringLiteral("\"subflow\" whenever \"fullmesh\" is given"));
    else if (fullmesh && flags.contains(QLatin1String("signal")))
        f.problems().reject(f.at("endpoint"), QStringLiteral("signal together with fullmesh (ip mptcp rejects it)"),
            describe(*array), QStringLiteral("either \"signal\" or \"subflow\" with \"fullmesh\""));
    return flags;
}

void checkMac(const LabFields &f, const QString &mac, const QString &expected)
{
    const std::optional<std::array<quint8, 6>> bytes = parseMac(mac);
    if (!bytes)
        f.problems().reject(f.at("mac"), QStringLiteral("not a MAC address"), quoted(mac), expected);
    else if ((*bytes)[0] & 1)
        f.problems().reject(
            f.at("mac"), QStringLiteral("multicast MAC (the first byte is odd)"), quoted(mac), expected);
    else if (*bytes == std::array<quint8, 6> {})
        f.problems().reject(f.at("mac"), QStringLiteral("all-zero MAC"), quoted(mac), expected);
}

InterfaceSpec readInterface(const LabFields &f)
{
    InterfaceSpec spec;
    LabProblems &problems = f.problems();
    spec.name = f.name("name", 15, QStringLiteral("interface name"));
    const QString macExpected = QStringLiteral("a unicast MAC such as \"52:54:00:01:01:01\"");
    if (const std::optional<QString> mac = f.string("mac", true, macExpected)) {
        spec.mac = *mac;
        checkMac(f, spec.mac, macExpected);
    }
    spec.address = f.hostAddress("address");
    spec.switchPort = f.integer("port", true, INT_MIN, INT_MAX, kPort).value_or(0);
    spec.management = f.boolean("management", QStringLiteral("true or false")).value_or(false);
    if (!spec.management) {
        spec.path = f.string("path", true,
                         QStringLiteral("the name of the path the interface is on, or \"management\": true"))
                        .value_or(QString());
    } else if (const json *path = f.get("path", false, {})) {
        problems.reject(f.at("path"), QStringLiteral("a management interface belongs to no path"), describe(*path),
            QStringLiteral("no \"path\" key on the management interface"));
    }
    spec.endpointFlags = readEndpointFlags(f);
    if (spec.management && !spec.endpointFlags.isEmpty())
        problems.reject(f.at("endpoint"), QStringLiteral("a management interface has no MPTCP endpoint"),
            QLatin1Char('[') + spec.endpointFlags.join(QLatin1String(", ")) + QLatin1Char(']'),
            QStringLiteral("no \"endpoint\" key on the management interface (MPTCP stays off on it)"));
    return spec;
}

MptcpSettings readMptcp(const LabFields &f)
{
    MptcpSettings spec;
    const QString profileExpected = QStringLiteral("\"upstream\" or \"legacy\"");
    spec.profile = f.string("profile", false, profileExpected).value_or(spec.profile);
    if (spec.profile != QLatin1String("upstream") && spec.profile != QLatin1String("legacy"))
        f.problems().reject(
            f.at("profile"), QStringLiteral("unknown MPTCP profile"), quoted(spec.profile), profileExpected);
    const QString limit = QStringLiteral("an integer 0..8 (the kernel's maximum is 8)");
    spec.subflows = f.integer("subflows", false, 0, 8, limit).value_or(spec.subflows);
    spec.addAddrAccepted = f.integer("addAddrAccepted", false, 0, 8, limit).value_or(spec.addAddrAccepted);
    return spec;
}

NodeSpec readNode(const LabFields &f)
{
    NodeSpec spec;
    LabProblems &problems = f.problems();
    spec.name = f.name("name", MaxNodeNameLength, QStringLiteral("node name"));
    // "mgmt" names the lab's management namespace; "host" is where a Command runs when it is not on a node.
    if (spec.name == QLatin1String("mgmt") || spec.name == QLatin1String("host"))
        problems.reject(f.at("name"), QStringLiteral("reserved node name"), quoted(spec.name),
            QStringLiteral("a node name other than \"mgmt\" and \"host\""));
    const QString kindExpected = QStringLiteral("\"namespace\" or \"qemu\"");
    spec.kind = f.string("kind", false, kindExpected).value_or(spec.kind);
    if (spec.kind != QLatin1String("namespace") && spec.kind != QLatin1String("qemu"))
        problems.reject(f.at("kind"), QStringLiteral("unknown node kind"), quoted(spec.kind), kindExpected);
    if (const json *qemu = f.typed("qemu", false, json::value_t::object, qemuObjectExpected())) {
        spec.qemu = readQemu(*qemu, f.at("qemu"), problems);
        if (spec.kind != QLatin1String("qemu"))
            problems.reject(f.at("qemu"), QStringLiteral("QEMU settings on a node that is not a VM"), quoted(spec.kind),
                QStringLiteral("\"kind\": \"qemu\", or no \"qemu\" key"));
    }
    spec.defaultPath
        = f.string("defaultPath", false, QStringLiteral("the name of a path the node is on")).value_or(QString());
    const QString mptcpExpected = QStringLiteral("an object with profile, subflows, addAddrAccepted");
    if (const json *mptcp = f.typed("mptcp", false, json::value_t::object, mptcpExpected))
        spec.mptcp
            = readMptcp(LabFields(*mptcp, f.at("mptcp"), problems, { "profile", "subflows", "addAddrAccepted" }));
    forEachObject(f.typed("interfaces", true, json::value_t::array, QStringLiteral("an array of interfaces")),
        f.at("interfaces"), QStringLiteral("an object with name, mac, address, port, and path or management"), problems,
        [&](const json &element, const QString &pointer) {
            spec.interfaces.append(readInterface(LabFields(
                element, pointer, problems, { "name", "mac", "address", "port", "path", "management", "endpoint" })));
        });
    return spec;
}

void readTrafficEnd(const LabFields &f, const char *key, QString &node, QString &command)
{
    const json *end = f.typed(key, true, json::value_t::object, QStringLiteral("an object with node and command"));
    if (!end)
        return;
    const LabFields fields(*end, f.at(key), f.problems(), { "node", "command" });
    node = fields.string("node", true, QStringLiteral("the name of a node")).value_or(QString());
    const std::optional<QString> text = fields.string("command", true, QStringLiteral("a command line"));
    command = text.value_or(QString());
    if (text && command.trimmed().isEmpty())
        f.problems().reject(fields.at("command"), QStringLiteral("empty command"), quoted(command),
            QStringLiteral("a command line such as \"iperf -s -i 10\""));
}

TrafficSpec readTraffic(const LabFields &f)
{
    TrafficSpec spec;
    spec.wrapper
        = f.string("wrapper", false, QStringLiteral("a command prefix such as \"mptcpize run\"")).value_or(QString());
    readTrafficEnd(f, "server", spec.serverNode, spec.serverCommand);
    readTrafficEnd(f, "client", spec.clientNode, spec.clientCommand);
    return spec;
}

FailoverSpec readFailover(const LabFields &f)
{
    FailoverSpec spec;
    const QString routingExpected = QStringLiteral("\"symmetric\" or \"tutorial\"");
    spec.routing = f.string("routing", false, routingExpected).value_or(spec.routing);
    if (spec.routing != QLatin1String("symmetric") && spec.routing != QLatin1String("tutorial"))
        f.problems().reject(f.at("routing"), QStringLiteral("unknown routing"), quoted(spec.routing), routingExpected);
    spec.fastRecovery = f.boolean("fastRecovery", QStringLiteral("true or false")).value_or(spec.fastRecovery);
    return spec;
}

} // namespace

Lab readLab(const json &root, LabProblems &problems)
{
    Lab lab;
    if (!root.is_object()) {
        problems.reject(QString(), QStringLiteral("a lab file holds one JSON object"), describeWithType(root),
            QLatin1String("an object starting with \"format\": \"") + kFormat + QLatin1Char('"'));
        return lab;
    }
    const LabFields f(root, QString(), problems,
        { "format", "name", "description", "switch", "management", "paths", "nodes", "traffic", "failover", "layout" });
    if (const std::optional<QString> format = f.string("format", true, quoted(kFormat)); format && *format != kFormat)
        problems.reject(
            f.at("format"), QStringLiteral("not a lab file of this format"), quoted(*format), quoted(kFormat));
    lab.name = f.name("name", MaxLabNameLength, QStringLiteral("lab name"));
    lab.description = f.string("description", false, QStringLiteral("a sentence")).value_or(QString());
    if (const json *sw
        = f.typed("switch", true, json::value_t::object, QStringLiteral("an object with vlans, deadVlan, ports")))
        lab.switchSpec = readSwitch(LabFields(*sw, f.at("switch"), problems, { "vlans", "deadVlan", "ports" }));
    if (const json *mgmt = f.typed("management", true, json::value_t::object,
            QStringLiteral("an object with vlan, hostTap, hostPort, hostAddress")))
        lab.management = readManagement(
            LabFields(*mgmt, f.at("management"), problems, { "vlan", "hostTap", "hostPort", "hostAddress" }));
    forEachObject(f.typed("paths", true, json::value_t::array, QStringLiteral("an array of paths")), f.at("paths"),
        QStringLiteral("an object with name, vlan, table, rate"), problems,
        [&](const json &element, const QString &pointer) {
            lab.paths.append(
                readPath(LabFields(element, pointer, problems, { "name", "vlan", "table", "rate", "delay", "loss" })));
        });
    forEachObject(f.typed("nodes", true, json::value_t::array, QStringLiteral("an array of nodes")), f.at("nodes"),
        QStringLiteral("an object with name, kind, interfaces"), problems,
        [&](const json &element, const QString &pointer) {
            lab.nodes.append(readNode(LabFields(
                element, pointer, problems, { "name", "kind", "qemu", "defaultPath", "mptcp", "interfaces" })));
        });
    if (const json *traffic
        = f.typed("traffic", false, json::value_t::object, QStringLiteral("an object with wrapper, server, client")))
        lab.traffic = readTraffic(LabFields(*traffic, f.at("traffic"), problems, { "wrapper", "server", "client" }));
    if (const json *failover
        = f.typed("failover", false, json::value_t::object, QStringLiteral("an object with routing, fastRecovery")))
        lab.failover = readFailover(LabFields(*failover, f.at("failover"), problems, { "routing", "fastRecovery" }));
    if (const json *layout = f.typed(
            "layout", false, json::value_t::object, QStringLiteral("an object with a position [x, y] for some nodes")))
        readLayout(*layout, f.at("layout"), lab, problems);
    return lab;
}

} // namespace mlab
