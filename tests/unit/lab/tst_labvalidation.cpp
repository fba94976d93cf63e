#include "lab/labfile.h"

#include "labtest.h"

#include <QStringList>

#include <algorithm>

using namespace mlab;
using namespace labtest;

// Each check of the lab format, one mistake at a time: the message must name the file, the JSON pointer, the bad
// value and what was expected.
class TestLabValidation : public QObject
{
    Q_OBJECT

private slots:
    void badSeedVariant_data();
    void badSeedVariant();
    void oneMistakeIsReportedOnce_data();
    void oneMistakeIsReportedOnce();
    void everyProblemIsReportedInFileOrder();
};

void TestLabValidation::badSeedVariant_data()
{
    // Each row patches the seed (RFC 6902 JSON Patch) with one mistake and names where the message must point,
    // the bad value it must quote, and what it must say was expected.
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("got");
    QTest::addColumn<QString>("expected");

    auto row = [](const char *name, const char *patch, const char *pointer, const char *got, const char *expected) {
        QTest::newRow(name) << QByteArray(patch) << QString::fromUtf8(pointer) << QString::fromUtf8(got)
                            << QString::fromUtf8(expected);
    };
    // Format, keys and types.
    row("wrong format", R"([{"op":"replace","path":"/format","value":"mptcplab-lab/2"}])", "/format",
        R"("mptcplab-lab/2")", R"("mptcplab-lab/1")");
    row("missing format", R"([{"op":"remove","path":"/format"}])", "/format", "nothing", R"("mptcplab-lab/1")");
    row("unknown top-level key", R"([{"op":"add","path":"/nmae","value":"seed"}])", "/nmae", R"("nmae")",
        R"(did you mean "name"?)");
    row("unknown switch key", R"([{"op":"add","path":"/switch/port","value":32}])", "/switch/port", R"("port")",
        R"(did you mean "ports"?)");
    row("unknown management key", R"([{"op":"add","path":"/management/hostMac","value":"x"}])", "/management/hostMac",
        R"("hostMac")", "one of vlan, hostTap, hostPort, hostAddress");
    row("unknown path key", R"([{"op":"add","path":"/paths/0/bandwidth","value":"50mbit"}])", "/paths/0/bandwidth",
        R"("bandwidth")", "one of name, vlan, table, rate");
    row("unknown node key", R"([{"op":"add","path":"/nodes/1/defaultpath","value":"path1"}])", "/nodes/1/defaultpath",
        R"("defaultpath")", R"(did you mean "defaultPath"?)");
    row("unknown interface key", R"([{"op":"add","path":"/nodes/0/interfaces/0/adress","value":"10.168.1.1/24"}])",
        "/nodes/0/interfaces/0/adress", R"("adress")", R"(did you mean "address"?)");
    row("unknown mptcp key", R"([{"op":"add","path":"/nodes/1/mptcp/subflow","value":2}])", "/nodes/1/mptcp/subflow",
        R"("subflow")", R"(did you mean "subflows"?)");
    row("unknown traffic key", R"([{"op":"add","path":"/traffic/server/cmd","value":"iperf -s"}])",
        "/traffic/server/cmd", R"("cmd")", "one of node, command");
    row("unknown routing", R"([{"op":"replace","path":"/failover/routing","value":"asymmetric"}])", "/failover/routing",
        R"("asymmetric")", R"("symmetric" or "tutorial")");
    row("fastRecovery not a boolean", R"([{"op":"replace","path":"/failover/fastRecovery","value":"yes"}])",
        "/failover/fastRecovery", R"("yes")", "true or false");
    row("unknown failover key", R"([{"op":"add","path":"/failover/rtoMax","value":1000}])", "/failover/rtoMax",
        R"("rtoMax")", "one of routing, fastRecovery");
    row("failover not an object", R"([{"op":"replace","path":"/failover","value":true}])", "/failover", "true",
        "an object with routing, fastRecovery");
    row("layout names no node", R"([{"op":"add","path":"/layout","value":{"NodeC":[0,0]}}])", "/layout/NodeC",
        R"("NodeC")", R"(the name of one of the lab's nodes, or "host")");
    row("layout position not a pair", R"([{"op":"add","path":"/layout","value":{"NodeA":[1,2,3]}}])", "/layout/NodeA",
        "[1,2,3]", "[x, y]: two numbers between -100000 and 100000");
    row("layout position too far", R"([{"op":"add","path":"/layout","value":{"host":[0,1e9]}}])", "/layout/host",
        "[0,1000000000.0]", "[x, y]: two numbers");
    row("layout not an object", R"([{"op":"add","path":"/layout","value":[1,2]}])", "/layout", "[1,2]",
        "an object with a position [x, y] for some nodes");
    row("missing mac", R"([{"op":"remove","path":"/nodes/0/interfaces/1/mac"}])", "/nodes/0/interfaces/1/mac",
        "nothing", "a unicast MAC such as \"52:54:00:01:01:01\"");
    row("missing paths", R"([{"op":"remove","path":"/paths"}])", "/paths", "nothing", "an array of paths");
    row("missing path on interface", R"([{"op":"remove","path":"/nodes/1/interfaces/0/path"}])",
        "/nodes/1/interfaces/0/path", "nothing", R"(or "management": true)");
    row("missing traffic command", R"([{"op":"remove","path":"/traffic/client/command"}])", "/traffic/client/command",
        "nothing", "a command line");
    row("string for integer", R"([{"op":"replace","path":"/paths/0/vlan","value":"1"}])", "/paths/0/vlan",
        R"("1" (a string))", "an integer 1..4093");
    row("fraction for integer", R"([{"op":"replace","path":"/switch/ports","value":32.5}])", "/switch/ports",
        "32.5 (a number with a fraction)", "an integer 2..1024");
    row("object for array", R"([{"op":"replace","path":"/nodes","value":{}}])", "/nodes", "{} (an object)",
        "an array of nodes");
    row("string for boolean", R"([{"op":"replace","path":"/nodes/0/interfaces/2/management","value":"yes"}])",
        "/nodes/0/interfaces/2/management", R"("yes" (a string))", "true or false");
    row("number for node", R"([{"op":"add","path":"/nodes/-","value":7}])", "/nodes/2", "7 (an integer)",
        "an object with name, kind, interfaces");
    row("number for endpoint flag", R"([{"op":"replace","path":"/nodes/1/interfaces/1/endpoint/0","value":1}])",
        "/nodes/1/interfaces/1/endpoint/0", "1", "MPTCP endpoint flags from subflow, signal, backup, fullmesh");
    row("empty command", R"([{"op":"replace","path":"/traffic/server/command","value":"  "}])",
        "/traffic/server/command", R"("  ")", "a command line such as");
    row("delay not supported", R"([{"op":"add","path":"/paths/0/delay","value":"20ms"}])", "/paths/0/delay",
        R"("20ms")", R"(no "delay" key: format mptcplab-lab/1 shapes a path with "rate" only)");
    row("loss not supported", R"([{"op":"add","path":"/paths/1/loss","value":1}])", "/paths/1/loss", "1",
        R"(no "loss" key)");

    // Names.
    row("lab name with a space", R"([{"op":"replace","path":"/name","value":"seed lab"}])", "/name", R"("seed lab")",
        "a letter followed by letters, digits, '_' or '-'");
    row("lab name of 13", R"([{"op":"replace","path":"/name","value":"seedthirteen1"}])", "/name",
        R"("seedthirteen1", 13 characters)", "at most 12 characters");
    row("node name starting with a digit", R"([{"op":"replace","path":"/nodes/0/name","value":"1NodeA"}])",
        "/nodes/0/name", R"("1NodeA")", "a letter followed by");
    row("node name too long", R"([{"op":"replace","path":"/nodes/1/name","value":"NodeBravoBeta"}])", "/nodes/1/name",
        R"("NodeBravoBeta", 13 characters)", "at most 12 characters");
    row("node name mgmt", R"([{"op":"replace","path":"/nodes/1/name","value":"mgmt"}])", "/nodes/1/name", R"("mgmt")",
        R"(a node name other than "mgmt")");
    row("interface name with a dot", R"([{"op":"replace","path":"/nodes/0/interfaces/0/name","value":"eth0.1"}])",
        "/nodes/0/interfaces/0/name", R"("eth0.1")", "a letter followed by");
    row("interface name of 16", R"([{"op":"replace","path":"/nodes/0/interfaces/0/name","value":"eth0123456789012"}])",
        "/nodes/0/interfaces/0/name", R"("eth0123456789012", 16 characters)", "at most 15 characters");
    row("path name with a space", R"([{"op":"replace","path":"/paths/0/name","value":"path 1"}])", "/paths/0/name",
        R"("path 1")", "a letter followed by");
    row("tap name too long", R"([{"op":"replace","path":"/management/hostTap","value":"tapmanagement123"}])",
        "/management/hostTap", R"("tapmanagement123", 16 characters)", "at most 15 characters");
    row("duplicate node name", R"([{"op":"replace","path":"/nodes/1/name","value":"NodeA"}])", "/nodes/1/name",
        R"("NodeA")", "a name no other node has");
    row("duplicate interface name", R"([{"op":"replace","path":"/nodes/0/interfaces/1/name","value":"eth0"}])",
        "/nodes/0/interfaces/1/name", R"("eth0")", "a name no other interface of the node has");
    row("duplicate path name", R"([{"op":"replace","path":"/paths/1/name","value":"path1"}])", "/paths/1/name",
        R"("path1")", "a name no other path has");

    // Addresses.
    row("octet above 255", R"([{"op":"replace","path":"/nodes/1/interfaces/0/address","value":"10.168.1.300/24"}])",
        "/nodes/1/interfaces/0/address", R"("10.168.1.300/24")", "an IPv4 host address with prefix length");
    row("no prefix length", R"([{"op":"replace","path":"/nodes/1/interfaces/0/address","value":"10.1.1.1"}])",
        "/nodes/1/interfaces/0/address", R"("10.1.1.1")", "an IPv4 host address with prefix length");
    row("prefix only", R"([{"op":"replace","path":"/nodes/1/interfaces/0/address","value":"/33"}])",
        "/nodes/1/interfaces/0/address", R"("/33")", "such as \"10.168.1.1/24\"");
    row("prefix 33", R"([{"op":"replace","path":"/management/hostAddress","value":"10.168.255.254/33"}])",
        "/management/hostAddress", R"("10.168.255.254/33")", "an IPv4 host address with prefix length");
    row("leading zero", R"([{"op":"replace","path":"/nodes/1/interfaces/0/address","value":"10.168.1.02/24"}])",
        "/nodes/1/interfaces/0/address", R"("10.168.1.02/24")", "an IPv4 host address with prefix length");
    row("loopback address", R"([{"op":"replace","path":"/nodes/1/interfaces/0/address","value":"127.0.0.2/8"}])",
        "/nodes/1/interfaces/0/address", R"("127.0.0.2/8")", "an address outside 0.0.0.0/8, 127.0.0.0/8");
    row("network address", R"([{"op":"replace","path":"/nodes/0/interfaces/0/address","value":"10.168.1.0/24"}])",
        "/nodes/0/interfaces/0/address", R"("10.168.1.0/24")", "a host address inside 10.168.1.0/24");
    row("broadcast address", R"([{"op":"replace","path":"/nodes/0/interfaces/0/address","value":"10.168.1.255/24"}])",
        "/nodes/0/interfaces/0/address", R"("10.168.1.255/24")", "a host address inside 10.168.1.0/24");
    row("duplicate address", R"([{"op":"replace","path":"/nodes/1/interfaces/0/address","value":"10.168.1.1/24"}])",
        "/nodes/1/interfaces/0/address", R"("10.168.1.1/24")", "an address no other interface has");
    row("address of the host tap",
        R"([{"op":"replace","path":"/nodes/0/interfaces/2/address","value":"10.168.255.254/24"}])",
        "/nodes/0/interfaces/2/address", R"(address already used by the host tap (got "10.168.255.254/24")",
        "an address no other interface has");
    row("paths overlap",
        R"([{"op":"replace","path":"/nodes/0/interfaces/1/address","value":"10.168.2.1/22"},
            {"op":"replace","path":"/nodes/1/interfaces/1/address","value":"10.168.2.2/22"}])",
        "/nodes/0/interfaces/1/address", R"(subnet of path "path2" overlaps the subnet of path "path1")",
        "a subnet apart from 10.168.1.0/24");
    row("path overlaps management",
        R"([{"op":"replace","path":"/management/hostAddress","value":"10.168.0.254/16"},
            {"op":"replace","path":"/nodes/0/interfaces/2/address","value":"10.168.0.1/16"},
            {"op":"replace","path":"/nodes/1/interfaces/2/address","value":"10.168.0.2/16"}])",
        "/nodes/0/interfaces/0/address", R"(got "10.168.1.1/24" in 10.168.1.0/24)",
        "a subnet apart from 10.168.0.0/16");
    row("ends of a path in different subnets",
        R"([{"op":"replace","path":"/nodes/1/interfaces/0/address","value":"10.168.3.2/24"}])",
        "/nodes/1/interfaces/0/address", R"(not in the subnet of path "path1" (got "10.168.3.2/24")",
        "an address in 10.168.1.0/24 like NodeA:eth0");
    row("management in another subnet",
        R"([{"op":"replace","path":"/nodes/1/interfaces/2/address","value":"10.168.254.2/24"}])",
        "/nodes/1/interfaces/2/address", R"("10.168.254.2/24")", "an address in 10.168.255.0/24 like the host tap");

    // MACs.
    row("short MAC", R"([{"op":"replace","path":"/nodes/0/interfaces/0/mac","value":"52:54:00:01:01"}])",
        "/nodes/0/interfaces/0/mac", R"("52:54:00:01:01")", "a unicast MAC such as");
    row("MAC with dashes", R"([{"op":"replace","path":"/nodes/0/interfaces/0/mac","value":"52-54-00-01-01-01"}])",
        "/nodes/0/interfaces/0/mac", R"("52-54-00-01-01-01")", "a unicast MAC such as");
    row("multicast MAC", R"([{"op":"replace","path":"/nodes/0/interfaces/0/mac","value":"01:00:5e:00:00:01"}])",
        "/nodes/0/interfaces/0/mac", R"(multicast MAC (the first byte is odd) (got "01:00:5e:00:00:01")",
        "a unicast MAC such as");
    row("duplicate MAC", R"([{"op":"replace","path":"/nodes/1/interfaces/0/mac","value":"52:54:00:01:01:01"}])",
        "/nodes/1/interfaces/0/mac", R"(MAC already used by NodeA:eth0 (got "52:54:00:01:01:01")",
        "a MAC no other interface has");
    row("duplicate MAC in another case",
        R"([{"op":"replace","path":"/nodes/1/interfaces/0/mac","value":"52:54:00:01:0A:01"},
            {"op":"replace","path":"/nodes/1/interfaces/1/mac","value":"52:54:00:01:0a:01"}])",
        "/nodes/1/interfaces/1/mac", "MAC already used by NodeB:eth0", "a MAC no other interface has");

    // Switch ports and VLANs.
    row("duplicate port", R"([{"op":"replace","path":"/nodes/1/interfaces/0/port","value":10}])",
        "/nodes/1/interfaces/0/port", "switch port already used by NodeA:eth0 (got 10",
        "a port no other interface or the host tap uses");
    row("port of the host tap", R"([{"op":"replace","path":"/nodes/0/interfaces/0/port","value":1}])",
        "/nodes/0/interfaces/0/port", "switch port already used by the host tap (got 1",
        "a port no other interface or the host tap uses");
    row("port equal to switch.ports", R"([{"op":"replace","path":"/nodes/0/interfaces/0/port","value":32}])",
        "/nodes/0/interfaces/0/port", "got 32", "a port 1..31 (switch.ports is 32)");
    row("port 0", R"([{"op":"replace","path":"/management/hostPort","value":0}])", "/management/hostPort", "got 0",
        "a port 1..31");
    row("path VLAN not on the switch", R"([{"op":"replace","path":"/paths/1/vlan","value":7}])", "/paths/1/vlan",
        "VLAN not in switch.vlans (got 7", "one of [1, 2, 3, 4]");
    row("management VLAN not on the switch", R"([{"op":"replace","path":"/management/vlan","value":9}])",
        "/management/vlan", "got 9", "one of [1, 2, 3, 4]");
    row("VLAN 4094", R"([{"op":"replace","path":"/switch/vlans/3","value":4094}])", "/switch/vlans/3", "got 4094",
        "an integer 1..4093");
    row("VLAN listed twice", R"([{"op":"add","path":"/switch/vlans/-","value":2}])", "/switch/vlans/4",
        "VLAN listed twice (got 2", "each VLAN once");
    row("no VLANs", R"([{"op":"replace","path":"/switch/vlans","value":[]}])", "/switch/vlans", "got []",
        "the VLANs of every path");
    row("dead VLAN not on the switch", R"([{"op":"replace","path":"/switch/deadVlan","value":5}])", "/switch/deadVlan",
        "got 5", "one of [1, 2, 3, 4]");
    row("dead VLAN used by a path", R"([{"op":"replace","path":"/switch/deadVlan","value":2}])", "/paths/1/vlan",
        "VLAN is the dead VLAN (got 2", "a VLAN other than switch.deadVlan");
    row("dead VLAN used by management", R"([{"op":"replace","path":"/switch/deadVlan","value":3}])", "/management/vlan",
        "VLAN is the dead VLAN (got 3", "a VLAN other than switch.deadVlan");
    row("two paths on one VLAN", R"([{"op":"replace","path":"/paths/1/vlan","value":1}])", "/paths/1/vlan",
        R"(VLAN already carries path "path1" (got 1)", "a VLAN of its own for each path");
    row("path on the management VLAN", R"([{"op":"replace","path":"/paths/1/vlan","value":3}])", "/paths/1/vlan",
        "VLAN already carries the management network (got 3", "a VLAN of its own for each path");

    // Paths, interfaces and nodes.
    row("unknown path", R"([{"op":"replace","path":"/nodes/1/interfaces/1/path","value":"path3"}])",
        "/nodes/1/interfaces/1/path", R"(unknown path (got "path3")", R"(one of "path1", "path2")");
    row("path with one end", R"([{"op":"remove","path":"/nodes/1/interfaces/1"}])", "/paths/1/name",
        R"(path has fewer than two ends (got 1 interface(s) on "path2")",
        R"(at least two interfaces naming it in "path")");
    row("path with no end",
        R"([{"op":"add","path":"/switch/vlans/-","value":5},
            {"op":"add","path":"/paths/-","value":{"name":"path3","vlan":5,"table":3}}])",
        "/paths/2/name", R"(got 0 interface(s) on "path3")", R"(at least two interfaces naming it in "path")");
    row("two interfaces of a node on one path",
        R"([{"op":"replace","path":"/nodes/0/interfaces/1/path","value":"path1"},
            {"op":"replace","path":"/nodes/0/interfaces/1/address","value":"10.168.1.3/24"}])",
        "/nodes/0/interfaces/1/path", R"(node already has an interface on this path (got "path1")",
        "one interface per path and node");
    row("no management interface", R"([{"op":"remove","path":"/nodes/1/interfaces/2"}])", "/nodes/1/interfaces",
        R"(got 2 interface(s), none with "management": true)", R"(exactly one interface with "management": true)");
    row("two management interfaces",
        R"([{"op":"add","path":"/nodes/0/interfaces/-","value":{"name":"eth3","mac":"52:54:00:01:00:03",
            "address":"10.168.255.3/24","port":4,"management":true}}])",
        "/nodes/0/interfaces/3/management", "second management interface (got true",
        R"(exactly one per node; the first is "eth2")");
    row("management interface with a path", R"([{"op":"add","path":"/nodes/0/interfaces/2/path","value":"path1"}])",
        "/nodes/0/interfaces/2/path", R"(a management interface belongs to no path (got "path1")",
        R"(no "path" key on the management interface)");
    row("management interface with an endpoint",
        R"([{"op":"add","path":"/nodes/1/interfaces/2/endpoint","value":["signal"]}])",
        "/nodes/1/interfaces/2/endpoint", "a management interface has no MPTCP endpoint (got [signal]",
        "MPTCP stays off on it");
    row("unknown endpoint flag", R"([{"op":"add","path":"/nodes/1/interfaces/1/endpoint/-","value":"laminar"}])",
        "/nodes/1/interfaces/1/endpoint/1", R"("laminar")",
        "MPTCP endpoint flags from subflow, signal, backup, fullmesh");
    row("endpoint flag twice", R"([{"op":"add","path":"/nodes/1/interfaces/1/endpoint/-","value":"signal"}])",
        "/nodes/1/interfaces/1/endpoint/1", R"(endpoint flag given twice (got "signal")", "each flag once");
    row("fullmesh without subflow",
        R"([{"op":"replace","path":"/nodes/0/interfaces/0/endpoint","value":["fullmesh"]}])",
        "/nodes/0/interfaces/0/endpoint", R"(fullmesh without subflow (ip mptcp rejects it) (got ["fullmesh"])",
        R"("subflow" whenever "fullmesh" is given)");
    row("signal with fullmesh",
        R"([{"op":"replace","path":"/nodes/0/interfaces/0/endpoint","value":["subflow","signal","fullmesh"]}])",
        "/nodes/0/interfaces/0/endpoint", "signal together with fullmesh", R"(either "signal" or "subflow")");
    row("unknown node kind", R"([{"op":"replace","path":"/nodes/0/kind","value":"docker"}])", "/nodes/0/kind",
        R"("docker")", R"("namespace" or "qemu")");
    // QEMU nodes: every value becomes part of a command line the root engine runs.
    row("qemu settings on a namespace node", R"([{"op":"add","path":"/nodes/0/qemu","value":{"memory":256}}])",
        "/nodes/0/qemu", R"("namespace")", R"("kind": "qemu", or no "qemu" key)");
    row("qemu image with a comma",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"image":"/tmp/a,file=/etc/shadow"}}])",
        "/nodes/0/qemu/image", R"("/tmp/a,file=/etc/shadow")", "letters, digits and . _ + - / only");
    row("qemu image with ..",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"image":"../../etc"}}])",
        "/nodes/0/qemu/image", R"("../../etc")", R"(no "..")");
    row("qemu memory too small",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"memory":64}}])",
        "/nodes/0/qemu/memory", "out of range (got 64", "128..16384");
    row("qemu unknown launch mode",
        R"([{"op":"replace","path":"/nodes/1/kind","value":"qemu"},{"op":"add","path":"/nodes/1/qemu","value":{"launch":"tap"}}])",
        "/nodes/1/qemu/launch", R"("tap")", R"("vde" (QEMU's -netdev vde) or "vdeq")");
    row("qemu unknown accelerator",
        R"([{"op":"replace","path":"/nodes/1/kind","value":"qemu"},{"op":"add","path":"/nodes/1/qemu","value":{"accel":"hvf"}}])",
        "/nodes/1/qemu/accel", R"("hvf")", R"("auto" (KVM when it works, else TCG), "kvm" or "tcg")");
    row("qemu image with a final newline",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"image":"/tmp/guest\n"}}])",
        "/nodes/0/qemu/image", R"("/tmp/guest\n")", "letters, digits and . _ + - / only");
    row("qemu disk and image both",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"image":"/g","disk":"/d.img","login":{"password":"x"}}}])",
        "/nodes/0/qemu/disk", R"("/d.img")", R"("image" or "disk", not both)");
    row("qemu disk without a login",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"disk":"/d.img"}}])",
        "/nodes/0/qemu/login", "(no login)", "how the engine logs in to the disk's system");
    row("qemu login without a disk",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"login":{"password":"x"}}}])",
        "/nodes/0/qemu/login", "(a login without a disk)", R"("login" only with "disk")");
    row("qemu login with neither key nor password",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"disk":"/d.img","login":{"user":"root"}}}])",
        "/nodes/0/qemu/login/password", "(neither given)", R"("password" or "identityFile")");
    row("qemu login user with a space",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"disk":"/d.img","login":{"user":"root -oProxyCommand=x","password":"x"}}}])",
        "/nodes/0/qemu/login/user", R"("root -oProxyCommand=x")", "a user name of lower-case letters");
    row("qemu login password with a newline, not shown",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"disk":"/d.img","login":{"password":"pass\nword"}}}])",
        "/nodes/0/qemu/login/password", "(9 characters, not shown)", "no control characters");
    row("qemu login identity file outside safe characters",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"disk":"/d.img","login":{"identityFile":"../../root/.ssh/id_rsa"}}}])",
        "/nodes/0/qemu/login/identityFile", R"("../../root/.ssh/id_rsa")", R"(no "..")");
    row("qemu login host key not a key line",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"disk":"/d.img","login":{"password":"x","hostKey":"ssh-dss AAAA"}}}])",
        "/nodes/0/qemu/login/hostKey", R"("ssh-dss AAAA")", "OpenSSH public key line");
    row("qemu unknown NIC model",
        R"([{"op":"replace","path":"/nodes/0/kind","value":"qemu"},{"op":"add","path":"/nodes/0/qemu","value":{"nic":"ne2k"}}])",
        "/nodes/0/qemu/nic", R"("ne2k")", R"("virtio", "e1000" or "rtl8139")");
    row("qemu boot timeout too long",
        R"([{"op":"replace","path":"/nodes/1/kind","value":"qemu"},{"op":"add","path":"/nodes/1/qemu","value":{"bootTimeout":3600}}])",
        "/nodes/1/qemu/bootTimeout", "out of range (got 3600", "5..600");
    row("qemu unknown key",
        R"([{"op":"replace","path":"/nodes/1/kind","value":"qemu"},{"op":"add","path":"/nodes/1/qemu","value":{"ram":256}}])",
        "/nodes/1/qemu/ram", R"("ram")", "one of image, disk, login, nic, memory, launch, accel, bootTimeout");
    row("unknown MPTCP profile", R"([{"op":"replace","path":"/nodes/0/mptcp/profile","value":"mptcpv0"}])",
        "/nodes/0/mptcp/profile", R"("mptcpv0")", R"("upstream" or "legacy")");
    row("subflows above 8", R"([{"op":"replace","path":"/nodes/0/mptcp/subflows","value":9}])",
        "/nodes/0/mptcp/subflows", "out of range (got 9", "an integer 0..8");
    row("negative addAddrAccepted", R"([{"op":"replace","path":"/nodes/1/mptcp/addAddrAccepted","value":-1}])",
        "/nodes/1/mptcp/addAddrAccepted", "got -1", "an integer 0..8");
    row("rate with a space", R"([{"op":"replace","path":"/paths/0/rate","value":"50 mbit"}])", "/paths/0/rate",
        R"(not a rate (got "50 mbit")", R"("unlimited" or a tc rate such as "50mbit", "1.5gbit", "800kbit")");
    row("rate without unit", R"([{"op":"replace","path":"/paths/0/rate","value":"50"}])", "/paths/0/rate", R"("50")",
        R"("unlimited" or a tc rate)");
    row("zero rate", R"([{"op":"replace","path":"/paths/0/rate","value":"0mbit"}])", "/paths/0/rate", R"("0mbit")",
        R"("unlimited" or a tc rate)");
    row("table 0", R"([{"op":"replace","path":"/paths/0/table","value":0}])", "/paths/0/table", "got 0",
        "an integer 1..252");
    row("table 254 (main)", R"([{"op":"replace","path":"/paths/0/table","value":254}])", "/paths/0/table", "got 254",
        "an integer 1..252");
    row("duplicate table", R"([{"op":"replace","path":"/paths/1/table","value":1}])", "/paths/1/table",
        R"(routing table already used by path "path1" (got 1)", "a table of its own for each path");
    row("default path the node is not on", R"([{"op":"replace","path":"/nodes/1/defaultPath","value":"path9"}])",
        "/nodes/1/defaultPath", R"(node is not on this path (got "path9")",
        R"(a path the node is on: "path1", "path2")");
    row("unknown traffic server", R"([{"op":"replace","path":"/traffic/server/node","value":"NodeZ"}])",
        "/traffic/server/node", R"(unknown node (got "NodeZ")", R"(one of "NodeA", "NodeB")");
    row("unknown traffic client", R"([{"op":"replace","path":"/traffic/client/node","value":"nodea"}])",
        "/traffic/client/node", R"("nodea")", R"(one of "NodeA", "NodeB")");
}

