#include "vde/vdeprotocol.h"

#include <QRegularExpression>

#include <utility>

namespace mlab {

namespace {

const QByteArray kPrompt = QByteArrayLiteral("vde$ ");
const QLatin1String kDataHeader("0000 DATA END WITH '.'");

const QRegularExpression &statusPattern()
{
    static const QRegularExpression re(QStringLiteral("^(\\d{4}) (.*)$"));
    return re;
}

QString cleanLine(QString line)
{
    line.remove(QChar(0));
    if (line.endsWith(QLatin1Char('\r')))
        line.chop(1);
    return line;
}

} // namespace

void VdeReplyParser::feed(const QByteArray &bytes)
{
    QByteArray clean = bytes;
    clean.replace('\0', QByteArray()); // unixcmd captures carry NULs; never meaningful here
    m_buffer += clean;

    while (!m_buffer.isEmpty()) {
        if (consumePrompt())
            continue;
        const qsizetype newline = m_buffer.indexOf('\n');
        if (newline < 0)
            break; // a partial line or a partial prompt: wait for more bytes
        const QString line = cleanLine(QString::fromUtf8(m_buffer.left(newline)));
        m_buffer.remove(0, newline + 1);
        handleLine(line);
    }
}

bool VdeReplyParser::consumePrompt()
{
    if (!m_buffer.startsWith(kPrompt))
        return false;
    m_buffer.remove(0, kPrompt.size());
    m_promptSeen = true;
    if (m_state == State::InData || m_state == State::AwaitStatusAfterData) {
        m_unexpected << QStringLiteral("<reply cut short by a new prompt>");
        m_current = VdeReply {};
    }
    m_state = State::AwaitStatus;
    m_afterPrompt = true;
    return true;
}

void VdeReplyParser::handleLine(const QString &line)
{
    const bool afterPrompt = std::exchange(m_afterPrompt, false);

    switch (m_state) {
    case State::Banner:
        m_banner << line;
        return;
    case State::InData:
        if (line == QLatin1String("."))
            m_state = State::AwaitStatusAfterData;
        else
            m_current.dataLines << line;
        return;
    case State::AwaitStatus:
        if (line.isEmpty())
            return; // the blank line after every status line
        if (line == kDataHeader) {
            m_state = State::InData;
            return;
        }
        break;
    case State::AwaitStatusAfterData:
        break;
    }

    const QRegularExpressionMatch status = statusPattern().match(line);
    if (status.hasMatch() && status.captured(1) != QLatin1String("0000")) {
        m_current.code = status.captured(1).toInt();
        m_current.text = status.captured(2);
        m_replies << m_current;
        m_current = VdeReply {};
        m_state = State::AwaitStatus;
        return;
    }
    // A transcript (the fixture) shows what was typed after the prompt; the live switch never echoes.
    // Anything starting like a status code is not taken for a typed command.
    if (m_state == State::AwaitStatus && afterPrompt && m_current.command.isEmpty() && !status.hasMatch()
        && !line.front().isDigit()) {
        m_current.command = line;
        return;
    }
    m_unexpected << line;
}

std::optional<VdeReply> VdeReplyParser::takeReply()
{
    if (m_replies.isEmpty())
        return std::nullopt;
    return m_replies.takeFirst();
}

QStringList VdeReplyParser::takeUnexpectedLines()
{
    return std::exchange(m_unexpected, {});
}

bool VdeReplyParser::idle() const
{
    return m_state == State::AwaitStatus && m_buffer.isEmpty() && m_current.dataLines.isEmpty();
}

VdeSession parseVdeSession(const QByteArray &bytes)
{
    VdeReplyParser parser;
    parser.feed(bytes);
    VdeSession session;
    session.banner = parser.banner();
    while (auto reply = parser.takeReply())
        session.replies << *reply;
    session.unexpectedLines = parser.takeUnexpectedLines();
    session.complete = parser.idle();
    return session;
}

QStringList splitVdeLines(const QByteArray &text)
{
    QStringList lines;
    for (const QByteArray &raw : text.split('\n'))
        lines << cleanLine(QString::fromUtf8(raw));
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

QList<VdePortInfo> parsePortPrint(const QStringList &lines)
{
    static const QRegularExpression header(
        QStringLiteral("^Port\\s+(\\d+)\\s+untagged_vlan=(\\d+)\\s+(ACTIVE|INACTIVE)\\b"));
    static const QRegularExpression user(QStringLiteral("^Current User:\\s*(\\S+)"));
    static const QRegularExpression counters(QStringLiteral("^(IN|OUT):\\s+pkts\\s+(\\d+)\\s+bytes\\s+(\\d+)"));
    static const QRegularExpression endpoint(
        QStringLiteral("^--\\s*endpoint ID\\s+(\\d+)\\s+module\\s+(.*?)\\s*:\\s*(.*)$"));
    static const QRegularExpression pid(QStringLiteral("\\bpid=(\\d+)"));

    QList<VdePortInfo> ports;
    bool inPort = false; // false after a malformed header, so its detail lines are not pinned on the previous port
    for (const QString &raw : lines) {
        const QString line = cleanLine(raw).trimmed();
        if (line.startsWith(QLatin1String("Port"))) {
            const QRegularExpressionMatch m = header.match(line);
            inPort = m.hasMatch();
            if (inPort) {
                VdePortInfo info;
                info.port = m.captured(1).toInt();
                info.untaggedVlan = m.captured(2).toInt();
                info.active = m.captured(3) == QLatin1String("ACTIVE");
                ports << info;
            }
            continue;
        }
        if (!inPort)
            continue;
        VdePortInfo &current = ports.last();
        if (const QRegularExpressionMatch m = user.match(line); m.hasMatch()) {
            current.user = m.captured(1);
        } else if (const QRegularExpressionMatch m = counters.match(line); m.hasMatch()) {
            const bool in = m.captured(1) == QLatin1String("IN");
            (in ? current.inPackets : current.outPackets) = m.captured(2).toLongLong();
            (in ? current.inBytes : current.outBytes) = m.captured(3).toLongLong();
        } else if (const QRegularExpressionMatch m = endpoint.match(line); m.hasMatch()) {
            VdeEndpoint ep;
            ep.id = m.captured(1).toInt();
            ep.module = m.captured(2);
            ep.description = m.captured(3);
            if (const QRegularExpressionMatch p = pid.match(ep.description); p.hasMatch())
                ep.pid = p.captured(1).toLongLong();
            current.endpoints << ep;
        }
    }
    return ports;
}

QList<VdeVlanInfo> parseVlanPrint(const QStringList &lines)
{
    static const QRegularExpression header(QStringLiteral("^VLAN\\s+(\\d+)$"));
    static const QRegularExpression member(
        QStringLiteral("^--\\s*Port\\s+(\\d+)\\s+tagged=(\\d+)\\s+active=(\\d+)\\s+status=(\\S+)"));

    QList<VdeVlanInfo> vlans;
    bool inVlan = false;
    for (const QString &raw : lines) {
        const QString line = cleanLine(raw).trimmed();
        if (line.startsWith(QLatin1String("VLAN"))) {
            const QRegularExpressionMatch m = header.match(line);
            inVlan = m.hasMatch();
            if (inVlan)
                vlans << VdeVlanInfo { m.captured(1).toInt(), {} };
            continue;
        }
        if (!inVlan)
            continue;
        if (const QRegularExpressionMatch m = member.match(line); m.hasMatch()) {
            vlans.last().members << VdeVlanMember { m.captured(1).toInt(), m.captured(2) != QLatin1String("0"),
                m.captured(3) != QLatin1String("0"), m.captured(4) };
        }
    }
    return vlans;
}

} // namespace mlab
