#pragma once

#include "core/command.h"
#include "core/processes.h"
#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace mlab {

struct Lab;
struct NodeSpec;
class HostRunner;
class ProcessGroup;
class Transcript;

// Everything a node backend needs from the engine.
struct NodeEnvironment
{
    const Lab *lab = nullptr;
    const NodeSpec *node = nullptr;
    QString netnsName; // for namespace nodes
    QString switchDir; // vde_switch data socket directory
    QString workDir; // private per-node directory (configs, host key), 0700
    QString clientPublicKeyFile; // the lab's client key, authorised for root on the node
    Transcript *transcript = nullptr;
    HostRunner *runner = nullptr;
    ProcessGroup *processes = nullptr;
};

// One lab node, whatever runs it (network namespace now, QEMU VM later).
// start() brings the node to the point where its sshd answers on the
// management address; all further configuration goes over SSH.
class NodeBackend
{
public:
    virtual ~NodeBackend() = default;

    virtual QString kind() const = 0;
    // Host-side commands start() runs, for --dry-run and the exported script.
    virtual QList<Command> plan() const = 0;
    virtual Status start(int timeoutMs) = 0;
    virtual void stop() = 0;

    // The node's SSH host key as an OpenSSH public key line: the engine pins it.
    virtual QString hostKey() const = 0;
    virtual QString managementAddress() const = 0;
    // What must be removed if the engine dies: for the lab state file.
    virtual QList<ProcessRecord> processes() const = 0;
    virtual QStringList namespaces() const = 0;
};

// The backend for env.node->kind; fails with a message for a kind this build cannot run.
Result<std::unique_ptr<NodeBackend>> createNodeBackend(const NodeEnvironment &env);

} // namespace mlab
