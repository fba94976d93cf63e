#pragma once

#include "core/result.h"

#include <QString>

namespace mlab {

// What this machine's QEMU can do, checked before a VM starts so that a missing piece is named up front
// instead of surfacing as a VM that never answers.
namespace QemuHost {

inline const QString binary = QStringLiteral("qemu-system-x86_64");

// QEMU is installed, and for launch mode "vdeq" the vdeq wrapper too; with QEMU's VDE network backend for "vde"
// and its dgram backend (what our vdeq rewrite uses) for "vdeq".
Status checkLaunchMode(const QString &launch);
// "kvm" or "tcg" for the lab file's accel ("auto", "kvm", "tcg"); "kvm" without a usable /dev/kvm fails.
Result<QString> chooseAccelerator(const QString &wanted);

} // namespace QemuHost

} // namespace mlab
