#pragma once

#include "core/result.h"
#include "lab/labmodel.h"
#include "traffic/trafficplan.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace mlab {

class NodeRunner;

// Runs the lab's traffic plan through a NodeRunner: the server in the foreground on its node, then the client
// for the run's duration. The client starts when the server prints a line saying it is listening (iperf 2 does
// at once) or after listenWaitMs (iperf3 3.12 buffers its output when it is not on a terminal, so it may print
// nothing). When the client ends, the server is stopped; when either fails, the other is stopped and the state
// is "failed" with a reason naming the node, the command, the exit status and the last output lines.
// For an iperf3 plan the nodes are asked `iperf3 --version` once: iperf3 3.19+ speaks MPTCP itself (-m),
// older ones run under the plan's wrapper (mptcpize).
class TrafficRunner : public QObject
{
    Q_OBJECT

public:
    TrafficRunner(const Lab &lab, NodeRunner *runner, QObject *parent = nullptr);
    ~TrafficRunner() override;

    // Refused while a run is starting, running or stopping, when the lab has no traffic plan and for a
    // duration outside 1..86400 s. Never blocks: the state follows through stateChanged.
    Status start(int durationSeconds);
    // Stops whatever runs; the state goes to "stopping", then "finished". Harmless when nothing runs.
    void stop();

    // {state: "idle"|"starting"|"running"|"stopping"|"finished"|"failed", serverNode, clientNode, server, client
    // (command lines), startedAtMs (CLOCK_MONOTONIC ms of the accepted start(), 0 before), durationS, reason}
    QJsonObject state() const;
    bool isActive() const; // starting, running or stopping

    // How long the server may stay silent before the client starts anyway (default 1000 ms).
    void setListenWaitMs(int ms);

Q_SIGNALS:
    void stateChanged(const QJsonObject &state);
    // Each output line of the client (iperf's interval reports; its error messages too).
    void clientLine(const QByteArray &line);

private:
    enum class Phase { Idle, Probing, StartingServer, Running, Stopping, Finished, Failed };
    enum class Kind { Server, Client, Probe };
    struct Process
    {
        Process() = default;
        Process(Kind kind, QString role, QString node, QString command)
            : kind(kind)
            , role(std::move(role))
            , node(std::move(node))
            , command(std::move(command))
        { }

        Kind kind = Kind::Server;
        QString role; // for a person: "traffic server", "traffic client", "iperf3 probe"
        QString node;
        QString command;
        quint64 handle = 0;
        bool active = false;
        bool stopSent = false;
        QStringList output; // every line of a probe; the last lines of the others
    };

    void launch(Process &process, int index);
    void onLine(Kind kind, int index, const QByteArray &line);
    void onEnd(Kind kind, int index, int exitStatus, const QString &error);
    void startProbes();
    void startServer();
    void startClient();
    void beginStop(Phase outcome, const QString &reason);
    void finishIfStopped();
    void forceFinish();
    void updateCommands();
    void setPhase(Phase phase);
    Process *process(Kind kind, int index);
    QList<Process *> activeProcesses();
    static QString describeEnd(const Process &process, int exitStatus, const QString &error);
    static QString phaseName(Phase phase);

    TrafficSpec m_plan;
    QString m_labName;
    QString m_labFile;
    NodeRunner *m_runner;
    Phase m_phase = Phase::Idle;
    Phase m_outcome = Phase::Finished; // where Stopping ends
    quint64 m_generation = 0; // handlers of an earlier run are ignored
    int m_durationS = 0;
    qint64 m_startedAtMs = 0;
    QString m_reason;
    TrafficCommands m_commands;
    QHash<QString, bool> m_nativeMptcp; // node -> its iperf3 has -m; asked once per runner
    QList<Process> m_probes;
    Process m_server;
    Process m_client;
    bool m_clientFailed = false; // iperf 2 exits 0 when it cannot connect: its output says so
    int m_listenWaitMs = 1000;
    QTimer m_listenTimer;
    QTimer m_watchdog; // the client's -t plus a margin, the probes' answer, a stop's end
};

} // namespace mlab
