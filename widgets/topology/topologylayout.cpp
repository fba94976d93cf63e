#include "topology/topologylayout.h"

#include "lab/lablayout.h"

#include <QList>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mlab {

namespace {

constexpr double kSocketSpacing = kSocketDiameter + 6.0;

struct Socket
{
    int port = 0;
    double angle = 0; // degrees, Qt's scene orientation (y down: 90 is below the switch)
};

QPointF onCircle(double radius, double angleDegrees)
{
    const double rad = angleDegrees * std::numbers::pi / 180.0;
    return { radius * std::cos(rad), radius * std::sin(rad) };
}

// The owner's ports fanned out around the direction of its box.
void addSockets(QList<Socket> &sockets, const QList<int> &ports, double angle, double stepDegrees)
{
    for (qsizetype i = 0; i < ports.size(); ++i)
        sockets.append({ ports[i], angle + (double(i) - double(ports.size() - 1) / 2.0) * stepDegrees });
}

} // namespace

QString hostBoxName()
{
    return layoutHostName();
}

TopologyLayout layoutTopology(const Lab &lab)
{
    TopologyLayout layout;
    const qsizetype portCount = lab.usedPorts().size();
    // Room for every socket with some slack between the groups of different owners.
    layout.switchRadius = std::max(60.0, 1.4 * double(portCount) * kSocketSpacing / (2.0 * std::numbers::pi));
    const double socketStep = kSocketSpacing / layout.switchRadius * 180.0 / std::numbers::pi;

    const qsizetype nodeCount = lab.nodes.size();
    // Up to three nodes sit on the upper half circle (two nodes: left and right, as in the tutorial's drawing);
    // more get a wider arc, always leaving the bottom to the management host.
    const double span = nodeCount <= 3 ? 180.0 : 240.0;
    const double first = nodeCount == 1 ? 270.0 : 270.0 - span / 2.0;
    const double step = nodeCount > 1 ? span / double(nodeCount - 1) : 0.0;
    // Adjacent boxes must not touch: the chord between them is at least a box width plus a margin.
    const double chordRadius
        = nodeCount > 1 ? (kNodeBoxSize.width() + 50.0) / (2.0 * std::sin(step / 2.0 * std::numbers::pi / 180.0)) : 0.0;
    const double ringRadius = std::max({ layout.switchRadius + 240.0, chordRadius });

    QList<Socket> sockets;
    for (qsizetype i = 0; i < nodeCount; ++i) {
        const NodeSpec &node = lab.nodes[i];
        const double angle = first + double(i) * step;
        layout.boxes.insert(node.name, onCircle(ringRadius, angle));
        QList<int> ports;
        for (const InterfaceSpec &iface : node.interfaces)
            ports.append(iface.switchPort);
        addSockets(sockets, ports, angle, socketStep);
    }
    layout.boxes.insert(hostBoxName(), onCircle(layout.switchRadius + 120.0, 90.0));
    addSockets(sockets, { lab.management.hostPort }, 90.0, socketStep);

    // Owners' groups may overlap on a crowded switch: walk round from the gap between the host and the first node
    // and push each socket at least one step past the previous one.
    const double cut = (90.0 + first) / 2.0;
    for (Socket &socket : sockets)
        socket.angle = cut + std::fmod(std::fmod(socket.angle - cut, 360.0) + 360.0, 360.0);
    std::stable_sort(
        sockets.begin(), sockets.end(), [](const Socket &a, const Socket &b) { return a.angle < b.angle; });
    for (qsizetype i = 1; i < sockets.size(); ++i)
        sockets[i].angle = std::max(sockets[i].angle, sockets[i - 1].angle + socketStep);
    for (const Socket &socket : sockets)
        layout.sockets.insert(socket.port, onCircle(layout.switchRadius, socket.angle));

    const double r = layout.switchRadius + kSocketDiameter;
    layout.bounds = QRectF(-r, -r, 2 * r, 2 * r);
    for (const QPointF &centre : std::as_const(layout.boxes)) {
        const QRectF box(centre - QPointF(kNodeBoxSize.width(), kNodeBoxSize.height()) / 2.0, kNodeBoxSize);
        layout.bounds = layout.bounds.united(box);
    }
    return layout;
}

} // namespace mlab
