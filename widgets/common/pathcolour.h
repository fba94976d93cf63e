#pragma once

#include <QColor>

namespace mlab {

// The colour of the pathIndex-th path of the lab (in file order): a fixed palette first, then hues far apart.
// One function for the canvas's cables and the plot's curves, so that path2 is the same colour in both.
QColor pathColour(int pathIndex);

// How many paths get a colour of the fixed palette.
int pathPaletteSize();

} // namespace mlab
