#pragma once

#include <QString>

namespace mlab::cli {

// `mptcplab-cli image build [--suite stable|backports] [--cache DIR]`: the guest every QEMU node boots.
int runImageBuild(const QString &cacheDir, const QString &suite);

} // namespace mlab::cli
