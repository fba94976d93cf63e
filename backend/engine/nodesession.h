#pragma once

#include "core/command.h"
#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace mlab {

struct Lab;
struct NodeSpec;
struct SshTarget;
class SshConnection;
class Transcript;

// The engine's SSH link to one node: runs lab commands, records each in the
// transcript, and applies the node's configuration from the lab file.
// Blocking; used from the lab thread or one worker thread per node.
class NodeSession
{
public:
    NodeSession(const Lab &lab, const NodeSpec &node, Transcript *transcript);
    ~NodeSession();

    Status connect(const SshTarget &target);
    // Addresses, shaping, routing and MPTCP, then a check of the result.
    Status configure();
    // Runs commands in order in ONE remote shell (one SSH round trip instead of
    // one per command), stopping at the first failure that is not mayFail.
    // Each command still gets its own transcript entry with its exit status
    // and output; returns the outputs in order.
    Result<QList<QByteArray>> runBatch(const QList<Command> &commands, int timeoutMs = 10000);

private:
    const Lab &m_lab;
    const NodeSpec &m_node;
    Transcript *m_transcript;
    std::unique_ptr<SshConnection> m_ssh;
};

} // namespace mlab
