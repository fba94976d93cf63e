#include "mptcp/ssparser.h"

#include "mptcp/ipaddress.h"

#include <QRegularExpression>

#include <limits>
#include <optional>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

enum class Kind { Unknown, Tcp, Mptcp };

struct SocketLine
{
    Kind kind = Kind::Unknown;
    QString state;
    SsAddress local;
    SsAddress peer;
    qint64 recvQ = 0;
    qint64 sendQ = 0;
};

bool isState(const QString &word)
{
    static const QStringList states { u"ESTAB"_s, u"SYN-SENT"_s, u"SYN-RECV"_s, u"FIN-WAIT-1"_s, u"FIN-WAIT-2"_s,
        u"TIME-WAIT"_s, u"CLOSE-WAIT"_s, u"LAST-ACK"_s, u"LISTEN"_s, u"CLOSING"_s, u"CLOSED"_s, u"UNCONN"_s,
        u"UNKNOWN"_s };
    return states.contains(word);
}

bool toInt64(const QString &text, qint64 &out)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (ok && value >= 0)
        out = value;
    return ok && value >= 0;
}

bool toInt(const QString &text, int &out)
{
    qint64 value = 0;
    if (!toInt64(text, value) || value > std::numeric_limits<int>::max())
        return false;
    out = int(value);
    return true;
}

bool toDouble(const QString &text, double &out)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (ok)
        out = value;
    return ok;
}

std::optional<SocketLine> parseSocketLine(const QString &line)
{
    QStringList w = line.split(u' ', Qt::SkipEmptyParts);
    SocketLine socket;
    // `ss -tniM` prints a Netid column; `ss -tni` and `ss -Mni` do not.
    if (w.size() >= 6 && !isState(w.at(0)) && isState(w.at(1))) {
        const QString netid = w.takeFirst();
        socket.kind = netid == u"tcp"_s ? Kind::Tcp : netid == u"mptcp"_s ? Kind::Mptcp : Kind::Unknown;
        if (socket.kind == Kind::Unknown)
            return std::nullopt;
    }
    if (w.size() < 5 || !isState(w.at(0)))
        return std::nullopt;
    socket.state = w.at(0);
    if (!toInt64(w.at(1), socket.recvQ) || !toInt64(w.at(2), socket.sendQ) || !parseSsAddress(w.at(3), socket.local)
        || !parseSsAddress(w.at(4), socket.peer))
        return std::nullopt;
    return socket;
}

// "4f59d1a2(id:1)/724e7cdf(id:2)": the peer's token and address id, then ours.
bool parseSubflowToken(const QString &text, SsTcpSocket &socket)
{
    static const QRegularExpression re(u"^([0-9a-f]+)\\(id:(\\d+)\\)/([0-9a-f]+)\\(id:(\\d+)\\)$"_s);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return false;
    socket.remoteToken = m.captured(1);
    socket.remoteId = m.captured(2).toInt();
    socket.localToken = m.captured(3);
    socket.localId = m.captured(4).toInt();
    return true;
}

bool parseTcpDetails(const QStringList &words, SsTcpSocket &socket)
{
    bool inUlp = false;
    for (const QString &word : words) {
        if (word == u"tcp-ulp-mptcp"_s) {
            inUlp = true;
            continue;
        }
        const qsizetype colon = word.indexOf(u':');
        if (colon <= 0)
            continue; // "send", "app_limited", "4236bps": no key of ours
        const QString key = word.left(colon);
        const QString value = word.mid(colon + 1);
        bool ok = true;
        if (inUlp && key == u"flags"_s)
            socket.mptcpFlags = value;
        else if (inUlp && key == u"token"_s)
            ok = parseSubflowToken(value, socket);
        else if (key == u"bytes_sent"_s)
            ok = toInt64(value, socket.bytesSent);
        else if (key == u"bytes_acked"_s)
            ok = toInt64(value, socket.bytesAcked);
        else if (key == u"bytes_received"_s)
            ok = toInt64(value, socket.bytesReceived);
        else if (key == u"bytes_retrans"_s)
            ok = toInt64(value, socket.bytesRetrans);
        else if (key == u"rto"_s)
            ok = toDouble(value, socket.rtoMs);
        else if (key == u"rtt"_s)
            ok = toDouble(value.section(u'/', 0, 0), socket.rttMs)
                && toDouble(value.section(u'/', 1, 1), socket.rttVarMs);
        else if (key == u"cwnd"_s)
            ok = toInt(value, socket.cwnd);
        else if (key == u"backoff"_s)
            ok = toInt(value, socket.backoff);
        else if (key == u"lost"_s)
            ok = toInt(value, socket.lost);
        else if (key == u"unacked"_s)
            ok = toInt(value, socket.unacked);
        else if (key == u"retrans"_s) // "retrans:NOW/TOTAL": segments out for retransmission now, then all ever
            ok = toInt(value.section(u'/', -1), socket.retransmits);
        if (!ok)
            return false;
    }
    // "tcp-ulp-mptcp" with no token is a line cut short.
    return !inUlp || !socket.localToken.isEmpty();
}

