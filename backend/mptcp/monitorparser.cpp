#include "mptcp/monitorparser.h"

#include "mptcp/ipaddress.h"

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

struct EventName
{
    const char *name;
    MptcpEventType type;
};

constexpr EventName eventNames[] = {
    { "CREATED", MptcpEventType::Created },
    { "ESTABLISHED", MptcpEventType::Established },
    { "CLOSED", MptcpEventType::Closed },
    { "ANNOUNCED", MptcpEventType::Announced },
    { "REMOVED", MptcpEventType::Removed },
    { "SF_ESTABLISHED", MptcpEventType::SubflowEstablished },
    { "SF_CLOSED", MptcpEventType::SubflowClosed },
    { "SF_PRIO", MptcpEventType::SubflowPriority },
    { "LISTENER_CREATED", MptcpEventType::ListenerCreated },
    { "LISTENER_CLOSED", MptcpEventType::ListenerClosed },
};

MptcpEventType typeOfCode(int code)
{
    // iproute2 6.1 predates the listener events and prints their kernel numbers
    // (uapi/linux/mptcp.h: MPTCP_EVENT_LISTENER_CREATED = 15, _CLOSED = 16).
    switch (code) {
    case 15:
        return MptcpEventType::ListenerCreated;
    case 16:
        return MptcpEventType::ListenerClosed;
    default:
        return MptcpEventType::Unknown;
    }
}

QString nameOf(MptcpEventType type)
{
    for (const EventName &known : eventNames) {
        if (known.type == type)
            return QLatin1String(known.name);
    }
    return {};
}

std::optional<int> number(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= 0 ? std::optional<int>(value) : std::nullopt;
}

// Fills the typed fields from the key=value map; false when a known key has a bad value.
bool fillFields(MptcpEvent &event)
{
    for (auto it = event.attributes.cbegin(); it != event.attributes.cend(); ++it) {
        const QString &key = it.key();
        const QString &value = it.value();
        if (key == u"token"_s) {
            bool ok = false;
            value.toULongLong(&ok, 16);
            if (!ok)
                return false;
            event.token = value;
        } else if (key.startsWith(u"saddr"_s) || key.startsWith(u"daddr"_s)) {
            if (!isIpAddress(value))
                return false;
            (key.startsWith(u's') ? event.localAddress : event.remoteAddress) = unmapV4(value);
        } else if (key == u"remid"_s || key == u"locid"_s || key == u"sport"_s || key == u"dport"_s
            || key == u"backup"_s || key == u"ifindex"_s || key == u"error"_s) {
            const std::optional<int> n = number(value);
            if (!n)
                return false;
            if (key == u"remid"_s)
                event.remoteId = n;
            else if (key == u"locid"_s)
                event.localId = n;
            else if (key == u"sport"_s)
                event.localPort = *n;
            else if (key == u"dport"_s)
                event.remotePort = *n;
            else if (key == u"backup"_s)
                event.backup = *n != 0;
            else if (key == u"ifindex"_s)
                event.ifindex = *n;
            else
                event.error = n;
        }
    }
    return true;
}

} // namespace

std::optional<MptcpEvent> parseMonitorLine(QByteArrayView raw)
{
    const QString line = QString::fromLatin1(raw).trimmed();
    const qsizetype close = line.indexOf(u']');
    if (!line.startsWith(u'[') || close < 0)
        return std::nullopt;

    MptcpEvent event;
    // iproute2 pads the name to 14 columns: "[       CREATED]".
    event.name = line.mid(1, close - 1).trimmed();
    if (event.name.isEmpty())
        return std::nullopt;
    if (event.name.startsWith(u"UNKNOWN "_s)) {
        const std::optional<int> code = number(event.name.mid(8));
        if (!code)
            return std::nullopt;
        event.kernelCode = *code;
        event.type = typeOfCode(*code);
        // Users read the name (event log, subflow text): the name a newer iproute2 prints, not the number.
        if (event.type != MptcpEventType::Unknown)
            event.name = nameOf(event.type);
    } else {
        for (const EventName &known : eventNames) {
            if (event.name == QLatin1String(known.name))
                event.type = known.type;
        }
    }

    const QStringList words = line.mid(close + 1).split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        const qsizetype eq = word.indexOf(u'=');
        // A word without "=" is a line cut short (or not from `ip mptcp monitor` at all).
        if (eq <= 0 || eq == word.size() - 1)
            return std::nullopt;
        event.attributes.insert(word.left(eq), word.mid(eq + 1));
    }
    if (!fillFields(event))
        return std::nullopt;
    return event;
}

Parsed<QList<MptcpEvent>> parseMonitor(const QByteArray &output)
{
    Parsed<QList<MptcpEvent>> parsed;
    for (const QByteArray &line : output.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        if (std::optional<MptcpEvent> event = parseMonitorLine(line))
            parsed.value << *event;
        else
            ++parsed.skipped;
    }
    return parsed;
}

} // namespace mlab
