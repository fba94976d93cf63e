#include "mptcp/iperfparser.h"

#include <QHash>
#include <QRegularExpression>

#include <cmath>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

double scale(QChar prefix, double base)
{
    switch (prefix.unicode()) {
    case u'K':
        return base;
    case u'M':
        return base * base;
    case u'G':
        return base * base * base;
    case u'T':
        return base * base * base * base;
    default:
        return 1;
    }
}

// iperf's byte units are binary (1 KByte = 1024 bytes), its bit rates decimal (1 Kbit = 1000 bits);
// iperf3 3.12 does the same.
double unitFactor(const QString &unit, bool rate)
{
    const bool bytes = unit.contains(u"Bytes"_s);
    const QChar prefix = unit.at(0).isUpper() && unit.at(0) != u'B' ? unit.at(0) : QChar();
    const double factor = scale(prefix, bytes ? 1024 : 1000);
    return rate && bytes ? factor * 8 : factor;
}

// "20261125181215," or, with -e, "20261125181124.277,": iperf 2's CSV timestamp.
const QRegularExpression &csvStart()
{
    static const QRegularExpression re(u"^\\d{14}(?:\\.\\d+)?,"_s);
    return re;
}

std::optional<quint16> port(const QString &field)
{
    bool ok = false;
    const uint value = field.toUInt(&ok);
    if (!ok || value > 65535)
        return std::nullopt;
    return quint16(value);
}

// A cut in the last field still reads as a number ("115344320" -> "1153"): check the rate
// against bytes over time. Displayed bounds are rounded to 0.1 s, so only a ratio far from 1
// (a lost digit is 10x) means a damaged line; zero bytes must mean a zero rate.
bool rateFitsBytes(const IperfInterval &interval)
{
    if (interval.bytes == 0 || interval.bitsPerSecond == 0)
        return interval.bytes == 0 && interval.bitsPerSecond == 0;
    const double duration = interval.end - interval.start;
    if (duration < 0.2)
        return true;
    const double ratio = interval.bitsPerSecond / (double(interval.bytes) * 8 / duration);
    return ratio > 1.0 / 3 && ratio < 3;
}

std::optional<IperfInterval> parseCsv(const QString &line)
{
    // UDP server lines append jitter, loss and reordering fields: the first nine are the same.
    const QStringList fields = line.split(u',');
    if (fields.size() < 9 || fields.at(1).isEmpty() || fields.at(3).isEmpty())
        return std::nullopt;
    static const QRegularExpression span(u"^(\\d+(?:\\.\\d+)?)-(\\d+(?:\\.\\d+)?)$"_s);
    const QRegularExpressionMatch bounds = span.match(fields.at(6));
    const std::optional<quint16> localPort = port(fields.at(2));
    const std::optional<quint16> remotePort = port(fields.at(4));
    bool idOk = false;
    bool bytesOk = false;
    bool rateOk = false;
    IperfInterval interval;
    interval.id = fields.at(5).toInt(&idOk);
    interval.bytes = fields.at(7).toLongLong(&bytesOk);
    interval.bitsPerSecond = fields.at(8).toDouble(&rateOk);
    if (!bounds.hasMatch() || !localPort || !remotePort || !idOk || !bytesOk || !rateOk || interval.bytes < 0
        || interval.bitsPerSecond < 0 || !std::isfinite(interval.bitsPerSecond))
        return std::nullopt;
    // Older iperf 2 marks the -P sum with a negative id; keep one meaning for "sum" across formats.
    if (interval.id < 0)
        interval.id = -1;
    interval.start = bounds.captured(1).toDouble();
    interval.end = bounds.captured(2).toDouble();
    interval.localAddress = fields.at(1);
    interval.localPort = *localPort;
    interval.remoteAddress = fields.at(3);
    interval.remotePort = *remotePort;
    if (interval.end < interval.start || !rateFitsBytes(interval))
        return std::nullopt;
    return interval;
}

