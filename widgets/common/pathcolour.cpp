#include "common/pathcolour.h"

#include <array>
#include <cmath>

namespace mlab {

namespace {

// Distinguishable for the common colour-vision deficiencies (Okabe-Ito), none of them red or grey, which belong to
// the dead VLAN and to management, nor black, the plot's total.
const std::array<QColor, 6> &palette()
{
    static const std::array<QColor, 6> colours { QColor(0x00, 0x72, 0xb2), QColor(0x00, 0x9e, 0x73),
        QColor(0xcc, 0x79, 0xa7), QColor(0xe6, 0x9f, 0x00), QColor(0x56, 0xb4, 0xe9), QColor(0x7b, 0x3f, 0x9e) };
    return colours;
}

} // namespace

int pathPaletteSize()
{
    return int(palette().size());
}

QColor pathColour(int pathIndex)
{
    if (pathIndex >= 0 && pathIndex < pathPaletteSize())
        return palette()[size_t(pathIndex)];
    // Golden-angle hue steps keep any number of further paths apart from each other.
    const int hue = int(std::lround(std::fmod(40.0 + 137.508 * pathIndex, 360.0)));
    return QColor::fromHsv(hue, 200, 190);
}

} // namespace mlab
