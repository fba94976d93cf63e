#pragma once

#include "core/command.h"
#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
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
    Result<QByteArray> run(const Command &command, int timeoutMs = 5000);
    // Runs commands in order in ONE remote shell (one SSH round trip instead of
    // one per command), stopping at the first failure that is not mayFail.
    // Each command still gets its own transcript entry with its exit status
    // and output; returns the outputs in order.
    Result<QList<QByteArray>> runBatch(const QList<Command> &commands, int timeoutMs = 10000);
    // A command typed by a user (exec): output is returned even when it fails.
    Result<QByteArray> runText(const QString &commandLine, int timeoutMs, int *exitStatus, const QString &why = {});

private:
    const Lab &m_lab;
    const NodeSpec &m_node;
    Transcript *m_transcript;
    std::unique_ptr<SshConnection> m_ssh;
};

// Runs a user's command line on a node over a connection of its own, and
// records it in the transcript. Returns {"exitStatus", "output"}.
Result<QJsonObject> runUserCommand(
    const SshTarget &target, const QString &commandLine, int timeoutMs, Transcript *transcript);

} // namespace mlab
