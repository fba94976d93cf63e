#pragma once

#include <QString>

#include <functional>

namespace mlab {

// Breaks and restores the lab's links without blocking (the engine implements it with its lab controller).
// done is called exactly once, on the thread that made the call, possibly before the call returns.
class LabLinks
{
public:
    virtual ~LabLinks() = default;
    using Done = std::function<void(bool ok, const QString &message)>;
    // link: "NodeA:eth0" or a switch port number; mode "cut" or "unplug".
    virtual void breakLink(const QString &link, const QString &mode, Done done) = 0;
    virtual void restoreLink(const QString &link, Done done) = 0;
};

} // namespace mlab
