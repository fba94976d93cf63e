#pragma once

// Turns the parsed JSON into a Lab, checking each value on its own: known and required keys, types, and the
// syntax of names, addresses, MACs and rates. How values relate to each other is validateLab()'s job.

#include "lab/labmodel.h"

#include <nlohmann/json_fwd.hpp>

namespace mlab {

class LabProblems;

// Every array element becomes an entry even when it is broken (its problems are tainted), so that
// lab.nodes[N].interfaces[M] keeps the JSON pointer /nodes/N/interfaces/M it has in the file.
Lab readLab(const nlohmann::json &root, LabProblems &problems);

} // namespace mlab
