#pragma once

// The canvas's tooltips, worded for a student looking at the lab for the first time. Kept apart from the scene
// so the scene's file stays about behaviour.

#include "lab/labmodel.h"
#include "topology/topologylegend.h"
#include "topology/vmdetails.h"

#include <QCoreApplication>
#include <QString>

namespace mlab {

class CableItem;

class TopologyText
{
    Q_DECLARE_TR_FUNCTIONS(TopologyText)

public:
    // Rich text: the node's kind and MPTCP profile, then one line per interface (address, MAC, switch port,
    // path or management, MPTCP endpoint flags); for a VM then its state, accelerator, kernel, memory, launch
    // mode, boot time and console log from the engine's status (details), or what the lab file says of it.
    static QString nodeToolTip(const NodeSpec &node, const VmDetails &details = {});
    // "VM · TCG": the accelerator QEMU uses (details), else the one the lab file asks for; "VM" for "auto".
    static QString vmBadge(const NodeSpec &node, const VmDetails &details);
    static QString hostToolTip(const ManagementSpec &management);
    static QString switchToolTip(const Lab &lab);
    // What the cable connects, its VLAN, its state and what a click does (or, for management, why it does nothing).
    static QString cableToolTip(const Lab &lab, const CableItem &cable);
    // "path1 (VLAN 1)" for each path, "management (VLAN 3)", "dead VLAN 4: broken links go here", then the
    // kinds of break.
    static QList<TopologyLegend::Entry> legendEntries(const Lab &lab);

private:
    static QStringList vmLines(const NodeSpec &node, const VmDetails &details);
    static QString pathVlan(const QString &path, int vlan);
    static QString managementVlan(int vlan);
};

} // namespace mlab
