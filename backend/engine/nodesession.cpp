#include "engine/nodesession.h"

#include "core/transcript.h"
#include "lab/labmodel.h"
#include "mptcp/kernelendpoints.h"
#include "mptcp/mptcpprofile.h"
#include "mptcp/nodecommand.h"
#include "mptcp/nodeconfig.h"
#include "ssh/sshconnection.h"

#include <QRandomGenerator>

namespace mlab {

NodeSession::NodeSession(const Lab &lab, const NodeSpec &node, Transcript *transcript)
    : m_lab(lab)
    , m_node(node)
    , m_transcript(transcript)
{ }

NodeSession::~NodeSession() = default;

Status NodeSession::connect(const SshTarget &target)
{
    m_ssh = std::make_unique<SshConnection>(target);
    return m_ssh->connect();
}

// Marks the start and end of each command's output in a batch; the random
// tag keeps a command's own output from being mistaken for a marker.
static QByteArray batchMarker()
{
    return "@@mptcplab-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

Result<QList<QByteArray>> NodeSession::runBatch(const QList<Command> &commands, int timeoutMs)
{
    if (!m_ssh)
        return fail(QStringLiteral("%1: not connected").arg(m_node.name));
    const QByteArray marker = batchMarker();
    QByteArray script;
    for (qsizetype i = 0; i < commands.size(); ++i) {
        const Command &command = commands[i];
        script += "echo " + marker + " begin; " + command.toShell().toUtf8() + " 2>&1; rc=$?; echo; echo " + marker
            + " end $rc; ";
        if (!command.mayFail)
            script += "[ $rc -eq 0 ] || exit 0; ";
    }
    Result<CommandOutput> ran = m_ssh->run(QString::fromUtf8(script), timeoutMs);
    if (!ran) {
        m_transcript->record(m_node.name, commands.value(0).toShell(), -1, ran.error(), commands.value(0).why);
        return fail(ran.error());
    }
    // Output looks like: MARKER begin \n ...output... \n MARKER end RC \n, per command run.
    QList<QByteArray> outputs;
    const QList<QByteArray> chunks = ran->stdOut.split('\n');
    QByteArray current;
    bool inside = false;
    for (const QByteArray &line : chunks) {
        if (line == QByteArray(marker + " begin")) {
            inside = true;
            current.clear();
        } else if (inside && line.startsWith(QByteArray(marker + " end "))) {
            inside = false;
            const int index = int(outputs.size());
            const int rc = line.mid(marker.size() + 5).toInt();
            const Command &command = commands[index];
            const QByteArray output = current.trimmed();
            m_transcript->record(m_node.name, command.toShell(), rc, QString::fromUtf8(output), command.why);
            outputs << output;
            if (rc != 0 && !command.mayFail)
                return fail(QStringLiteral("%1: \"%2\" failed (exit %3): %4")
                                .arg(m_node.name, command.toShell())
                                .arg(rc)
                                .arg(QString::fromUtf8(output)));
        } else if (inside) {
            current += line + '\n';
        }
    }
    if (outputs.size() != commands.size())
        return fail(QStringLiteral("%1: the batch of %2 commands stopped after %3 (%4)")
                        .arg(m_node.name)
                        .arg(commands.size())
                        .arg(outputs.size())
                        .arg(QString::fromUtf8(ran->stdErr.trimmed())));
    return outputs;
}

Status NodeSession::configure()
{
    const MptcpProfile *profile = mptcpProfile(m_node.mptcp.profile);
    if (!profile)
        return fail(QStringLiteral("%1: unknown MPTCP profile \"%2\"").arg(m_node.name, m_node.mptcp.profile));
    // The same lab file on another kernel (a VM's, not the host's) may need another endpoint set.
    NodeSpec node = m_node;
    if (profile->name() == QLatin1String("upstream")) {
        const Command uname = nodeCommand(m_node.name, { QStringLiteral("uname"), QStringLiteral("-r") },
            QStringLiteral("which kernel: the MPTCP endpoints that work depend on it"));
        Result<QList<QByteArray>> release = runBatch({ uname });
        if (!release)
            return fail(release.error());
        EndpointChoice choice = endpointsForKernel(m_node, QString::fromUtf8(release->value(0)).trimmed());
        if (!choice.note.isEmpty())
            m_transcript->record(m_node.name, QStringLiteral("# MPTCP endpoints chosen for this kernel"), 0,
                choice.note, QStringLiteral("the MPTCP profile adapts the lab file's endpoints to the node's kernel"));
        node = std::move(choice.node);
    }
    const QList<Command> setup = networkCommands(m_lab, node) + profile->configure(m_lab, node);
    const QList<Command> inspect = profile->inspect(node);
    Result<QList<QByteArray>> ran = runBatch(setup + inspect);
    if (!ran)
        return fail(ran.error());
    const QList<QByteArray> outputs = ran->mid(setup.size());
    return profile->check(node, outputs);
}

} // namespace mlab
