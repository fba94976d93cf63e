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

QList<SeriesPoint> PathThroughput::addCounters(const CounterSample &sample)
{
    const NodeSpec *node = m_lab.nodeNamed(sample.node);
    if (!node)
        return {};
    bool anyRate = false;
    for (const InterfaceCounters &c : sample.interfaces) {
        const InterfaceSpec *spec = node->interfaceNamed(c.name);
        if (!spec || spec->path.isEmpty())
            continue; // lo, the management interface, anything not on a path
        RateState &state = m_interfaceRx[sample.node + u'/' + c.name];
        if (const std::optional<double> rate = state.counter.update(sample.atMs, c.rxBytes)) {
            state.bitsPerSecond = *rate;
            state.atMs = sample.atMs;
            state.valid = true;
            anyRate = true;
        }
    }
    if (!anyRate)
        return {};

    QList<SeriesPoint> out;
    double total = 0;
    for (const PathSpec &path : m_lab.paths) {
        double sum = 0;
        for (const PathEnd &end : m_lab.endsOf(path.name)) {
            const auto it = m_interfaceRx.constFind(end.node->name + u'/' + end.interface->name);
            if (it != m_interfaceRx.cend() && it->valid && isFresh(it->atMs, sample.atMs, m_staleAfterMs))
                sum += it->bitsPerSecond;
        }
        out.append({ series::path(path.name), sample.atMs, sum });
        total += sum;
    }
    out.append({ series::total(), sample.atMs, total });
    return out;
}

QList<SeriesPoint> PathThroughput::addSwitch(const SwitchSample &sample)
{
    bool anyRate = false;
    for (const SwitchPortCounters &port : sample.ports) {
        RateState &state = m_portOut[port.port];
        if (const std::optional<double> rate = state.counter.update(sample.atMs, port.outBytes)) {
            state.bitsPerSecond = *rate;
            state.atMs = sample.atMs;
            state.valid = true;
            anyRate = true;
        }
    }
    if (!anyRate)
        return {};

    QList<SeriesPoint> out;
    double total = 0;
    for (const PathSpec &path : m_lab.paths) {
        double sum = 0;
        for (const PathEnd &end : m_lab.endsOf(path.name)) {
            const auto it = m_portOut.constFind(end.interface->switchPort);
            if (it != m_portOut.cend() && it->valid && isFresh(it->atMs, sample.atMs, m_staleAfterMs))
                sum += it->bitsPerSecond;
        }
        out.append({ series::switchPath(path.name), sample.atMs, sum });
        total += sum;
    }
    out.append({ series::switchTotal(), sample.atMs, total });
    return out;
}

} // namespace mlab
