#pragma once

// The two ways the lab breaks a link, shared by the lab controller, the crash-recovery record, scenarios, the
// engine API and the command line, so that each names the same modes and refuses the same wrong ones.

#include <QString>
#include <QStringList>

#include <optional>

namespace mlab {

enum class BreakMode {
    // The node's switch port moves to the dead VLAN: a silent failure, the node's interface stays up and the
    // kernel sees nothing (no route change, no MPTCP event), only lost packets.
    Cut,
    // The interface goes down inside the node (`ip link set dev IF down`): carrier down, as if the cable were
    // pulled; the kernel deletes every route through it, in every table.
    Unplug,
};

// "cut" or "unplug", as the API, the record and the transcript spell them.
QString breakModeName(BreakMode mode);
// Every mode's name, default first.
QStringList breakModeNames();
// For messages: "cut or unplug".
QString breakModeChoices();
// An empty text is the default, cut; nullopt for a name that is no mode (the caller names it and the choices).
std::optional<BreakMode> parseBreakMode(const QString &text);

} // namespace mlab
