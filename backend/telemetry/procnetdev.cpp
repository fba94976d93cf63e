#include "telemetry/procnetdev.h"

namespace mlab {

namespace {

// Receive: bytes packets errs drop fifo frame compressed multicast; Transmit: the same eight.
constexpr int FieldCount = 16;
constexpr int RxBytes = 0;
constexpr int RxPackets = 1;
constexpr int TxBytes = 8;
constexpr int TxPackets = 9;

bool parseLine(const QByteArray &line, InterfaceCounters &out)
{
    // The kernel pads names to 6 columns, so a big counter can touch the colon: "eth0:1398750".
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    const QByteArray name = line.left(colon).trimmed();
    if (name.isEmpty() || name.contains(' '))
        return false;
    const QList<QByteArray> fields = line.mid(colon + 1).simplified().split(' ');
    if (fields.size() < FieldCount)
        return false;
    qint64 values[FieldCount] {};
    for (int i = 0; i < FieldCount; ++i) {
        bool ok = false;
        values[i] = fields.at(i).toLongLong(&ok);
        if (!ok || values[i] < 0)
            return false;
    }
    out.name = QString::fromLatin1(name);
    out.rxBytes = values[RxBytes];
    out.rxPackets = values[RxPackets];
    out.txBytes = values[TxBytes];
    out.txPackets = values[TxPackets];
    return true;
}

} // namespace

Parsed<QList<InterfaceCounters>> parseProcNetDev(const QByteArray &output)
{
    Parsed<QList<InterfaceCounters>> result;
    for (const QByteArray &raw : output.split('\n')) {
        const QByteArray line = raw.trimmed();
        // The two header lines are the only ones with '|'.
        if (line.isEmpty() || line.contains('|'))
            continue;
        InterfaceCounters counters;
        if (parseLine(line, counters))
            result.value.append(counters);
        else
            ++result.skipped;
    }
    return result;
}

} // namespace mlab
