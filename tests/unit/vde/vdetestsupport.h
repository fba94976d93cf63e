#pragma once

// Helpers for the tests that run a real vde_switch: the seed lab's layout and
// vde_plug processes that carry raw frames without root, taps or addresses.

#include "core/result.h"
#include "vde/vdeprotocol.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>

#include <cerrno>
#include <csignal>
#include <memory>

namespace mlab::test {

struct Layout
{
    QList<int> vlans;
    QMap<int, int> portVlan;
    int deadVlan = 0;
};

// The seed lab's switch layout, read from the real lab file so the test follows it.
inline Layout seedLayout()
{
    QFile file(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read seed.json");
    const QJsonObject lab = QJsonDocument::fromJson(file.readAll()).object();
    Layout layout;
    const QJsonObject sw = lab.value(QLatin1String("switch")).toObject();
    for (const QJsonValue &vlan : sw.value(QLatin1String("vlans")).toArray())
        layout.vlans << vlan.toInt();
    layout.deadVlan = sw.value(QLatin1String("deadVlan")).toInt();
    QMap<QString, int> pathVlan;
    for (const QJsonValue &path : lab.value(QLatin1String("paths")).toArray())
        pathVlan.insert(path[QLatin1String("name")].toString(), path[QLatin1String("vlan")].toInt());
    const QJsonObject management = lab.value(QLatin1String("management")).toObject();
    const int managementVlan = management.value(QLatin1String("vlan")).toInt();
    layout.portVlan.insert(management.value(QLatin1String("hostPort")).toInt(), managementVlan);
    for (const QJsonValue &node : lab.value(QLatin1String("nodes")).toArray()) {
        for (const QJsonValue &nic : node[QLatin1String("interfaces")].toArray()) {
            const bool isManagement = nic[QLatin1String("management")].toBool();
            layout.portVlan.insert(nic[QLatin1String("port")].toInt(),
                isManagement ? managementVlan : pathVlan.value(nic[QLatin1String("path")].toString()));
        }
    }
    return layout;
}

// Result::error() is only valid on a failure, and QVERIFY2 evaluates its message either way.
template <typename T> const char *why(const Result<T> &result)
{
    static QByteArray text;
    text = result.ok() ? QByteArray() : result.error().toLocal8Bit();
    return text.constData();
}

inline bool processExists(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno != ESRCH);
}

// One vde_plug on one switch port: frames written to its stdin enter the switch,
// frames the switch sends to the port come out of its stdout (2-byte length prefix each).
struct Plug
{
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();

    ~Plug()
    {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(3000);
        }
    }
    bool start(const QString &url)
    {
        process->start(QStringLiteral("vde_plug"), { url });
        return process->waitForStarted(3000);
    }
    void send(const QByteArray &frame)
    {
        const quint16 length = quint16(frame.size());
        QByteArray packet;
        packet.append(char(length >> 8)).append(char(length & 0xff)).append(frame); // vde_plug's stream framing
        process->write(packet);
        process->waitForBytesWritten(1000);
    }
    QByteArray received()
    {
        process->waitForReadyRead(50);
        return process->readAllStandardOutput();
    }
};

// A broadcast frame of the minimum Ethernet size (60 bytes), local experimental EtherType.
inline QByteArray broadcastFrame()
{
    QByteArray frame(6, char(0xff));
    frame += QByteArray::fromHex("525400000001") + QByteArray::fromHex("88b5") + QByteArray("mptcplab test");
    return frame.leftJustified(60, '\0');
}

inline const VdePortInfo *findPort(const QList<VdePortInfo> &ports, int port)
{
    for (const VdePortInfo &info : ports) {
        if (info.port == port)
            return &info;
    }
    return nullptr;
}

} // namespace mlab::test
