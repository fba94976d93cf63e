// bench_replot: what the throughput plot costs once it holds an hour of data.
//
// Fills a ThroughputPlot with one hour of 10 Hz data for 6 series (5 paths and the total) in the engine's 200 ms
// batches, with break/restore and MPTCP markers, then
//   1. times replot(rpImmediateRefresh) of the shown widget, for a 2 min window and for all the data;
//   2. feeds live batches every 200 ms and measures the delay from addTelemetry() to the end of the first replot
//      that drew them (QCustomPlot draws into its paint buffer; the widget's paint then only copies it).
// Prints median and p95; asserts nothing. Goals: replot < 8 ms, delay p95 < 100 ms.
//
// Usage: bench_replot [--replots N] [--live-batches N] [--width W] [--height H]

#include "plots/throughputplot.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace mlab;

namespace {

constexpr qint64 T0 = 7'200'000; // a CLOCK_MONOTONIC ms
constexpr int Paths = 5;
constexpr qint64 HourMs = 3'600'000;
constexpr qint64 BatchMs = 200; // the engine's telemetry period
constexpr qint64 SampleMs = 100; // 10 Hz counters

struct Stats
{
    double median = 0;
    double p95 = 0;
};

Stats stats(QList<double> values)
{
    if (values.isEmpty())
        return {};
    std::sort(values.begin(), values.end());
    auto at = [&](double q) {
        return values.at(std::clamp(qsizetype(std::ceil(q * values.size())) - 1, qsizetype(0), values.size() - 1));
    };
    return { at(0.5), at(0.95) };
}

// Plausible throughput: each path near its own rate with noise, path 0 cut for 6 s every 5 minutes.
QJsonObject makeBatch(qint64 fromMs, QRandomGenerator &random, QJsonArray events = {})
{
    QJsonArray perPath[Paths];
    QJsonArray total;
    for (qint64 at = fromMs; at < fromMs + BatchMs; at += SampleMs) {
        double sum = 0;
        for (int p = 0; p < Paths; ++p) {
            const bool cut = p == 0 && (at % 300'000) < 6'000;
            const double bps = cut ? 0.0 : (10 + 8 * p) * 1e6 * (0.9 + 0.2 * random.generateDouble());
            sum += bps;
            perPath[p].append(QJsonArray { double(T0 + at), bps });
        }
        total.append(QJsonArray { double(T0 + at), sum });
    }
    QJsonObject series { { QStringLiteral("total"), total } };
    for (int p = 0; p < Paths; ++p)
        series.insert(QStringLiteral("path/path%1").arg(p + 1), perPath[p]);
    return { { QStringLiteral("now"), double(T0 + fromMs + BatchMs) }, { QStringLiteral("series"), series },
        { QStringLiteral("events"), events } };
}

QJsonArray eventsAt(qint64 atMs)
{
    QJsonArray events;
    auto event = [&](qint64 offset, const QString &kind, const QString &text) {
        events.append(QJsonObject { { QStringLiteral("atMs"), double(T0 + atMs + offset) },
            { QStringLiteral("kind"), kind }, { QStringLiteral("text"), text },
            { QStringLiteral("detail"), QJsonObject { { QStringLiteral("port"), 10 } } } });
    };
    if (atMs % 300'000 == 0) { // the cut of path 0 above, and what the path manager says about it
        event(0, QStringLiteral("break"), QStringLiteral("port 10 moved to the dead VLAN"));
        event(6'000, QStringLiteral("restore"), QStringLiteral("port 10 back on VLAN 1"));
    }
    if (atMs % 10'000 == 0) // an MPTCP event every 10 s: 360 in the hour, more than the cap keeps
        event(50, QStringLiteral("mptcp"), QStringLiteral("SF_ESTABLISHED token 724e7cdf"));
    return events;
}

// CPU time of this thread: on a machine shared with builds, wall time also counts the waits for a core.
double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

void settle(int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption replotsOption(
        QStringLiteral("replots"), QStringLiteral("replots to time"), QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption liveOption(QStringLiteral("live-batches"),
        QStringLiteral("live batches (200 ms apart) for the delay"), QStringLiteral("N"), QStringLiteral("150"));
    const QCommandLineOption widthOption(
        QStringLiteral("width"), QStringLiteral("widget width"), QStringLiteral("W"), QStringLiteral("1200"));
    const QCommandLineOption heightOption(
        QStringLiteral("height"), QStringLiteral("widget height"), QStringLiteral("H"), QStringLiteral("500"));
    parser.addOptions({ replotsOption, liveOption, widthOption, heightOption });
    parser.process(app);
    const int replots = std::max(1, parser.value(replotsOption).toInt());
    const int liveBatches = std::max(1, parser.value(liveOption).toInt());

    ThroughputPlot plot;
    plot.resize(parser.value(widthOption).toInt(), parser.value(heightOption).toInt());
    plot.show();
    settle(200);

    QRandomGenerator random(42);
    QElapsedTimer clock;
    clock.start();
    qint64 batches = 0;
    for (qint64 at = 0; at < HourMs; at += BatchMs, ++batches)
        plot.addTelemetry(makeBatch(at, random, eventsAt(at)));
    const double fillMs = double(clock.nsecsElapsed()) / 1e6;
    settle(200);
    const QCPGraph *total = plot.graph(QStringLiteral("total"));
    std::printf("bench_replot: %d series x %d points (1 h at 10 Hz), %dx%d, %lld markers kept (%lld dropped)\n",
        int(plot.shownSeries().size()), total ? total->dataCount() : 0, plot.width(), plot.height(),
        qlonglong(plot.markers().size()), qlonglong(plot.droppedMarkers()));
    std::printf("fill: %lld batches in %.0f ms (%.1f us per batch)\n", qlonglong(batches), fillMs,
        fillMs * 1000.0 / double(batches));

    for (const int window : { 120, 0 }) {
        plot.setWindow(window);
        settle(150); // the timer applies the window
        QList<double> times;
        QList<double> cpuTimes;
        for (int i = 0; i < replots; ++i) {
            const double cpuBefore = threadCpuMs();
            clock.restart();
            plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
            times << double(clock.nsecsElapsed()) / 1e6;
            cpuTimes << threadCpuMs() - cpuBefore;
        }
        const Stats s = stats(times);
        const Stats cpu = stats(cpuTimes);
        std::printf("replot, window %s: median %.2f ms, p95 %.2f ms over %d replots (goal < 8 ms); CPU median %.2f ms, "
                    "p95 %.2f ms\n",
            window ? "2 min" : "all  ", s.median, s.p95, replots, cpu.median, cpu.p95);
    }

    // Live: batches on the engine's period; a batch's delay ends with the first replot that began after it arrived.
    plot.setWindow(120);
    settle(150);
    QList<double> delays;
    QList<qint64> waiting; // arrival times (ns on `clock`) of batches not drawn yet
    QList<qint64> drawing; // those the running replot includes
    clock.restart();
    QObject::connect(
        plot.customPlot(), &QCustomPlot::beforeReplot, &plot, [&] { drawing << std::exchange(waiting, {}); });
    QObject::connect(plot.customPlot(), &QCustomPlot::afterReplot, &plot, [&] {
        const qint64 now = clock.nsecsElapsed();
        for (const qint64 arrived : std::exchange(drawing, {}))
            delays << double(now - arrived) / 1e6;
    });
    qint64 at = HourMs;
    int sent = 0;
    QTimer feeder;
    feeder.setInterval(int(BatchMs));
    QObject::connect(&feeder, &QTimer::timeout, &plot, [&] {
        waiting << clock.nsecsElapsed();
        plot.addTelemetry(makeBatch(at, random, eventsAt(at)));
        at += BatchMs;
        if (++sent == liveBatches) {
            feeder.stop();
            QTimer::singleShot(500, &app, &QCoreApplication::quit);
        }
    });
    feeder.start();
    app.exec();
    const Stats d = stats(delays);
    std::printf("sample to drawn, window 2 min: median %.1f ms, p95 %.1f ms over %lld batches (goal p95 < 100 ms)\n",
        d.median, d.p95, qlonglong(delays.size()));
    return 0;
}