std::optional<IperfInterval> parseText(const QString &line)
{
    static const QRegularExpression re(
        u"^\\[\\s*(\\d+|SUM)\\]\\s+(\\d+(?:\\.\\d+)?)\\s*-\\s*(\\d+(?:\\.\\d+)?)\\s+sec\\s+"
        u"(\\d+(?:\\.\\d+)?)\\s+([KMGT]?Bytes)\\s+(\\d+(?:\\.\\d+)?)\\s+([KMGT]?(?:bits|Bytes)/sec)(?:\\s|$)"_s);
    // What iperf3 prints after the rate: Retr, Cwnd (client intervals), a sender/receiver tag
    // (closing lines). iperf 2's "-e" columns do not fit and are left alone.
    static const QRegularExpression iperf3Tail(
        u"^(?:\\s+(\\d+))?(?:\\s+(\\d+(?:\\.\\d+)?)\\s+([KMGT]?Bytes))?(?:\\s+(sender|receiver))?\\s*$"_s);
    const QRegularExpressionMatch m = re.match(line);
    if (!m.hasMatch())
        return std::nullopt;
    IperfInterval interval;
    interval.id = m.captured(1) == u"SUM"_s ? -1 : m.captured(1).toInt();
    interval.start = m.captured(2).toDouble();
    interval.end = m.captured(3).toDouble();
    if (interval.end < interval.start)
        return std::nullopt;
    interval.bytes = qint64(m.captured(4).toDouble() * unitFactor(m.captured(5), false) + 0.5);
    interval.bitsPerSecond = m.captured(6).toDouble() * unitFactor(m.captured(7), true);
    const QRegularExpressionMatch tail = iperf3Tail.match(QStringView(line).sliced(m.capturedEnd(7)));
    if (tail.hasMatch()) {
        if (tail.hasCaptured(1))
            interval.retransmits = tail.captured(1).toInt();
        if (tail.hasCaptured(2))
            interval.congestionWindow = qint64(tail.captured(2).toDouble() * unitFactor(tail.captured(3), false) + 0.5);
        if (tail.hasCaptured(4)) {
            interval.summary = true;
            interval.side = tail.captured(4) == u"sender"_s ? IperfSide::Sender : IperfSide::Receiver;
        }
    }
    return interval;
}

} // namespace

std::optional<IperfInterval> parseIperfInterval(QByteArrayView raw)
{
    const QString line = QString::fromLatin1(raw).trimmed();
    return csvStart().match(line).hasMatch() ? parseCsv(line) : parseText(line);
}

Parsed<QList<IperfInterval>> parseIperf(const QByteArray &output)
{
    // A line that begins "[  1] 0.5", "[SUM] 0.5" or with a CSV timestamp means to be an interval;
    // "[  1] local ..." and "[ ID] Interval" are iperf's own headers.
    static const QRegularExpression looksLikeText(u"^\\[\\s*(\\d+|SUM)\\]\\s+\\d"_s);
    Parsed<QList<IperfInterval>> parsed;
    QHash<int, double> lastEnd;
    for (const QByteArray &line : output.split('\n')) {
        std::optional<IperfInterval> interval = parseIperfInterval(line);
        if (!interval) {
            const QString text = QString::fromLatin1(line).trimmed();
            if (looksLikeText.match(text).hasMatch() || csvStart().match(text).hasMatch())
                ++parsed.skipped;
            continue;
        }
        // iperf 2 ends with one untagged line for the whole test: it starts at 0 again, after
        // other intervals. Forgetting the stream afterwards lets a server's next test start afresh.
        if (!interval->summary)
            interval->summary = interval->start == 0 && lastEnd.contains(interval->id)
                && interval->end >= lastEnd.value(interval->id);
        if (interval->summary)
            lastEnd.remove(interval->id);
        else
            lastEnd.insert(interval->id, interval->end);
        parsed.value << *interval;
    }
    return parsed;
}

} // namespace mlab
