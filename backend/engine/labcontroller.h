#pragma once

#include "core/processes.h"
#include "core/result.h"
#include "core/transcript.h"
#include "engine/labstate.h"
#include "engine/runtimedir.h"
#include "lab/labmodel.h"
#include "ssh/sshconnection.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>

#include <memory>

namespace mlab {

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
    QString phase() const { return m_state.phase; }

    Status up();
    // Stops everything and removes the runtime directory. Returns problems it could not fix.
    QStringList down();
    // link: "NodeA:eth0" or a switch port number.
    Result<QString> breakLink(const QString &link);
    Result<QString> restoreLink(const QString &link);
    QJsonObject status();
    // How to reach a node over SSH, for work that must not hold up the lab
    // thread (a user's long-running command, samplers).
    Result<SshTarget> sshTarget(const QString &node) const;

Q_SIGNALS:
    void progress(const QString &message);
    void linkChanged(int port, bool broken);
    // Something the lab needs died on its own (switch, plug, sshd): the lab is damaged.
    void labDamaged(const QString &reason);
    // The lab is up: where telemetry can reach every node and the switch.
    void labReady(const QMap<QString, mlab::SshTarget> &nodes, const QString &switchManagementSocket);
    // down() is starting: stop everything that uses the lab (connect with a blocking connection).
    void labGoingDown();

private:
    Status bringUp();
    Status startSwitch();
    Status startManagementNetwork();
    Status startNodes();
    Status checkCabling();
    void writeKnownHosts();
    Status configureNodes();
    Result<int> portForLink(const QString &link) const;
    void saveState();
    void step(const QString &message);
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
    qint64 m_stepStartMs = 0;
};

} // namespace mlab
