#include "plots/plotevents.h"

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxOtherLabelChars = 24;

QString elided(const QString &text, int maxChars)
{
    if (text.size() <= maxChars)
        return text;
    return text.left(maxChars - 1) + u'…';
}

} // namespace

QString PlotEvents::mptcpLabel(const QString &text, const QJsonObject &detail)
{
    // The engine's nstat events carry the counter that rose; monitor events start with the event's name.
    if (detail.contains(u"MPTcpExtSubflowStale"_s))
        return tr("subflow stale", "MPTCP marker: a subflow stopped making progress");
    if (detail.contains(u"MPTcpExtSubflowRecover"_s))
        return tr("subflow back", "MPTCP marker: a stale subflow works again");
    const QString name = text.section(u' ', 0, 0);
    if (name == u"SF_ESTABLISHED"_s)
        return tr("new subflow", "MPTCP marker: a subflow was established");
    if (name == u"SF_CLOSED"_s)
        return tr("subflow closed", "MPTCP marker: a subflow was closed");
    if (name == u"SF_PRIO"_s)
        return tr("backup flag", "MPTCP marker: a subflow's backup priority changed");
    if (name == u"ANNOUNCED"_s)
        return tr("address announced", "MPTCP marker: the peer announced an address");
    if (name == u"REMOVED"_s)
        return tr("address removed", "MPTCP marker: the peer removed an address");
    if (name == u"CREATED"_s || name == u"ESTABLISHED"_s)
        return tr("MPTCP connection", "MPTCP marker: an MPTCP connection started");
    if (name == u"CLOSED"_s)
        return tr("connection closed", "MPTCP marker: an MPTCP connection closed");
    if (name.startsWith(u"LISTENER_"_s))
        return tr("listener", "MPTCP marker: a listening socket was created or closed");
    return elided(name, 8);
}

std::optional<MarkerSpec> PlotEvents::fromLabEvent(const QJsonObject &event)
{
    if (!event.contains(u"atMs"_s))
        return std::nullopt;
    const QString kind = event.value(u"kind"_s).toString();
    const QString text = event.value(u"text"_s).toString();
    const QString node = event.value(u"node"_s).toString();
    const QJsonObject detail = event.value(u"detail"_s).toObject();
    MarkerSpec spec;
    spec.atMs = event.value(u"atMs"_s).toInteger();
    spec.details = node.isEmpty() ? text : tr("%1: %2", "node: event").arg(node, text);

    if (kind == u"break"_s || kind == u"restore"_s) {
        const bool broken = kind == u"break"_s;
        spec.kind = broken ? MarkerKind::Break : MarkerKind::Restore;
        spec.port = detail.value(u"port"_s).toInt(-1);
        spec.link = detail.value(u"link"_s).toString();
        // Today's engine notes only the port; a link name and mode are used as soon as the detail carries them.
        const QString where = !spec.link.isEmpty() ? spec.link
            : spec.port >= 0                       ? tr("port %1", "a switch port").arg(spec.port)
                                                   : elided(text, MaxOtherLabelChars);
        const QString mode = detail.value(u"mode"_s).toString();
        spec.label = !broken ? tr("%1 restored", "link marker").arg(where)
            : mode.isEmpty() ? tr("%1 broken", "link marker").arg(where)
                             : tr("%1 %2", "link marker: link and break mode, e.g. NodeA:eth0 cut").arg(where, mode);
        return spec;
    }
    if (kind == u"mptcp"_s) {
        spec.kind = MarkerKind::MptcpEvent;
        spec.label = mptcpLabel(text, detail);
        return spec;
    }
    spec.kind = MarkerKind::Other;
    spec.label = kind == u"note"_s ? tr("note", "marker of an engine note") : elided(text, MaxOtherLabelChars);
    return spec;
}

std::optional<MarkerSpec> PlotEvents::fromLinkEvent(const QJsonObject &event)
{
    if (!event.contains(u"atMs"_s) || !event.contains(u"broken"_s))
        return std::nullopt;
    MarkerSpec spec;
    spec.atMs = event.value(u"atMs"_s).toInteger();
    spec.port = event.value(u"port"_s).toInt(-1);
    spec.link = event.value(u"link"_s).toString();
    const QString where = !spec.link.isEmpty() ? spec.link : tr("port %1", "a switch port").arg(spec.port);
    if (event.value(u"broken"_s).toBool()) {
        const QString mode = event.value(u"mode"_s).toString(u"cut"_s);
        spec.kind = MarkerKind::Break;
        spec.label = tr("%1 %2", "link marker: link and break mode, e.g. NodeA:eth0 cut").arg(where, mode);
        spec.details = tr("%1 broken (%2) on switch port %3").arg(where, mode).arg(spec.port);
    } else {
        spec.kind = MarkerKind::Restore;
        spec.label = tr("%1 restored", "link marker").arg(where);
        spec.details = tr("%1 restored on switch port %2").arg(where).arg(spec.port);
    }
    return spec;
}

} // namespace mlab
