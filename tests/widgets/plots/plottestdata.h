#pragma once

// Telemetry as the engine sends it (docs/engine-api.md): series name -> [[atMs, bits/s], ...].

#include <QJsonArray>
#include <QJsonObject>

namespace plottest {

constexpr qint64 T0 = 5'000'000; // a CLOCK_MONOTONIC ms, far from 0 like a real one

// Points at T0 + fromMs, T0 + fromMs + stepMs, ... up to T0 + toMs inclusive.
inline QJsonArray points(qint64 fromMs, qint64 toMs, qint64 stepMs, double bitsPerSecond)
{
    QJsonArray array;
    for (qint64 at = fromMs; at <= toMs; at += stepMs)
        array.append(QJsonArray { double(T0 + at), bitsPerSecond });
    return array;
}

inline QJsonObject batch(const QJsonObject &series, const QJsonArray &events = {})
{
    return QJsonObject { { QStringLiteral("now"), double(T0) }, { QStringLiteral("series"), series },
        { QStringLiteral("events"), events } };
}

// `seconds` of 10 Hz data for two paths and the total, in batches of 200 ms like the engine's.
inline QList<QJsonObject> run(qint64 fromMs, qint64 toMs)
{
    QList<QJsonObject> batches;
    for (qint64 at = fromMs; at <= toMs; at += 200) {
        const qint64 last = std::min(at + 100, toMs);
        batches << batch({ { QStringLiteral("path/a"), points(at, last, 100, 20e6) },
            { QStringLiteral("path/b"), points(at, last, 100, 30e6) },
            { QStringLiteral("total"), points(at, last, 100, 50e6) } });
    }
    return batches;
}

} // namespace plottest
