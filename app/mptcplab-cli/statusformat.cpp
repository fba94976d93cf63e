#include "statusformat.h"

#include <QJsonArray>

namespace mlab::cli {

static QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toVariant().toString();
}

static QString humanBytes(qint64 bytes)
{
    if (bytes >= 1000000000)
        return QString::number(double(bytes) / 1e9, 'f', 2) + QStringLiteral(" GB");
    if (bytes >= 1000000)
        return QString::number(double(bytes) / 1e6, 'f', 1) + QStringLiteral(" MB");
    return QString::number(bytes) + QStringLiteral(" B");
}

// "BROKEN (unplug)" for a broken link or path, naming the kind of break in effect; empty when it is not broken.
static QString breakText(const QJsonObject &object)
{
    if (!object.value(QStringLiteral("broken")).toBool())
        return {};
    const QString mode = str(object, "breakMode");
    return mode.isEmpty() ? QStringLiteral("BROKEN") : QStringLiteral("BROKEN (%1)").arg(mode);
}

QString formatStep(const QJsonObject &step)
{
    const QString state = str(step, "state");
    if (state == QLatin1String("running"))
        return {};
    QString text
        = QStringLiteral("  [%1/%2] %3%4 (%5 ms)")
              .arg(step.value(QStringLiteral("index")).toInt())
              .arg(step.value(QStringLiteral("total")).toInt())
              .arg(state == QLatin1String("failed") ? QStringLiteral("FAILED: ") : QString(), str(step, "message"))
              .arg(step.value(QStringLiteral("durationMs")).toInteger());
    if (!str(step, "command").isEmpty())
        text += QStringLiteral("\n        failing command: %1\n        its output: %2")
                    .arg(str(step, "command"), str(step, "output"));
    return text;
}

QString formatReadySummary(const QJsonObject &status)
{
    QString text = QStringLiteral("lab %1 is %2.").arg(str(status, "lab"), str(status, "phase"));
    for (const QJsonValue &value : status.value(QStringLiteral("nodes")).toArray()) {
        const QJsonObject node = value.toObject();
        for (const QJsonValue &iface : node.value(QStringLiteral("interfaces")).toArray()) {
            if (iface.toObject().value(QStringLiteral("management")).toBool())
                text += QStringLiteral(" %1 at %2.").arg(str(node, "name"), str(iface.toObject(), "address"));
        }
    }
    text += QStringLiteral(
        "\nTry: mptcplab-cli status | break NodeA:eth0 [--mode unplug] | restore NodeA:eth0 | down. Commands run "
        "so far: %1")
                .arg(str(status, "transcript"));
    return text;
}

// The MPTCP subflows the engine sees on every node, as `ss -tniM` reports them.
static QString formatSubflows(const QJsonArray &subflows)
{
    QString text = QStringLiteral("\nMPTCP subflows (from ss -tniM on each node):\n");
    if (subflows.isEmpty())
        return text + QStringLiteral("  none: no MPTCP connection is open\n");
    for (const QJsonValue &value : subflows) {
        const QJsonObject subflow = value.toObject();
        text += QStringLiteral("  %1  token %2  %3:%4 -> %5:%6  %7  %8  %9  %10 Mbit/s out%11\n")
                    .arg(str(subflow, "node"), str(subflow, "token"), str(subflow, "localAddress"),
                        str(subflow, "localPort"), str(subflow, "remoteAddress"), str(subflow, "remotePort"),
                        str(subflow, "path").isEmpty() ? QStringLiteral("-") : str(subflow, "path"),
                        str(subflow, "state"), str(subflow, "health"))
                    .arg(subflow.value(QStringLiteral("txBitsPerSecond")).toDouble() / 1e6, 0, 'f', 1)
                    .arg(subflow.value(QStringLiteral("backoff")).toInt() > 0
                            ? QStringLiteral("  backoff %1").arg(subflow.value(QStringLiteral("backoff")).toInt())
                            : QString());
    }
    return text;
}

