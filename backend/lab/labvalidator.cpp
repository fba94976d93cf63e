#include "lab/labvalidator.h"

#include "lab/labfields.h"
#include "lab/labproblems.h"
#include "lab/labsyntax.h"

#include <QHash>
#include <QStringList>

namespace mlab {

namespace {

QString ifPointer(qsizetype node, qsizetype iface, const char *key)
{
    return QStringLiteral("/nodes/%1/interfaces/%2/").arg(node).arg(iface) + QLatin1String(key);
}

QString pathPointer(qsizetype path, const char *key)
{
    return QStringLiteral("/paths/%1/").arg(path) + QLatin1String(key);
}

QString quotedList(const QStringList &names)
{
    QStringList out;
    for (const QString &name : names) {
        if (!name.isEmpty())
            out << quoted(name);
    }
    return out.isEmpty() ? QStringLiteral("(none)") : out.join(QLatin1String(", "));
}

QString numberList(const QList<int> &numbers)
{
    QStringList out;
    for (int n : numbers)
        out << QString::number(n);
    return QLatin1Char('[') + out.join(QLatin1String(", ")) + QLatin1Char(']');
}

// Something that holds a value of the lab (an address, a MAC, a port), for uniqueness checks.
struct Holder
{
    QString pointer;
    QString label; // "NodeA:eth0" or "the host tap"
};

class Validator
{
public:
    Validator(const Lab &lab, LabProblems &problems)
        : m_lab(lab)
        , m_problems(problems)
    { }

    void run()
    {
        // When an interface's path is broken or unknown, or a node or its interface list is broken, the ends of
        // every path are uncertain: counting them would only repeat that one mistake in other words.
        m_pathEndsUncertain = !usable(QStringLiteral("/paths")) || !usable(QStringLiteral("/nodes"));
        for (qsizetype n = 0; n < m_lab.nodes.size(); ++n) {
            if (!usable(QStringLiteral("/nodes/%1/interfaces").arg(n)))
                m_pathEndsUncertain = true;
            if (!usable(QStringLiteral("/nodes/%1/name").arg(n)))
                m_nodeNamesUncertain = true;
            for (qsizetype i = 0; i < m_lab.nodes[n].interfaces.size(); ++i) {
                const InterfaceSpec &iface = m_lab.nodes[n].interfaces[i];
                if (!iface.management && (!usable(ifPointer(n, i, "path")) || !m_lab.pathNamed(iface.path)))
                    m_pathEndsUncertain = true;
            }
        }
        checkVlans();
        checkPaths();
        checkNodes();
        checkAddresses();
        checkMacsAndPorts();
        checkTraffic();
    }

private:
    bool usable(const QString &pointer) const { return !m_problems.isTainted(pointer); }
    QString label(qsizetype n, qsizetype i) const
    {
        return m_lab.nodes[n].name + QLatin1Char(':') + m_lab.nodes[n].interfaces[i].name;
    }
    QStringList pathNames() const
    {
        QStringList names;
        for (const PathSpec &path : m_lab.paths)
            names << path.name;
        return names;
    }

    void checkVlanUse(const QString &pointer, int vlan)
    {
        const SwitchSpec &sw = m_lab.switchSpec;
        if (!usable(pointer))
            return;
        if (usable(QStringLiteral("/switch/vlans")) && !sw.vlans.contains(vlan))
            m_problems.add(pointer, QStringLiteral("VLAN not in switch.vlans"), QString::number(vlan),
                QLatin1String("one of ") + numberList(sw.vlans));
        else if (usable(QStringLiteral("/switch/deadVlan")) && vlan == sw.deadVlan)
            m_problems.add(pointer, QStringLiteral("VLAN is the dead VLAN"), QString::number(vlan),
                QStringLiteral("a VLAN other than switch.deadVlan: breaking a link moves its port there"));
    }

