#include "telemetry/rates.h"

namespace mlab {

using namespace Qt::StringLiterals;

namespace series {
QString path(const QString &pathName)
{
    return u"path/"_s + pathName;
}
QString total()
{
    return u"total"_s;
}
QString switchPath(const QString &pathName)
{
    return u"switch/path/"_s + pathName;
}
QString switchTotal()
{
    return u"switch/total"_s;
}
QString subflow(const QString &node, const QString &token, const QString &localAddressAndPort)
{
    return u"subflow/"_s + node + u'/' + token + u'/' + localAddressAndPort;
}
} // namespace series

namespace {

constexpr qint64 Wrap32 = qint64(1) << 32;

bool isFresh(qint64 atMs, qint64 nowMs, qint64 staleAfterMs)
{
    return nowMs - atMs <= staleAfterMs;
}

} // namespace

std::optional<double> CounterRate::update(qint64 atMs, qint64 bytes)
{
    if (!m_hasPrevious) {
        m_hasPrevious = true;
        m_lastMs = atMs;
        m_lastBytes = bytes;
        return std::nullopt;
    }
    if (atMs <= m_lastMs)
        return std::nullopt; // a duplicate or reordered reading: keep the older baseline
    qint64 delta = bytes - m_lastBytes;
    if (delta < 0) {
        // A 32-bit counter that wrapped lands just past zero; anything else is a reset (interface recreated).
        const qint64 unwrapped = bytes + Wrap32 - m_lastBytes;
        if (m_lastBytes < Wrap32 && unwrapped > 0 && unwrapped < Wrap32 / 2)
            delta = unwrapped;
        else
            delta = -1;
    }
    const qint64 elapsed = atMs - m_lastMs;
    m_lastMs = atMs;
    m_lastBytes = bytes;
    if (delta < 0)
        return std::nullopt;
    return double(delta) * 8.0 * 1000.0 / double(elapsed);
}

PathThroughput::PathThroughput(Lab lab, qint64 staleAfterMs)
    : m_lab(std::move(lab))
    , m_staleAfterMs(staleAfterMs)
{ }

namespace {

// One reading of a cumulative counter into its rate state; true when it gave a rate. The rate is over the
// clock of the reading (clockMs), the point stamped when it arrived (atMs).
template <typename State> bool updateRate(State &state, qint64 atMs, qint64 clockMs, qint64 bytes)
{
    const std::optional<double> rate = state.counter.update(clockMs, bytes);
    if (!rate)
        return false;
    state.bitsPerSecond = *rate;
    state.atMs = atMs;
    state.valid = true;
    return true;
}

// Per path, the sum of its members' fresh rates (members found by keyOf), and the total.
template <typename Rates, typename KeyOf, typename PathName>
QList<SeriesPoint> sumPerPath(const Lab &lab, const Rates &rates, qint64 atMs, qint64 staleAfterMs, KeyOf keyOf,
    PathName pathSeries, const QString &totalSeries)
{
    QList<SeriesPoint> out;
    double total = 0;
    for (const PathSpec &path : lab.paths) {
        double sum = 0;
        for (const PathEnd &end : lab.endsOf(path.name)) {
            const auto it = rates.constFind(keyOf(end));
            if (it != rates.cend() && it->valid && isFresh(it->atMs, atMs, staleAfterMs))
                sum += it->bitsPerSecond;
        }
        out.append({ pathSeries(path.name), atMs, sum });
        total += sum;
    }
    out.append({ totalSeries, atMs, total });
    return out;
}

} // namespace

QList<SeriesPoint> PathThroughput::addCounters(const CounterSample &sample)
{
    const NodeSpec *node = m_lab.nodeNamed(sample.node);
    if (!node)
        return {};
    // Over the node's own clock: blocks can arrive bunched (a busy host, SSH holding a packet), and two
    // readings taken 100 ms apart but received 1 ms apart made a spike a hundred times the real rate. The node's
    // clock steps by 10 ms, a smaller error than any delivery delay. Arrival time when the node gave no clock.
    const qint64 clockMs = sample.nodeClockMs >= 0 ? sample.nodeClockMs : sample.atMs;
    bool anyRate = false;
    for (const InterfaceCounters &c : sample.interfaces) {
        const InterfaceSpec *spec = node->interfaceNamed(c.name);
        if (!spec || spec->path.isEmpty())
            continue; // lo, the management interface, anything not on a path
        anyRate |= updateRate(m_interfaceRx[sample.node + u'/' + c.name], sample.atMs, clockMs, c.rxBytes);
    }
    if (!anyRate)
        return {};
    return sumPerPath(
        m_lab, m_interfaceRx, sample.atMs, m_staleAfterMs,
        [](const PathEnd &end) -> QString { return end.node->name + u'/' + end.interface->name; }, &series::path,
        series::total());
}

QList<SeriesPoint> PathThroughput::addSwitch(const SwitchSample &sample)
{
    bool anyRate = false;
    for (const SwitchPortCounters &port : sample.ports)
        anyRate |= updateRate(m_portOut[port.port], sample.atMs, sample.atMs, port.outBytes);
    if (!anyRate)
        return {};
    return sumPerPath(
        m_lab, m_portOut, sample.atMs, m_staleAfterMs, [](const PathEnd &end) { return end.interface->switchPort; },
        &series::switchPath, series::switchTotal());
}

} // namespace mlab