QString formatStatus(const QJsonObject &status)
{
    QString text = QStringLiteral("lab %1: %2 (engine pid %3, %4)\n")
                       .arg(str(status, "lab"), str(status, "phase"), str(status, "enginePid"), str(status, "labFile"));
    if (status.contains(QStringLiteral("damage")))
        text += QStringLiteral("DAMAGED: %1\n").arg(str(status, "damage"));
    text += QStringLiteral("\npaths:\n");
    for (const QJsonValue &value : status.value(QStringLiteral("paths")).toArray()) {
        const QJsonObject path = value.toObject();
        text += QStringLiteral("  %1  VLAN %2  rate %3  %4\n")
                    .arg(str(path, "name"), -8)
                    .arg(str(path, "vlan"), str(path, "rate"),
                        breakText(path).isEmpty() ? QStringLiteral("up") : breakText(path));
    }
    text += QStringLiteral("\nnodes:\n");
    for (const QJsonValue &value : status.value(QStringLiteral("nodes")).toArray()) {
        const QJsonObject node = value.toObject();
        if (str(node, "kind") == QLatin1String("qemu"))
            text += QStringLiteral("  %1 (QEMU VM %2, %3, kernel %4, launch %5, MPTCP %6)\n")
                        .arg(str(node, "name"), str(node, "vmState"), str(node, "accelerator").toUpper(),
                            str(node, "kernel"), str(node, "launch"), str(node, "mptcpProfile"));
        else
            text += QStringLiteral("  %1 (%2, namespace %3, MPTCP %4)\n")
                        .arg(str(node, "name"), str(node, "kind"), str(node, "netns"), str(node, "mptcpProfile"));
        for (const QJsonValue &ifaceValue : node.value(QStringLiteral("interfaces")).toArray()) {
            const QJsonObject iface = ifaceValue.toObject();
            const QString role = iface.value(QStringLiteral("management")).toBool() ? QStringLiteral("management")
                                                                                    : str(iface, "path");
            text += QStringLiteral("    %1  %2  %3  port %4  %5%6\n")
                        .arg(str(iface, "name"), -5)
                        .arg(str(iface, "address"), -16)
                        .arg(str(iface, "mac"), str(iface, "port"), role,
                            breakText(iface).isEmpty() ? QString() : QStringLiteral("  ") + breakText(iface));
        }
    }
    text += QStringLiteral("\nswitch ports (dead VLAN %1):\n").arg(str(status, "deadVlan"));
    for (const QJsonValue &value : status.value(QStringLiteral("ports")).toArray()) {
        const QJsonObject port = value.toObject();
        text += QStringLiteral("  port %1  VLAN %2  %3  in %4  out %5\n")
                    .arg(str(port, "port"), 3)
                    .arg(str(port, "vlan"), 2)
                    .arg(port.value(QStringLiteral("active")).toBool() ? QStringLiteral("active  ")
                                                                       : QStringLiteral("inactive"),
                        humanBytes(port.value(QStringLiteral("inBytes")).toInteger()),
                        humanBytes(port.value(QStringLiteral("outBytes")).toInteger()));
    }
    const QJsonObject traffic = status.value(QStringLiteral("traffic")).toObject();
    text += QStringLiteral("\ntraffic: %1").arg(str(traffic, "state"));
    if (!str(traffic, "client").isEmpty())
        text += QStringLiteral(" (on %1 \"%2\", on %3 \"%4\")")
                    .arg(str(traffic, "serverNode"), str(traffic, "server"), str(traffic, "clientNode"),
                        str(traffic, "client"));
    if (!str(traffic, "reason").isEmpty())
        text += QStringLiteral(": ") + str(traffic, "reason");
    const QJsonObject scenario = status.value(QStringLiteral("scenario")).toObject();
    text += QStringLiteral("\nscenario: %1").arg(str(scenario, "state"));
    if (!str(scenario, "name").isEmpty())
        text += QStringLiteral(" (%1, %2 s of %3 s)")
                    .arg(str(scenario, "name"))
                    .arg(scenario.value(QStringLiteral("elapsedS")).toDouble(), 0, 'f', 1)
                    .arg(scenario.value(QStringLiteral("durationS")).toDouble(), 0, 'f', 0);
    text += QLatin1Char('\n');
    text += formatSubflows(status.value(QStringLiteral("subflows")).toArray());
    if (status.contains(QStringLiteral("switchError")))
        text += QStringLiteral("  switch did not answer: %1\n").arg(str(status, "switchError"));
    text += QStringLiteral("\ntranscript of every command: %1\n").arg(str(status, "transcript"));
    return text;
}

} // namespace mlab::cli
