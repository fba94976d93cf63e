#pragma once

// The canvas's default layout, worked out from the lab alone so the same lab always looks the same: the switch
// at the origin, the management host below it, the nodes on an arc above it, and each node's switch ports on the
// side of the switch that faces the node, so cables do not cross the switch.

#include "lab/labmodel.h"

#include <QHash>
#include <QMap>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace mlab {

// The box of a node or of the management host.
inline constexpr QSizeF kNodeBoxSize { 170.0, 64.0 };
inline constexpr double kSocketDiameter = 24.0;

// The id of the management host's box among the node boxes: the lab format reserves the name, so no node has it.
QString hostBoxName();

struct TopologyLayout
{
    double switchRadius = 0;
    QHash<QString, QPointF> boxes; // node name (and hostBoxName()) -> centre, in scene coordinates
    QMap<int, QPointF> sockets; // switch port -> offset from the switch's centre
    QRectF bounds; // all of the above
};

TopologyLayout layoutTopology(const Lab &lab);

} // namespace mlab
