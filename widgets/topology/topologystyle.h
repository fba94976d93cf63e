#pragma once

// Colours, pen widths and rate text shared by the canvas items and the legend, so a cable and its legend row
// can never disagree.

#include <QColor>
#include <QString>

namespace mlab {

QColor managementCableColour();
// Broken links: the dead VLAN's colour.
QColor deadVlanColour();
QColor impairedCableColour();

// Pen width of a path cable carrying bitsPerSecond: grows with the order of magnitude, clamped so an idle
// cable stays visible and a saturated one does not hide its neighbours.
double cableWidthForRate(double bitsPerSecond);

// "48.3 Mbit/s", in the user's locale.
QString formatBitRate(double bitsPerSecond);

} // namespace mlab
