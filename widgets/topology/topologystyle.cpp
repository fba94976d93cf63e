#include "topology/topologystyle.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>

namespace mlab {

QColor managementCableColour()
{
    return QColor(0x70, 0x70, 0x70);
}

QColor deadVlanColour()
{
    return QColor(0xd5, 0x1f, 0x1f);
}

QColor impairedCableColour()
{
    return QColor(0xff, 0x9f, 0x1a);
}

double cableWidthForRate(double bitsPerSecond)
{
    const double decades = std::log10(std::max(bitsPerSecond, 1.0) / 1e5);
    return std::clamp(2.0 + 1.5 * decades, 2.0, 8.0);
}

QString formatBitRate(double bitsPerSecond)
{
    const QLocale locale;
    const double value = std::max(bitsPerSecond, 0.0);
    if (value < 1e3)
        return QCoreApplication::translate("mlab::TopologyScene", "%1 bit/s").arg(locale.toString(value, 'f', 0));
    if (value < 1e6)
        return QCoreApplication::translate("mlab::TopologyScene", "%1 kbit/s")
            .arg(locale.toString(value / 1e3, 'f', 1));
    if (value < 1e9)
        return QCoreApplication::translate("mlab::TopologyScene", "%1 Mbit/s")
            .arg(locale.toString(value / 1e6, 'f', 1));
    return QCoreApplication::translate("mlab::TopologyScene", "%1 Gbit/s").arg(locale.toString(value / 1e9, 'f', 1));
}

} // namespace mlab