    void checkVlans()
    {
        const SwitchSpec &sw = m_lab.switchSpec;
        if (usable(QStringLiteral("/switch/vlans"))) {
            for (qsizetype i = 0; i < sw.vlans.size(); ++i) {
                if (sw.vlans.indexOf(sw.vlans[i]) < i)
                    m_problems.add(QStringLiteral("/switch/vlans/%1").arg(i), QStringLiteral("VLAN listed twice"),
                        QString::number(sw.vlans[i]), QStringLiteral("each VLAN once"));
            }
            if (usable(QStringLiteral("/switch/deadVlan")) && !sw.vlans.contains(sw.deadVlan))
                m_problems.add(QStringLiteral("/switch/deadVlan"), QStringLiteral("dead VLAN not in switch.vlans"),
                    QString::number(sw.deadVlan), QLatin1String("one of ") + numberList(sw.vlans));
        }
        checkVlanUse(QStringLiteral("/management/vlan"), m_lab.management.vlan);
        for (qsizetype p = 0; p < m_lab.paths.size(); ++p) {
            const QString pointer = pathPointer(p, "vlan");
            checkVlanUse(pointer, m_lab.paths[p].vlan);
            if (!usable(pointer))
                continue;
            if (usable(QStringLiteral("/management/vlan")) && m_lab.paths[p].vlan == m_lab.management.vlan) {
                m_problems.add(pointer, QStringLiteral("VLAN already carries the management network"),
                    QString::number(m_lab.paths[p].vlan), QStringLiteral("a VLAN of its own for each path"));
                continue;
            }
            for (qsizetype q = 0; q < p; ++q) {
                if (usable(pathPointer(q, "vlan")) && m_lab.paths[q].vlan == m_lab.paths[p].vlan) {
                    m_problems.add(pointer, QLatin1String("VLAN already carries path ") + quoted(m_lab.paths[q].name),
                        QString::number(m_lab.paths[p].vlan), QStringLiteral("a VLAN of its own for each path"));
                    break;
                }
            }
        }
    }

    void checkPaths()
    {
        for (qsizetype p = 0; p < m_lab.paths.size(); ++p) {
            const PathSpec &path = m_lab.paths[p];
            for (qsizetype q = 0; q < p; ++q) {
                if (usable(pathPointer(p, "name")) && m_lab.paths[q].name == path.name)
                    m_problems.add(pathPointer(p, "name"), QStringLiteral("duplicate path name"), quoted(path.name),
                        QStringLiteral("a name no other path has"));
                if (usable(pathPointer(p, "table")) && usable(pathPointer(q, "table"))
                    && m_lab.paths[q].routingTable == path.routingTable)
                    m_problems.add(pathPointer(p, "table"),
                        QLatin1String("routing table already used by path ") + quoted(m_lab.paths[q].name),
                        QString::number(path.routingTable), QStringLiteral("a table of its own for each path"));
            }
            if (!usable(pathPointer(p, "name")) || m_pathEndsUncertain)
                continue;
            const qsizetype ends = m_lab.endsOf(path.name).size();
            if (ends < 2)
                m_problems.add(pathPointer(p, "name"), QStringLiteral("path has fewer than two ends"),
                    QString::number(ends) + QLatin1String(" interface(s) on ") + quoted(path.name),
                    QStringLiteral("at least two interfaces naming it in \"path\""));
        }
    }

    void checkInterfaces(qsizetype n)
    {
        const NodeSpec &node = m_lab.nodes[n];
        qsizetype firstManagement = -1;
        for (qsizetype i = 0; i < node.interfaces.size(); ++i) {
            const InterfaceSpec &iface = node.interfaces[i];
            for (qsizetype j = 0; j < i; ++j) {
                if (usable(ifPointer(n, i, "name")) && node.interfaces[j].name == iface.name)
                    m_problems.add(ifPointer(n, i, "name"), QStringLiteral("duplicate interface name on this node"),
                        quoted(iface.name), QStringLiteral("a name no other interface of the node has"));
            }
            if (iface.management) {
                if (firstManagement >= 0)
                    m_problems.add(ifPointer(n, i, "management"), QStringLiteral("second management interface"),
                        QStringLiteral("true"),
                        QLatin1String("exactly one per node; the first is ")
                            + quoted(node.interfaces[firstManagement].name));
                else
                    firstManagement = i;
                continue;
            }
            if (!usable(ifPointer(n, i, "path")) || !usable(QStringLiteral("/paths")))
                continue;
            if (!m_lab.pathNamed(iface.path))
                m_problems.add(ifPointer(n, i, "path"), QStringLiteral("unknown path"), quoted(iface.path),
                    QLatin1String("one of ") + quotedList(pathNames()));
            else if (node.interfaceOnPath(iface.path) != &iface)
                m_problems.add(ifPointer(n, i, "path"), QStringLiteral("node already has an interface on this path"),
                    quoted(iface.path), QStringLiteral("one interface per path and node (source routing by address)"));
        }
        if (firstManagement < 0 && usable(QStringLiteral("/nodes/%1/interfaces").arg(n)))
            m_problems.add(QStringLiteral("/nodes/%1/interfaces").arg(n),
                QStringLiteral("node has no management interface"),
                QString::number(node.interfaces.size())
                    + QLatin1String(" interface(s), none with \"management\": true"),
                QStringLiteral("exactly one interface with \"management\": true (the engine reaches the node over SSH "
                               "through it)"));
    }

