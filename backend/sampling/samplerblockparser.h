#pragma once

// Turns the sampler script's output (see samplerscript.h) back into samples.
// Pure: no I/O and no clock of its own, so it is tested on real script output
// and on garbled or truncated input.

#include "telemetry/samples.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <variant>
#include <vector>

namespace mlab {

struct SamplerStats
{
    quint64 counterSamples = 0;
    quint64 subflowSamples = 0;
    quint64 nstatSamples = 0;
    quint64 events = 0; // MPTCP monitor events (NodeSampler)
    quint64 skippedLines = 0; // lines outside any block, or that a parser could not read
    quint64 droppedBlocks = 0; // blocks cut short, garbled or unreadable: not delivered
    quint64 missingTicks = 0; // counter ticks that never arrived (gaps in the tick numbers)
    quint64 failedCommands = 0; // ss or nstat blocks that ended with a non-zero exit status
    quint64 stderrLines = 0; // (NodeSampler)
    QString lastProblem; // the latest of the above, worded for a person
};

using SamplerOutput = std::variant<CounterSample, SubflowSample, NstatSample>;

class SamplerBlockParser
{
public:
    explicit SamplerBlockParser(QString node);

    // One line of the script's stdout without its newline, and when it arrived:
    // a block is stamped with the arrival of its first line.
    void feedLine(QByteArrayView line, qint64 arrivedMs);
    // The stream ended: a block still open was cut short.
    void finish();

    std::vector<SamplerOutput> takeOutputs() { return std::exchange(m_outputs, {}); }
    const SamplerStats &stats() const { return m_stats; }

private:
    enum class Kind { None, Counters, Ss, Nstat };
    struct Marker
    {
        bool isEnd = false;
        Kind kind = Kind::None;
        quint64 tick = 0;
        qint64 value = -1; // node clock on a counters start, exit status on an ss/nstat end
    };

    static std::optional<Marker> parseMarker(QByteArrayView line);
    void openBlock(const Marker &marker, qint64 arrivedMs);
    void closeBlock(const Marker &end);
    void dropBlock(const QString &why);
    void deliverCounters();
    void note(quint64 &counter, const QString &problem);
    void noteSkipped(int lines, const QString &block, quint64 tick);

    QString m_node;
    Kind m_open = Kind::None;
    quint64 m_tick = 0;
    qint64 m_nodeClockMs = -1;
    qint64 m_atMs = 0;
    QByteArray m_body;
    std::optional<quint64> m_lastCounterTick;
    std::vector<SamplerOutput> m_outputs;
    SamplerStats m_stats;
};

} // namespace mlab
