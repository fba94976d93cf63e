#pragma once

#include "core/command.h"

#include <utility>

namespace mlab {

// A command run on a node over SSH; where is the node's name.
inline Command nodeCommand(const QString &node, QStringList argv, QString why, bool mayFail = false)
{
    Command command;
    command.where = node;
    command.argv = std::move(argv);
    command.why = std::move(why);
    command.mayFail = mayFail;
    return command;
}

} // namespace mlab
