#pragma once

#include "core/command.h"
#include "core/processes.h"
#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

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
    QString managementNetns; // where the engine reaches the nodes' management addresses from
};

// How the engine logs in to a node whose system has its own accounts (a VM on the user's own disk).
struct NodeLogin
{
    QString user;
    QString identityFile; // the engine's private copy of the user's key; empty = password only
    QString password;
};

// One lab node, whatever runs it (a set of namespaces, or a QEMU VM).
// start() brings the node to the point where its sshd answers on the
// management address, or for a node that boots, launches it and
// waitUntilReady() waits for that; all further configuration goes over SSH.
class NodeBackend
{
public:
    virtual ~NodeBackend() = default;

    virtual QString kind() const = 0;
    // Host-side commands start() runs, for --dry-run and the exported script.
    virtual QList<Command> plan() const = 0;
    virtual Status start(int timeoutMs) = 0;
    // For nodes that boot: the engine starts every node first, then waits for each, so VMs boot side by side.
    virtual Status waitUntilReady(int timeoutMs)
    {
        Q_UNUSED(timeoutMs);
        return {};
    }
    virtual void stop() = 0;

    // A node with a virtual cable of its own (a VM's NIC) can lose carrier from outside, without a command
    // inside it; false means an unplug is done inside the node over SSH.
    virtual bool hasVirtualCable() const { return false; }
    virtual Status setCarrier(const QString &ifname, bool up)
    {
        Q_UNUSED(up);
        return fail(QStringLiteral("%1: this node has no virtual cable to unplug").arg(ifname));
    }
    // What status shows beyond the lab file (e.g. a VM's accelerator).
    virtual QJsonObject statusDetails() const { return {}; }
    // Empty: root, with the lab's own client key.
    virtual std::optional<NodeLogin> ownLogin() const { return std::nullopt; }

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
