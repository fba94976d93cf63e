#pragma once

#include "core/command.h"
#include "core/result.h"

#include <QString>

#include <functional>

namespace mlab {

struct GuestBuildRequest
{
    QString cacheDir; // everything the build writes stays inside it
    QString suite = QStringLiteral("stable"); // kernel from "stable" (Debian 12, 6.1) or "backports" (6.12)
};

// Builds the lab's guest (kernel + initramfs) from Debian packages with resources/guest/build-guest.sh: apt-get
// download and dpkg-deb -x only, so nothing outside the cache changes, as root or not.
class GuestImageBuilder
{
public:
    explicit GuestImageBuilder(GuestBuildRequest request);

    // Checks the request before anything runs: an absolute cache path of plain characters, a known suite.
    Status validate() const;
    QString scriptPath() const; // where the builder script is written inside the cache
    Command command() const;
    // Writes the script and runs it; progress gets one line per step ("3/7 unpack packages"). Blocking.
    Result<QString> build(const std::function<void(const QString &)> &progress) const;

private:
    GuestBuildRequest m_request;
};

} // namespace mlab