void TestLabValidation::badSeedVariant()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, pointer);
    QFETCH(QString, got);
    QFETCH(QString, expected);

    const QString fileName = QStringLiteral("patched-seed.json");
    const Result<Lab> result = parseLab(patchedSeed(patch), fileName);
    QVERIFY2(!result.ok(), "the lab was accepted");
    verifyMessageShape(result.error(), fileName);

    const QString marker = QLatin1String(": ") + pointer + QLatin1String(": ");
    const QStringList lines = result.error().split(QLatin1Char('\n'));
    const auto line = std::find_if(lines.cbegin(), lines.cend(),
        [&](const QString &l) { return l.contains(marker) && l.contains(got) && l.contains(expected); });
    QVERIFY2(line != lines.cend(),
        qPrintable(QLatin1String("no line names ") + pointer + QLatin1String(" with ") + got + QLatin1String(" and ")
            + expected + QLatin1String(" in:\n") + result.error()));
}

void TestLabValidation::oneMistakeIsReportedOnce_data()
{
    // A mistake must not come back as a list of its consequences (unknown path -> path with one end -> node not
    // on its default path ...).
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("pointer");

    auto row = [](const char *name, const char *patch, const char *pointer) {
        QTest::newRow(name) << QByteArray(patch) << QString::fromLatin1(pointer);
    };
    row("typo in a path name", R"([{"op":"replace","path":"/nodes/0/interfaces/0/path","value":"pth1"}])",
        "/nodes/0/interfaces/0/path");
    row("VLAN list with a string", R"([{"op":"replace","path":"/switch/vlans/0","value":"1"}])", "/switch/vlans/0");
    row("bad address", R"([{"op":"replace","path":"/nodes/1/interfaces/0/address","value":"10.168.1.2"}])",
        "/nodes/1/interfaces/0/address");
    row("interfaces not a list", R"([{"op":"replace","path":"/nodes/0/interfaces","value":{}}])",
        "/nodes/0/interfaces");
    row("node not an object", R"([{"op":"replace","path":"/nodes/1","value":"NodeB"}])", "/nodes/1");
    row("node renamed badly", R"([{"op":"replace","path":"/nodes/1/name","value":"Node B"}])", "/nodes/1/name");
    row("missing switch", R"([{"op":"remove","path":"/switch"}])", "/switch");
    row("interface without a path key", R"([{"op":"remove","path":"/nodes/1/interfaces/0/path"}])",
        "/nodes/1/interfaces/0/path");
}

