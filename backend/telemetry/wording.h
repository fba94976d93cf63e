#pragma once

// Numbers as the plain-words texts print them (the subflow table's reasons, the demo report's summary).

#include <QString>

namespace mlab {

// 1234 -> "1.2 s"
inline QString secondsText(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1) + QStringLiteral(" s");
}

} // namespace mlab
