#include "engine/labcontroller.h"

#include "engine/nodesession.h"
#include "nodes/namespacehost.h"
#include "nodes/nodebackend.h"
#include "ssh/sshconnection.h"
#include "ssh/sshkeys.h"
#include "vde/vdemanagementclient.h"
#include "vde/vdeswitch.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QtConcurrent/QtConcurrentMap>

#include <unistd.h>

namespace mlab {

LabController::LabController(Lab lab, QObject *parent)
    : QObject(parent)
    , m_lab(std::move(lab))
    , m_dir(m_lab.name)
    , m_runner(&m_transcript)
    , m_processes(&m_transcript)
{
    m_state.lab = m_lab.name;
    m_state.labFile = m_lab.sourceFile;
    m_state.engine = { ::getpid(), processStartTime(::getpid()), QStringLiteral("engine") };
    m_state.phase = QStringLiteral("down");
    qRegisterMetaType<LabStep>();
    connect(&m_processes, &ProcessGroup::died, this, [this](const QString &, const QString &reason) {
        if (m_state.phase == QLatin1String("ready"))
            reportDamage(reason);
    });
}

LabController::~LabController()
{
    if (m_state.phase != QLatin1String("down"))
        down();
}

QString LabController::phase() const
{
    return m_state.phase == QLatin1String("ready") && !m_damage.isEmpty() ? QStringLiteral("damaged") : m_state.phase;
}

void LabController::setPhase(const QString &phase, const QString &reason)
{
    m_state.phase = phase;
    Q_EMIT phaseChanged(this->phase(), reason);
}

void LabController::reportDamage(const QString &reason)
{
    m_damage += (m_damage.isEmpty() ? QString() : QStringLiteral("; ")) + reason;
    m_transcript.record(QStringLiteral("host"), QStringLiteral("# damaged"), -1, reason);
    Q_EMIT labDamaged(reason);
    Q_EMIT phaseChanged(phase(), reason);
}

void LabController::emitStep(LabStep step)
{
    step.requestTag = m_requestTag;
    Q_EMIT stepChanged(step);
}

// Runs stages in order, each announced as a step; stops at the first failure and names the command that
// failed during it (from the transcript), so a client can show it with its output.
Status LabController::runStages(const QString &operation, const QList<Stage> &stages)
{
    for (int i = 0; i < stages.size(); ++i) {
        const Stage &stage = stages[i];
        LabStep step { {}, operation, stage.id, i + 1, int(stages.size()), QStringLiteral("running"), 0, {}, {}, {} };
        emitStep(step);
        QElapsedTimer clock;
        clock.start();
        const qint64 seqBefore = m_transcript.lastSeq();
        m_stepMessage.clear();
        const Status done = stage.run();
        step.durationMs = clock.elapsed();
        if (done) {
            step.state = QStringLiteral("done");
            step.message = m_stepMessage.isEmpty() ? stage.done : m_stepMessage;
            emitStep(step);
            continue;
        }
        step.state = QStringLiteral("failed");
        step.message = done.error();
        const QList<TranscriptEntry> during = m_transcript.entriesAfter(seqBefore, Transcript::DefaultKeep);
        for (auto it = during.crbegin(); it != during.crend(); ++it) {
            if (it->exitCode != 0) {
                step.command = it->command;
                step.output = it->output;
                break;
            }
        }
        emitStep(step);
        return done;
    }
    return {};
}

Status LabController::saveState()
{
    m_state.processes = m_processes.records();
    if (m_switch && m_switch->pid() > 0)
        m_state.processes << ProcessRecord { m_switch->pid(), processStartTime(m_switch->pid()),
            QStringLiteral("vde_switch") };
    for (const auto &node : std::as_const(m_nodes))
        m_state.processes += node->processes();
    Status saved = m_state.save(m_dir.stateFile());
    if (!saved && m_state.phase == QLatin1String("ready"))
        reportDamage(QStringLiteral("the crash-recovery record could not be saved (%1): if the engine dies now, "
                                    "`mptcplab-cli down` may not find everything")
                         .arg(saved.error()));
    return saved;
}

Status LabController::up(const QString &requestTag)
{
    if (m_state.phase == QLatin1String("ready"))
        return {};
    m_requestTag = requestTag;
    if (Status created = m_dir.create(); !created)
        return created;
    setPhase(QStringLiteral("starting"));
    Status started = m_transcript.setLogFile(m_dir.transcriptFile());
    if (started)
        started = saveState();
    if (started) {
        const auto stage = [this](Status (LabController::*run)()) { return [this, run] { return (this->*run)(); }; };
        started = runStages(QStringLiteral("up"),
            { { QStringLiteral("key"), QStringLiteral("the engine's SSH client key generated"),
                  stage(&LabController::makeClientKey) },
                { QStringLiteral("switch"), QStringLiteral("switch running with VLANs and ports configured"),
                    stage(&LabController::startSwitch) },
                { QStringLiteral("management"), QStringLiteral("management network up"),
                    stage(&LabController::startManagementNetwork) },
                { QStringLiteral("nodes"),
                    QStringLiteral("nodes running, sshd listening on their management addresses"),
                    stage(&LabController::startNodes) },
                { QStringLiteral("cabling"), QStringLiteral("every cable plugged into the right port and VLAN"),
                    stage(&LabController::checkCabling) },
                { QStringLiteral("configure"),
                    QStringLiteral("nodes configured over SSH and checked: addresses, routing, MPTCP"),
                    stage(&LabController::configureNodes) } });
    }
    if (started) {
        m_state.phase = QStringLiteral("ready");
        started = saveState();
    }
    if (!started) {
        down(requestTag);
        return started;
    }
    setPhase(QStringLiteral("ready"));
    Q_EMIT labReady(m_targets, m_switch->managementSocketPath());
    return {};
}

Status LabController::makeClientKey()
{
    Result<SshKeyPair> clientKey = generateEd25519Key(m_dir.clientKey(), QStringLiteral("mptcplab-%1").arg(m_lab.name));
    if (!clientKey)
        return fail(clientKey.error());
    // libssh made the key in-process: no command ran. The note shows students the equivalent command.
    m_transcript.record(QStringLiteral("host"),
        QStringLiteral("# client key %1 generated by the engine (by hand: ssh-keygen -q -t ed25519 -N '' -f %1)")
            .arg(m_dir.clientKey()),
        0, clientKey->fingerprint, QStringLiteral("the engine's SSH key for this lab"));
    return {};
}

Status LabController::startSwitch()
{
    m_switch = std::make_unique<VdeSwitch>();
    m_switch->management()->setTranscript([this](const QString &command, const QString &outcome) {
        // The reply's status line starts with its code: 1000 is success.
        const int code = outcome.section(QLatin1Char(' '), 0, 0).toInt();
        m_transcript.record(QStringLiteral("switch"), command, code == 1000 ? 0 : code, outcome);
    });
    connect(m_switch.get(), &VdeSwitch::died, this,
        [this](const QString &reason) { reportDamage(QStringLiteral("the VDE switch died: %1").arg(reason)); });
    if (Status started = m_switch->start(m_dir.switchDir(), m_lab.switchSpec.ports); !started)
        return started;
    const Command switchCommand { QStringLiteral("host"),
        QStringList { QStringLiteral("vde_switch") } + VdeSwitch::arguments(m_dir.switchDir(), m_lab.switchSpec.ports),
        {} };
    m_transcript.record(QStringLiteral("host"), switchCommand.toShell() + QStringLiteral(" &"), 0,
        QStringLiteral("pid %1").arg(m_switch->pid()), QStringLiteral("the lab's switch"));
    if (Status saved = saveState(); !saved)
        return saved;
    QMap<int, int> portVlan;
    for (int port : m_lab.usedPorts())
        portVlan.insert(port, m_lab.vlanOfPort(port).value_or(0));
    if (Status laidOut = m_switch->applyLayout(m_lab.switchSpec.vlans, portVlan); !laidOut)
        return laidOut;
    return {};
}

Status LabController::startManagementNetwork()
{
    const ManagementSpec &mgmt = m_lab.management;
    m_management = std::make_unique<NamespaceHost>(QStringLiteral("management host"), m_dir.managementNetns(),
        m_switch->dataSocketPath(), QList<WiredTap> { { mgmt.hostTap, QString(), mgmt.hostPort, mgmt.hostAddress } });
    m_state.namespaces << m_dir.managementNetns();
    if (Status saved = saveState(); !saved)
        return saved;
    Status started = m_management->start(m_runner, m_processes);
    if (Status saved = saveState(); !saved)
        return saved;
    m_stepMessage
        = QStringLiteral("management network %1 up in namespace %2").arg(mgmt.hostAddress, m_dir.managementNetns());
    return started;
}

Status LabController::startNodes()
{
    for (const NodeSpec &spec : m_lab.nodes) {
        NodeEnvironment env { &m_lab, &spec, m_dir.netnsName(spec.name), m_switch->dataSocketPath(),
            m_dir.nodeDir(spec.name), m_dir.clientKey() + QStringLiteral(".pub"), &m_transcript, &m_runner,
            &m_processes, m_dir.managementNetns() };
        Result<std::unique_ptr<NodeBackend>> created = createNodeBackend(env);
        if (!created)
            return fail(created.error());
        std::shared_ptr<NodeBackend> node = std::move(created).value();
        m_nodes.insert(spec.name, node);
        m_state.namespaces += node->namespaces();
        if (Status saved = saveState(); !saved)
            return saved;
    }
    // sshd startup (a VM's boot) dominates; start all nodes before waiting for any.
    QList<std::shared_ptr<NodeBackend>> nodes = m_nodes.values();
    QStringList errors;
    for (const auto &node : nodes) {
        if (Status started = node->start(5000); !started)
            errors << started.error();
    }
    if (Status saved = saveState(); !saved)
        errors << saved.error();
    for (const NodeSpec &spec : m_lab.nodes) {
        const int timeoutMs = spec.kind == QLatin1String("qemu") ? spec.qemu.bootTimeoutSeconds * 1000 : 5000;
        if (Status ready = errors.isEmpty() ? m_nodes.value(spec.name)->waitUntilReady(timeoutMs) : Status(); !ready)
            errors << ready.error();
    }
    if (Status saved = saveState(); !saved)
        errors << saved.error();
    if (!errors.isEmpty())
        return fail(errors.join(QLatin1Char('\n')));
    if (Status written = writeKnownHosts(); !written)
        return written;
    m_stepMessage = QStringLiteral("%1 nodes running, sshd listening on their management addresses").arg(nodes.size());
    return {};
}

// For students who ssh to a node by hand (and the exported script): the pinned keys.
Status LabController::writeKnownHosts()
{
    QByteArray lines;
    for (const auto &node : std::as_const(m_nodes))
        lines += (node->managementAddress() + QLatin1Char(' ') + node->hostKey() + QLatin1Char('\n')).toUtf8();
    QFile file(m_dir.keysDir() + QStringLiteral("/known_hosts"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(lines) != lines.size() || !file.flush())
        return fail(QStringLiteral("cannot write %1 (students' ssh to the nodes needs it): %2")
                        .arg(file.fileName(), file.errorString()));
    return {};
}

Status LabController::checkCabling()
{
    Result<QList<VdePortInfo>> ports = m_switch->management()->portCounters();
    if (!ports)
        return fail(ports.error());
    for (int port : m_lab.usedPorts()) {
        const auto found
            = std::find_if(ports->cbegin(), ports->cend(), [port](const VdePortInfo &p) { return p.port == port; });
        if (found == ports->cend() || !found->active)
            return fail(
                QStringLiteral("switch port %1 has nothing plugged in: its vde_plug2tap did not connect (see %2)")
                    .arg(port)
                    .arg(m_dir.transcriptFile()));
        if (found->untaggedVlan != m_lab.vlanOfPort(port).value_or(-1))
            return fail(QStringLiteral("switch port %1 is on VLAN %2, expected %3")
                            .arg(port)
                            .arg(found->untaggedVlan)
                            .arg(*m_lab.vlanOfPort(port)));
    }
    return {};
}

Status LabController::configureNodes()
{
    for (const NodeSpec &spec : m_lab.nodes)
        m_sessions.insert(spec.name, std::make_shared<NodeSession>(m_lab, spec, &m_transcript));
    // Nodes are independent: configure them in parallel, one thread each.
    for (const NodeSpec &spec : m_lab.nodes) {
        SshTarget target;
        target.label = spec.name;
        target.host = m_nodes.value(spec.name)->managementAddress();
        target.identityFile = m_dir.clientKey();
        if (const std::optional<NodeLogin> own = m_nodes.value(spec.name)->ownLogin()) {
            target.user = own->user;
            target.identityFile = own->identityFile;
            target.password = own->password;
        }
        target.pinnedHostKey = m_nodes.value(spec.name)->hostKey();
        target.netnsPath = RuntimeDir::netnsPath(m_dir.managementNetns());
        m_targets.insert(spec.name, target);
    }
    QList<Status> results = QtConcurrent::blockingMapped(m_lab.nodes, [&](const NodeSpec &spec) -> Status {
        NodeSession *session = m_sessions.value(spec.name).get();
        if (Status connected = session->connect(m_targets.value(spec.name)); !connected)
            return connected;
        return session->configure();
    });
    QStringList errors;
    for (const Status &result : results) {
        if (!result)
            errors << result.error();
    }
    if (!errors.isEmpty())
        return fail(errors.join(QLatin1Char('\n')));
    return {};
}

TeardownReport LabController::down(const QString &requestTag)
{
    if (m_state.phase == QLatin1String("down"))
        return {};
    m_requestTag = requestTag;
    setPhase(QStringLiteral("stopping"));
    if (m_dir.exists())
        (void)saveState(); // best effort: what follows removes what the record names anyway
    TeardownReport report;
    // Every stage runs whatever the one before it managed: down always removes all it can.
    const QList<Stage> stages {
        { QStringLiteral("telemetry"), QStringLiteral("samplers stopped"),
            [this] {
                Q_EMIT labGoingDown();
                return Status();
            } },
        { QStringLiteral("nodes"), QStringLiteral("nodes and cables stopped"),
            [this] {
                m_sessions.clear();
                m_targets.clear();
                for (const auto &node : std::as_const(m_nodes))
                    node->stop();
                m_nodes.clear();
                m_processes.stopAll(300);
                return Status();
            } },
        { QStringLiteral("switch"), QStringLiteral("switch stopped"),
            [this] {
                if (m_switch)
                    m_switch->stop(300);
                m_switch.reset();
                m_management.reset();
                return Status();
            } },
        { QStringLiteral("leftovers"), QStringLiteral("namespaces and runtime directory removed"),
            [this, &report] {
                report = removeLabLeftovers(m_dir, m_state.namespaces);
                if (!report.killed.isEmpty())
                    m_stepMessage = QStringLiteral("namespaces and runtime directory removed; %1 process(es) left "
                                                   "inside the lab had to be killed: %2")
                                        .arg(report.killed.size())
                                        .arg(report.killed.join(QStringLiteral(", ")));
                if (!report.problems.isEmpty())
                    return Status(fail(report.problems.join(QStringLiteral("; "))));
                return Status();
            } },
    };
    (void)runStages(QStringLiteral("down"), stages); // its only failure is in report.problems
    m_state.namespaces.clear();
    m_state.brokenPorts.clear();
    m_damage.clear();
    setPhase(QStringLiteral("down"), report.problems.join(QStringLiteral("; ")));
    return report;
}

Result<SshTarget> LabController::sshTarget(const QString &node) const
{
    if (m_state.phase != QLatin1String("ready") || !m_targets.contains(node)) {
        QStringList names;
        for (const NodeSpec &spec : m_lab.nodes)
            names << spec.name;
        return fail(QStringLiteral("no running node \"%1\" in lab %2 (it is %3; nodes: %4)")
                        .arg(node, m_lab.name, m_state.phase, names.join(QStringLiteral(", "))));
    }
    return m_targets.value(node);
}

} // namespace mlab