void TestLabValidation::oneMistakeIsReportedOnce()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, pointer);
    const Result<Lab> result = parseLab(patchedSeed(patch), QStringLiteral("patched-seed.json"));
    QVERIFY(!result.ok());
    QVERIFY2(!result.error().contains(QLatin1Char('\n')), qPrintable(result.error()));
    QVERIFY2(result.error().contains(QLatin1String(": ") + pointer + QLatin1String(": ")), qPrintable(result.error()));
}

void TestLabValidation::everyProblemIsReportedInFileOrder()
{
    const QString path = kLabs + QLatin1String("/bad/several-problems.json");
    const Result<Lab> result = loadLabFile(path);
    QVERIFY(!result.ok());
    const QStringList expected = {
        path
            + QLatin1String(":3: /name: not a safe lab name (got \"seed lab\"; expected a letter followed by "
                            "letters, digits, '_' or '-', at most 12 characters)"),
        path
            + QLatin1String(":17: /paths/1/rate: not a rate (got \"fast\"; expected \"unlimited\" or a tc rate such "
                            "as \"50mbit\", \"1.5gbit\", \"800kbit\")"),
        path
            + QLatin1String(":24: /nodes/0/interfaces/0/mtu: unknown key (got \"mtu\"; expected one of name, mac, "
                            "address, port, path, management, endpoint)"),
        path
            + QLatin1String(":26: /nodes/0/interfaces/2/port: switch port already used by the host tap (got 2; "
                            "expected a port no other interface or the host tap uses)"),
        path
            + QLatin1String(":33: /nodes/1/interfaces/0/address: not an IPv4 address with prefix length (got "
                            "\"10.168.1.300/24\"; expected an IPv4 host address with prefix length, such as "
                            "\"10.168.1.1/24\")"),
    };
    QCOMPARE(result.error().split(QLatin1Char('\n')), expected);
}
QTEST_GUILESS_MAIN(TestLabValidation)
#include "tst_labvalidation.moc"
