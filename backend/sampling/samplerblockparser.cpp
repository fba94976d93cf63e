#include "sampling/samplerblockparser.h"

#include "sampling/samplerscript.h"
#include "telemetry/nstatparser.h"
#include "telemetry/procnetdev.h"

#include <QList>

namespace mlab {

namespace {

// A block that never ends (a lost end marker) must not grow without bound:
// ss on a busy server prints a few kB, so 1 MiB is far beyond any real block.
constexpr qsizetype MaxBlockBytes = 1 << 20;

QString kindName(int kind)
{
    static const char *const names[] = { "none", "counters", "ss", "nstat" };
    return QString::fromLatin1(names[kind]);
}

} // namespace

SamplerBlockParser::SamplerBlockParser(QString node)
    : m_node(std::move(node))
{ }

std::optional<SamplerBlockParser::Marker> SamplerBlockParser::parseMarker(QByteArrayView line)
{
    const QList<QByteArray> words = line.toByteArray().simplified().split(' ');
    Marker marker;
    qsizetype at = 1; // words[0] is "@@mlab"
    if (words.size() > at && words[at] == "end") {
        marker.isEnd = true;
        ++at;
    }
    if (words.size() <= at + 1)
        return std::nullopt;
    const QByteArray &kind = words[at];
    marker.kind = kind == "counters" ? Kind::Counters
        : kind == "ss"               ? Kind::Ss
        : kind == "nstat"            ? Kind::Nstat
                                     : Kind::None;
    bool ok = false;
    marker.tick = words[at + 1].toULongLong(&ok);
    if (marker.kind == Kind::None || !ok)
        return std::nullopt;
    // Counters starts carry the node's clock; ss and nstat ends carry the exit status.
    const bool wantsValue = marker.isEnd ? marker.kind != Kind::Counters : marker.kind == Kind::Counters;
    if (wantsValue) {
        if (words.size() != at + 3)
            return std::nullopt;
        marker.value = words[at + 2].toLongLong(&ok);
        if (!ok)
            return std::nullopt;
    } else if (words.size() != at + 2) {
        return std::nullopt;
    }
    return marker;
}

void SamplerBlockParser::feedLine(QByteArrayView line, qint64 arrivedMs)
{
    if (line.startsWith(SamplerScript::marker)) {
        const std::optional<Marker> marker = parseMarker(line);
        if (!marker) {
            note(m_stats.skippedLines,
                QStringLiteral("%1: unreadable sampler marker \"%2\"")
                    .arg(m_node, QString::fromUtf8(line.first(qMin(line.size(), qsizetype(80))))));
            return;
        }
        if (marker->isEnd)
            closeBlock(*marker);
        else
            openBlock(*marker, arrivedMs);
        return;
    }
    if (m_open == Kind::None) {
        note(m_stats.skippedLines,
            QStringLiteral("%1: sampler line outside any block: \"%2\"")
                .arg(m_node, QString::fromUtf8(line.first(qMin(line.size(), qsizetype(80))))));
        return;
    }
    if (m_body.size() + line.size() > MaxBlockBytes) {
        dropBlock(QStringLiteral("longer than %1 bytes without its end marker").arg(MaxBlockBytes));
        return;
    }
    m_body.append(line.data(), line.size());
    m_body.append('\n');
}

void SamplerBlockParser::finish()
{
    if (m_open != Kind::None)
        dropBlock(QStringLiteral("cut short: the stream ended inside it"));
}

void SamplerBlockParser::openBlock(const Marker &marker, qint64 arrivedMs)
{
    if (m_open != Kind::None)
        dropBlock(QStringLiteral("cut short: a %1 block began inside it").arg(kindName(int(marker.kind))));
    m_open = marker.kind;
    m_tick = marker.tick;
    m_nodeClockMs = marker.kind == Kind::Counters ? marker.value : -1;
    m_atMs = arrivedMs;
    m_body.clear();
}

void SamplerBlockParser::closeBlock(const Marker &end)
{
    if (m_open == Kind::None) {
        note(m_stats.skippedLines,
            QStringLiteral("%1: end of a %2 block (tick %3) that never began")
                .arg(m_node, kindName(int(end.kind)))
                .arg(end.tick));
        return;
    }
    if (end.kind != m_open || end.tick != m_tick) {
        dropBlock(
            QStringLiteral("closed by the end of a %1 block (tick %2)").arg(kindName(int(end.kind))).arg(end.tick));
        return;
    }
    const Kind kind = std::exchange(m_open, Kind::None);
    if (kind == Kind::Counters) {
        deliverCounters();
        return;
    }
    const QString command = kind == Kind::Ss ? QStringLiteral("ss -tniM") : QStringLiteral("nstat");
    if (end.value != 0) {
        note(m_stats.failedCommands,
            QStringLiteral("%1: %2 exited with status %3 (tick %4)").arg(m_node, command).arg(end.value).arg(end.tick));
        return;
    }
    if (kind == Kind::Ss) {
        Parsed<SsSnapshot> parsed = parseSs(m_body);
        m_stats.skippedLines += quint64(parsed.skipped);
        m_outputs.emplace_back(SubflowSample { m_node, m_atMs, std::move(parsed.value) });
        ++m_stats.subflowSamples;
        return;
    }
    Parsed<QMap<QString, qint64>> parsed = parseNstat(m_body);
    noteSkipped(parsed.skipped, QStringLiteral("nstat"), end.tick);
    if (parsed.value.isEmpty()) {
        note(m_stats.droppedBlocks,
            QStringLiteral("%1: nstat block (tick %2) holds no counter").arg(m_node).arg(end.tick));
        return;
    }
    m_outputs.emplace_back(NstatSample { m_node, m_atMs, std::move(parsed.value) });
    ++m_stats.nstatSamples;
}

void SamplerBlockParser::deliverCounters()
{
    Parsed<QList<InterfaceCounters>> parsed = parseProcNetDev(m_body);
    noteSkipped(parsed.skipped, QStringLiteral("counters"), m_tick);
    if (parsed.value.isEmpty()) {
        note(m_stats.droppedBlocks,
            QStringLiteral("%1: counters block (tick %2) holds no interface").arg(m_node).arg(m_tick));
        return;
    }
    if (m_lastCounterTick && m_tick > *m_lastCounterTick + 1)
        m_stats.missingTicks += m_tick - *m_lastCounterTick - 1;
    m_lastCounterTick = m_tick;
    CounterSample sample;
    sample.node = m_node;
    sample.atMs = m_atMs;
    sample.sequence = m_tick;
    sample.interfaces = std::move(parsed.value);
    sample.nodeClockMs = m_nodeClockMs;
    m_outputs.emplace_back(std::move(sample));
    ++m_stats.counterSamples;
}

void SamplerBlockParser::dropBlock(const QString &why)
{
    note(m_stats.droppedBlocks,
        QStringLiteral("%1: %2 block (tick %3) dropped, %4").arg(m_node, kindName(int(m_open))).arg(m_tick).arg(why));
    m_open = Kind::None;
    m_body.clear();
}

void SamplerBlockParser::noteSkipped(int lines, const QString &block, quint64 tick)
{
    if (lines <= 0)
        return;
    m_stats.skippedLines += quint64(lines);
    m_stats.lastProblem = QStringLiteral("%1: %2 unreadable line(s) in the %3 block (tick %4)")
                              .arg(m_node)
                              .arg(lines)
                              .arg(block)
                              .arg(tick);
}

void SamplerBlockParser::note(quint64 &counter, const QString &problem)
{
    ++counter;
    m_stats.lastProblem = problem;
}

} // namespace mlab
