#include "traffic/trafficplan.h"

#include "core/command.h"

#include <QRegularExpression>
#include <QStringList>

namespace mlab {

static QString withOption(QStringList words, const QString &option, const QString &value)
{
    const qsizetype at = words.indexOf(option);
    if (at >= 0 && at + 1 < words.size())
        words[at + 1] = value;
    else
        words << option << value;
    return words.join(QLatin1Char(' '));
}

static QString wrapped(const QString &wrapper, const QString &command)
{
    return wrapper.isEmpty() ? command : wrapper + QLatin1Char(' ') + command;
}

bool iperf3HasMptcpOption(const QString &versionOutput)
{
    static const QRegularExpression version(QStringLiteral("iperf (\\d+)\\.(\\d+)"));
    const QRegularExpressionMatch match = version.match(versionOutput);
    if (!match.hasMatch())
        return false;
    const int major = match.captured(1).toInt();
    const int minor = match.captured(2).toInt();
    return major > 3 || (major == 3 && minor >= 19);
}

bool usesIperf3(const TrafficSpec &traffic)
{
    return traffic.clientCommand.startsWith(QLatin1String("iperf3 "))
        && traffic.serverCommand.startsWith(QLatin1String("iperf3 "));
}

TrafficCommands trafficCommands(
    const TrafficSpec &traffic, int durationSeconds, double intervalSeconds, bool nativeMptcp)
{
    if (nativeMptcp && usesIperf3(traffic)) {
        TrafficSpec native = traffic;
        native.wrapper.clear();
        native.serverCommand += QStringLiteral(" -m");
        native.clientCommand += QStringLiteral(" -m");
        return trafficCommands(native, durationSeconds, intervalSeconds, false);
    }
    QString client = withOption(traffic.clientCommand.split(QLatin1Char(' '), Qt::SkipEmptyParts), QStringLiteral("-t"),
        QString::number(durationSeconds));
    client = withOption(client.split(QLatin1Char(' ')), QStringLiteral("-i"), QString::number(intervalSeconds));
    const QString server = wrapped(traffic.wrapper, traffic.serverCommand);
    return TrafficCommands {
        traffic.serverNode,
        server,
        traffic.clientNode,
        wrapped(traffic.wrapper, client),
        server + QStringLiteral(" >/dev/null 2>&1 & echo $!"),
        // pgrep sees every namespace node's processes (they share the host's
        // pids): keep those in this node's network namespace.
        QStringLiteral(
            "for p in $(pgrep -f %1); do [ \"$(readlink /proc/$p/ns/net)\" = \"$(readlink /proc/self/ns/net)\" ] "
            "&& kill $p; done; true")
            .arg(shellQuote(traffic.clientCommand.section(QLatin1Char(' '), 0, 1))),
    };
}

} // namespace mlab
