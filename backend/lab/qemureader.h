#pragma once

#include "lab/labmodel.h"

#include <nlohmann/json_fwd.hpp>

#include <QString>

namespace mlab {

class LabProblems;

// The "qemu" object of a node at pointer. Every value ends up on QEMU's command line or in the engine's SSH
// login, both run as root, so only checked forms pass: safe paths, enums, a user name, a public key line.
QemuSpec readQemu(const nlohmann::json &object, const QString &pointer, LabProblems &problems);
QString qemuObjectExpected();

// A path QEMU may be given: plain characters only (no commas, which QEMU's option parser splits on, no spaces,
// no ".." component).
bool isSafeImagePath(const QString &path);

} // namespace mlab
