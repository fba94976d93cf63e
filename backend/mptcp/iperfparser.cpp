#include "mptcp/iperfparser.h"

#include <QHash>
#include <QRegularExpression>
#include <QString>

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

// iperf's byte units are binary (1 KByte = 1024 bytes), its bit rates decimal (1 Kbit = 1000 bits).
double unitFactor(const QString &unit, bool rate)
{
    const bool bytes = unit.contains(u"Bytes"_s);
    const QChar prefix = unit.at(0).isUpper() && unit.at(0) != u'B' ? unit.at(0) : QChar();
    const double factor = scale(prefix, bytes ? 1024 : 1000);
    return rate && bytes ? factor * 8 : factor;
}

} // namespace

std::optional<IperfInterval> parseIperfInterval(QByteArrayView raw)
{
    static const QRegularExpression re(
        u"^\\[\\s*(\\d+|SUM)\\]\\s+(\\d+(?:\\.\\d+)?)\\s*-\\s*(\\d+(?:\\.\\d+)?)\\s+sec\\s+"
        u"(\\d+(?:\\.\\d+)?)\\s+([KMGT]?Bytes)\\s+(\\d+(?:\\.\\d+)?)\\s+([KMGT]?(?:bits|Bytes)/sec)(?:\\s|$)"_s);
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(raw).trimmed());
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
    return interval;
}

Parsed<QList<IperfInterval>> parseIperf(const QByteArray &output)
{
    // A line that begins "[  1] 0.5" or "[SUM] 0.5" means to be an interval; "[  1] local ..."
    // and "[ ID] Interval" are iperf's own headers.
    static const QRegularExpression looksLikeInterval(u"^\\[\\s*(\\d+|SUM)\\]\\s+\\d"_s);
    Parsed<QList<IperfInterval>> parsed;
    QHash<int, double> lastEnd;
    for (const QByteArray &line : output.split('\n')) {
        std::optional<IperfInterval> interval = parseIperfInterval(line);
        if (!interval) {
            if (looksLikeInterval.match(QString::fromLatin1(line).trimmed()).hasMatch())
                ++parsed.skipped;
            continue;
        }
        // iperf ends with one line for the whole test: it starts at 0 again, after other intervals.
        interval->summary
            = interval->start == 0 && lastEnd.contains(interval->id) && interval->end >= lastEnd.value(interval->id);
        lastEnd.insert(interval->id, interval->end);
        parsed.value << *interval;
    }
    return parsed;
}

} // namespace mlab
