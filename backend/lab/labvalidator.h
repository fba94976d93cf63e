#pragma once

// The relations between values of a lab: names that must resolve, things that must be unique (addresses, MACs,
// ports, VLANs, tables), subnets that must match or stay apart. readLab() has already checked each value alone.

#include "lab/labmodel.h"

namespace mlab {

class LabProblems;

// Reports every problem found, keyed by the JSON pointer the value has in the file; values readLab() rejected
// (tainted) are skipped so that one mistake is reported once.
void validateLab(const Lab &lab, LabProblems &problems);

} // namespace mlab
