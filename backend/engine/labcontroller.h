#pragma once

#include "core/command.h"
#include "core/processes.h"
#include "core/result.h"
#include "core/transcript.h"
#include "engine/labstate.h"
#include "engine/labteardown.h"
#include "engine/runtimedir.h"
#include "lab/labmodel.h"
#include "ssh/sshconnection.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>

#include <functional>
#include <memory>

namespace mlab {

// One step of up or down, as clients show it: "3/6 nodes: running (412 ms)".
struct LabStep
{
    QString requestTag; // which request started the operation (set by the caller of up/down)
    QString operation; // "up" or "down"
    QString id; // "switch", "nodes", ...
    int index = 0; // 1-based
    int total = 0;
    QString state; // "running", "done", "failed"
    qint64 durationMs = 0;
    QString message;
    QString command; // when failed: the last command that failed, and its output
    QString output;
};

class NamespaceHost;
class NodeBackend;
class NodeSession;
class VdeSwitch;

// Holds one running lab: brings it up, breaks and restores links, reports
// its status, and tears it all down. Blocking methods: it lives on the
// engine's lab thread, never on a GUI thread.
class LabController : public QObject
{
    Q_OBJECT
public:
    explicit LabController(Lab lab, QObject *parent = nullptr);
    ~LabController() override;

    const Lab &lab() const { return m_lab; }
    const RuntimeDir &runtimeDir() const { return m_dir; }
    Transcript *transcript() { return &m_transcript; }
    // "starting", "ready", "stopping", "down", or "damaged" (ready, but something it needs died).
    QString phase() const;

    // requestTag is copied into every step, so a server can tell whose operation a step belongs to.
    Status up(const QString &requestTag = {});
    // Stops everything and removes the runtime directory; returns only when no process is left in any of
    // the lab's namespaces. The report lists what it had to kill and what it could not remove.
    TeardownReport down(const QString &requestTag = {});
    // The switch port behind link ("NodeA:eth0" or a port number); refuses unknown links and the management
    // network (breaking it would cut the engine off from the nodes), and for an unplug a port with no node
    // interface on it (there is nothing to take down). Safe from any thread.
    static Result<int> portForLink(const Lab &lab, const QString &link, BreakMode mode = BreakMode::Cut);
    // link: "NodeA:eth0" or a switch port number. mode: "cut" (default; the port moves to the dead VLAN) or
    // "unplug" (the node takes the interface down: `ip link set dev IF down`, run over its SSH session). A link
    // already broken the same way is left alone, and said so; another mode is refused until it is restored.
    Result<QString> breakLink(const QString &link, const QString &mode = QStringLiteral("cut"));
    // Undoes whatever the link was broken with: the port back on its VLAN, or the interface up again and the
    // node's routing re-applied (taking it down deleted every route through it).
    Result<QString> restoreLink(const QString &link);
    QJsonObject status();
    // How to reach a node over SSH, for work that must not hold up the lab
    // thread (a user's long-running command, samplers).
    Result<SshTarget> sshTarget(const QString &node) const;

Q_SIGNALS:
    void stepChanged(const mlab::LabStep &step);
    void phaseChanged(const QString &phase, const QString &reason);
    // mode: how the link is (or was, when restored) broken: "cut" or "unplug".
    void linkChanged(int port, bool broken, const QString &mode);
    // Something the lab needs died on its own (switch, plug, sshd): the lab is damaged.
    void labDamaged(const QString &reason);
    // The lab is up: where telemetry can reach every node and the switch.
    void labReady(const QMap<QString, mlab::SshTarget> &nodes, const QString &switchManagementSocket);
    // down() is starting: stop everything that uses the lab (connect with a blocking connection).
    void labGoingDown();

private:
    struct Stage
    {
        QString id;
        QString done; // what the step says once it succeeded
        std::function<Status()> run;
    };
    Status runStages(const QString &operation, const QList<Stage> &stages);
    void emitStep(LabStep step);
    void setPhase(const QString &phase, const QString &reason = {});
    Status makeClientKey();
    Status startSwitch();
    Status startManagementNetwork();
    Status startNodes();
    Status checkCabling();
    Status writeKnownHosts();
    Status configureNodes();
    // Runs commands on a node over the session that configured it, so each is in the transcript with its reason.
    Status runOnNode(const QString &node, const QList<Command> &commands);
    // The crash-recovery record: a lab whose state cannot be saved could not be cleaned up after a crash.
    Status saveState();
    void reportDamage(const QString &reason);

    Lab m_lab;
    RuntimeDir m_dir;
    Transcript m_transcript;
    HostRunner m_runner;
    ProcessGroup m_processes;
    LabState m_state;
    std::unique_ptr<VdeSwitch> m_switch;
    std::unique_ptr<NamespaceHost> m_management;
    QMap<QString, std::shared_ptr<NodeBackend>> m_nodes;
    QMap<QString, std::shared_ptr<NodeSession>> m_sessions;
    QMap<QString, SshTarget> m_targets;
    QString m_damage; // why the running lab is no longer whole, for status
    QString m_requestTag; // of the up or down running now
    QString m_stepMessage; // set by a stage to say what it did, e.g. "2 nodes running"
};

} // namespace mlab

Q_DECLARE_METATYPE(mlab::LabStep)
