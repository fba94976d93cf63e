#pragma once

#include <QJsonObject>
#include <QString>

namespace mlab {

// What the engine's status says of a QEMU node beyond its lab file (docs/engine-api.md, status). Empty while
// the lab is down: the node's box then shows what the lab file says.
struct VmDetails
{
    QString vmState; // QEMU's own: "running", "paused", "shutdown", or "no answer on QMP (...)"
    QString accelerator; // "kvm" or "tcg"
    QString kernel; // the guest's kernel release
    QString launch; // "vde" or "vdeq"
    int memoryMiB = 0;
    qint64 bootMs = 0; // QEMU's start to SSH ready
    QString consoleLog; // path, readable by root only

    // A node of the status's "nodes"; a namespace node's gives empty details.
    static VmDetails fromStatusNode(const QJsonObject &node);
    bool isLive() const { return !vmState.isEmpty(); }
    // A live VM that QEMU says is not running (paused, shut down, or QMP did not answer).
    bool isInTrouble() const { return isLive() && vmState != QLatin1String("running"); }
};

} // namespace mlab