    void checkDefaultPath(qsizetype n)
    {
        const NodeSpec &node = m_lab.nodes[n];
        const QString pointer = QStringLiteral("/nodes/%1/defaultPath").arg(n);
        if (node.defaultPath.isEmpty() || !usable(pointer) || m_pathEndsUncertain)
            return;
        QStringList onPaths;
        for (const InterfaceSpec &iface : node.interfaces) {
            if (!iface.management && m_lab.pathNamed(iface.path))
                onPaths << iface.path;
        }
        if (!onPaths.contains(node.defaultPath))
            m_problems.add(pointer, QStringLiteral("node is not on this path"), quoted(node.defaultPath),
                QLatin1String("a path the node is on: ") + quotedList(onPaths));
        else if (m_lab.endsOf(node.defaultPath).size() > 2)
            m_problems.add(pointer, QStringLiteral("path has no single gateway"), quoted(node.defaultPath),
                QStringLiteral(
                    "a path with exactly two ends, or no defaultPath (on a shared path every node is on-link)"));
    }

    void checkNodes()
    {
        for (qsizetype n = 0; n < m_lab.nodes.size(); ++n) {
            const QString pointer = QStringLiteral("/nodes/%1/name").arg(n);
            for (qsizetype m = 0; m < n; ++m) {
                if (usable(pointer) && m_lab.nodes[m].name == m_lab.nodes[n].name)
                    m_problems.add(pointer, QStringLiteral("duplicate node name"), quoted(m_lab.nodes[n].name),
                        QStringLiteral("a name no other node has"));
            }
            checkInterfaces(n);
            checkDefaultPath(n);
        }
    }

    void checkAddresses()
    {
        struct Entry
        {
            Holder holder;
            QString text;
            Ipv4Cidr cidr;
            QString segment; // the path name, or "" for management
            bool knownSegment;
        };
        QList<Entry> entries;
        auto addEntry = [&](const QString &pointer, const QString &label, const QString &text, const QString &segment,
                            bool knownSegment) {
            const std::optional<Ipv4Cidr> cidr = parseIpv4Cidr(text);
            if (usable(pointer) && cidr)
                entries.append(Entry { Holder { pointer, label }, text, *cidr, segment, knownSegment });
        };
        addEntry(QStringLiteral("/management/hostAddress"), QStringLiteral("the host tap"),
            m_lab.management.hostAddress, {}, true);
        for (qsizetype n = 0; n < m_lab.nodes.size(); ++n) {
            for (qsizetype i = 0; i < m_lab.nodes[n].interfaces.size(); ++i) {
                const InterfaceSpec &iface = m_lab.nodes[n].interfaces[i];
                // An interface on an unknown path still takes part in the duplicate check, but its subnet is
                // compared with nothing: the unknown path is the one mistake to report.
                const bool known = iface.management || (usable(ifPointer(n, i, "path")) && m_lab.pathNamed(iface.path));
                addEntry(ifPointer(n, i, "address"), label(n, i), iface.address,
                    iface.management ? QString() : iface.path, known);
            }
        }
        QHash<quint32, const Entry *> byAddress;
        QHash<QString, const Entry *> firstOfSegment;
        QList<const Entry *> segments;
        for (const Entry &entry : std::as_const(entries)) {
            const QString segmentName = entry.segment.isEmpty() ? QStringLiteral("the management network")
                                                                : QLatin1String("path ") + quoted(entry.segment);
            if (const Entry *other = byAddress.value(entry.cidr.address)) {
                m_problems.add(entry.holder.pointer, QLatin1String("address already used by ") + other->holder.label,
                    quoted(entry.text), QStringLiteral("an address no other interface has"));
                continue;
            }
            byAddress.insert(entry.cidr.address, &entry);
            if (!entry.knownSegment)
                continue;
            if (const Entry *first = firstOfSegment.value(entry.segment)) {
                if (!entry.cidr.sameSubnet(first->cidr))
                    m_problems.add(entry.holder.pointer, QLatin1String("not in the subnet of ") + segmentName,
                        quoted(entry.text),
                        QLatin1String("an address in ") + first->cidr.subnetText() + QLatin1String(" like ")
                            + first->holder.label);
                continue;
            }
            firstOfSegment.insert(entry.segment, &entry);
            for (const Entry *other : std::as_const(segments)) {
                if (entry.cidr.overlaps(other->cidr)) {
                    m_problems.add(entry.holder.pointer,
                        QLatin1String("subnet of ") + segmentName + QLatin1String(" overlaps the subnet of ")
                            + (other->segment.isEmpty() ? QStringLiteral("the management network")
                                                        : QLatin1String("path ") + quoted(other->segment)),
                        quoted(entry.text) + QLatin1String(" in ") + entry.cidr.subnetText(),
                        QLatin1String("a subnet apart from ") + other->cidr.subnetText()
                            + QLatin1String(" (the kernel routes by prefix, not by path)"));
                    break;
                }
            }
            segments.append(&entry);
        }
    }