bool parseMptcpDetails(const QStringList &words, SsMptcpSocket &socket)
{
    for (const QString &word : words) {
        const qsizetype colon = word.indexOf(u':');
        if (colon <= 0)
            continue; // "remote_key", "fallback"
        const QString key = word.left(colon);
        const QString value = word.mid(colon + 1);
        bool ok = true;
        if (key == u"token"_s) {
            value.toULongLong(&ok, 16);
            socket.token = value;
        } else if (key == u"subflows"_s) {
            ok = toInt(value, socket.subflows);
        } else if (key == u"subflows_max"_s) {
            ok = toInt(value, socket.subflowsMax);
        } else if (key == u"add_addr_signal"_s) {
            ok = toInt(value, socket.addAddrSignal);
        } else if (key == u"add_addr_accepted"_s) {
            ok = toInt(value, socket.addAddrAccepted);
        }
        if (!ok)
            return false;
    }
    return !socket.token.isEmpty();
}

Kind guessKind(const QStringList &details)
{
    if (details.contains(u"tcp-ulp-mptcp"_s))
        return Kind::Tcp;
    for (const QString &word : details) {
        // Only TCP sockets print rto/cwnd; an MPTCP connection prints its token and limits.
        if (word.startsWith(u"rto:"_s) || word.startsWith(u"cwnd:"_s))
            return Kind::Tcp;
    }
    for (const QString &word : details) {
        if (word.startsWith(u"token:"_s) || word.startsWith(u"subflows_max:"_s))
            return Kind::Mptcp;
    }
    return Kind::Tcp;
}

// Turns one socket line and its indented detail lines into a row; false when they do not parse.
bool finish(const SocketLine &line, const QStringList &details, SsSnapshot &snapshot)
{
    const Kind kind = line.kind != Kind::Unknown ? line.kind : guessKind(details);
    if (kind == Kind::Mptcp) {
        SsMptcpSocket socket;
        socket.state = line.state;
        socket.local = line.local;
        socket.peer = line.peer;
        socket.recvQ = line.recvQ;
        socket.sendQ = line.sendQ;
        if (!parseMptcpDetails(details, socket))
            return false;
        snapshot.mptcp << socket;
        return true;
    }
    SsTcpSocket socket;
    socket.state = line.state;
    socket.local = line.local;
    socket.peer = line.peer;
    socket.recvQ = line.recvQ;
    socket.sendQ = line.sendQ;
    if (!parseTcpDetails(details, socket))
        return false;
    snapshot.tcp << socket;
    return true;
}

} // namespace

bool parseSsAddress(const QString &text, SsAddress &out)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    SsAddress address;
    const QString port = text.mid(colon + 1);
    if (port != u"*"_s && !toInt(port, address.port))
        return false;
    QString host = text.left(colon);
    if (host.startsWith(u'[')) {
        const qsizetype close = host.indexOf(u']');
        if (close < 0)
            return false;
        const QString after = host.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(u'%'))
            return false;
        address.device = after.mid(1);
        host = host.mid(1, close - 1);
    }
    const qsizetype percent = host.indexOf(u'%');
    if (percent >= 0) {
        address.device = host.mid(percent + 1);
        host = host.left(percent);
    }
    if (host != u"*"_s && !isIpAddress(host))
        return false;
    address.address = unmapV4(host);
    out = address;
    return true;
}

Parsed<SsSnapshot> parseSs(const QByteArray &output)
{
    Parsed<SsSnapshot> parsed;
    std::optional<SocketLine> pending;
    bool orphanDetails = false; // details of a socket line we already counted as skipped
    QStringList details;
    auto flush = [&] {
        if (pending && !finish(*pending, details, parsed.value))
            ++parsed.skipped;
        pending.reset();
        details.clear();
    };
    for (const QByteArray &raw : output.split('\n')) {
        // unixcmd-style NUL padding and trailing blanks are noise, not content.
        QString line = QString::fromLatin1(raw).remove(QChar(u'\0'));
        if (line.trimmed().isEmpty())
            continue;
        if (line.at(0).isSpace()) {
            if (pending)
                details << line.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
            else if (!orphanDetails)
                ++parsed.skipped;
            continue;
        }
        flush();
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u"State "_s) || trimmed.startsWith(u"Netid "_s)) {
            orphanDetails = false;
            continue;
        }
        pending = parseSocketLine(trimmed);
        orphanDetails = !pending;
        if (!pending)
            ++parsed.skipped;
    }
    flush();
    return parsed;
}

} // namespace mlab
