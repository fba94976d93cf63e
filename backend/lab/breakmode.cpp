#include "lab/breakmode.h"

namespace mlab {

QString breakModeName(BreakMode mode)
{
    switch (mode) {
    case BreakMode::Cut:
        return QStringLiteral("cut");
    case BreakMode::Unplug:
        return QStringLiteral("unplug");
    }
    return {};
}

QStringList breakModeNames()
{
    return { breakModeName(BreakMode::Cut), breakModeName(BreakMode::Unplug) };
}

QString breakModeChoices()
{
    return breakModeNames().join(QStringLiteral(" or "));
}

std::optional<BreakMode> parseBreakMode(const QString &text)
{
    if (text.isEmpty() || text == breakModeName(BreakMode::Cut))
        return BreakMode::Cut;
    if (text == breakModeName(BreakMode::Unplug))
        return BreakMode::Unplug;
    return std::nullopt;
}

} // namespace mlab