    void checkMacsAndPorts()
    {
        const bool portsKnown = usable(QStringLiteral("/switch/ports"));
        const int maxPort = m_lab.switchSpec.ports - 1;
        QHash<QString, Holder> macs;
        QHash<int, Holder> ports;
        auto checkPort = [&](const QString &pointer, const QString &label, int port) {
            if (!usable(pointer))
                return;
            // vde_switch -n N numbers its ports 1..N-1 (port/create N fails with 1022, port 0 means "any").
            if (portsKnown && (port < 1 || port > maxPort)) {
                m_problems.add(pointer, QStringLiteral("switch port out of range"), QString::number(port),
                    QStringLiteral("a port 1..%1 (switch.ports is %2)").arg(maxPort).arg(m_lab.switchSpec.ports));
            } else if (ports.contains(port)) {
                m_problems.add(pointer, QLatin1String("switch port already used by ") + ports[port].label,
                    QString::number(port), QStringLiteral("a port no other interface or the host tap uses"));
            } else {
                ports.insert(port, Holder { pointer, label });
            }
        };
        checkPort(QStringLiteral("/management/hostPort"), QStringLiteral("the host tap"), m_lab.management.hostPort);
        for (qsizetype n = 0; n < m_lab.nodes.size(); ++n) {
            for (qsizetype i = 0; i < m_lab.nodes[n].interfaces.size(); ++i) {
                const InterfaceSpec &iface = m_lab.nodes[n].interfaces[i];
                checkPort(ifPointer(n, i, "port"), label(n, i), iface.switchPort);
                const QString macPointer = ifPointer(n, i, "mac");
                if (!usable(macPointer))
                    continue;
                const QString mac = iface.mac.toLower();
                if (macs.contains(mac))
                    m_problems.add(macPointer, QLatin1String("MAC already used by ") + macs[mac].label,
                        quoted(iface.mac), QStringLiteral("a MAC no other interface has"));
                else
                    macs.insert(mac, Holder { macPointer, label(n, i) });
            }
        }
    }

    void checkTraffic()
    {
        QStringList nodeNames;
        for (const NodeSpec &node : m_lab.nodes)
            nodeNames << node.name;
        const std::pair<const char *, QString> ends[]
            = { { "server", m_lab.traffic.serverNode }, { "client", m_lab.traffic.clientNode } };
        for (const auto &[end, node] : ends) {
            const QString pointer = QLatin1String("/traffic/") + QLatin1String(end) + QLatin1String("/node");
            if (!node.isEmpty() && usable(pointer) && usable(QStringLiteral("/nodes")) && !m_nodeNamesUncertain
                && !m_lab.nodeNamed(node))
                m_problems.add(pointer, QStringLiteral("unknown node"), quoted(node),
                    QLatin1String("one of ") + quotedList(nodeNames));
        }
    }

    const Lab &m_lab;
    LabProblems &m_problems;
    bool m_pathEndsUncertain = false;
    bool m_nodeNamesUncertain = false;
};

} // namespace

void validateLab(const Lab &lab, LabProblems &problems)
{
    Validator validator(lab, problems);
    validator.run();
}

} // namespace mlab
