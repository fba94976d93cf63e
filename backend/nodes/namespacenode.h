#pragma once

#include "nodes/namespacehost.h"
#include "nodes/nodebackend.h"

#include <memory>

namespace mlab {

class SshdServer;

// A lab node on this machine in namespaces of its own: network (its
// interfaces are taps plugged into the switch), pid, mount and UTS (see
// NodeNamespaces). A real sshd, pid 1 of the node, listens on its management
// address. Starts in a few tens of milliseconds.
class NamespaceNode : public NodeBackend
{
public:
    explicit NamespaceNode(const NodeEnvironment &env);
    ~NamespaceNode() override;

    QString kind() const override { return QStringLiteral("namespace"); }
    QList<Command> plan() const override;
    Status start(int timeoutMs) override;
    void stop() override;
    QString hostKey() const override { return m_hostKey; }
    QString managementAddress() const override;
    QList<ProcessRecord> processes() const override;
    QStringList namespaces() const override { return { m_host.netnsName() }; }

private:
    QString hostKeyFile() const;
    QString stageDir() const;
    QString authorizedKeysWhy() const;
    QString sshdWhy() const;

    NodeEnvironment m_env;
    NamespaceHost m_host;
    std::unique_ptr<SshdServer> m_sshd;
    QString m_hostKey;
};

} // namespace mlab
