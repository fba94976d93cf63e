#include "engine/enginestarter.h"

#include "engine/apiprotocol.h"
#include "engine/engineconnection.h"
#include "engine/runtimedir.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>

#include <unistd.h>

namespace mlab {

namespace {

// pkexec's own exit statuses (pkexec(1)): the program it runs never got to start.
constexpr int kPkexecDismissed = 126;
constexpr int kPkexecNotAuthorized = 127;
constexpr int kRetryMs = 100;

} // namespace

Result<EngineStarter::Method> EngineStarter::chooseMethod(const Environment &environment)
{
    if (environment.root)
        return Method::AsRoot;
    if (environment.pkexecInstalled && environment.policyInstalled)
        return Method::Pkexec;
    if (environment.sudoWorks)
        return Method::Sudo;

    QStringList missing;
    if (!environment.pkexecInstalled)
        missing << tr("pkexec is not installed");
    if (!environment.policyInstalled)
        missing << tr("MPTCP Lab's polkit policy is not installed (%1)").arg(installedPolicyFile());
    missing << tr("sudo -n cannot run mptcplab-cli serve without a password");
    const QString policy = tr("MPTCP Lab's polkit policy (sudo cmake --install build, from a build configured "
                              "with -DCMAKE_INSTALL_PREFIX=/usr: polkit reads policies only from /usr/share)");
    QString pkexecFix;
    if (!environment.pkexecInstalled && !environment.policyInstalled)
        pkexecFix = tr("install pkexec (apt-get install pkexec) and %1").arg(policy);
    else if (!environment.pkexecInstalled)
        pkexecFix = tr("install pkexec (apt-get install pkexec)");
    else
        pkexecFix = tr("install %1").arg(policy);
    //: %1: what is missing, e.g. "pkexec is not installed; sudo -n cannot ..."; %2: how to install pkexec and/or
    //: the policy.
    return fail(tr("it needs root, and neither pkexec nor sudo can give it to this program: %1. Do one of these: "
                   "%2, then try again (an administrator's password will be asked for); or run "
                   "`sudo mptcplab-cli up`; or let yourself run mptcplab-cli serve with sudo without a password "
                   "(see docs/engine-start.md)")
                    .arg(missing.join(QStringLiteral("; ")), pkexecFix));
}

QString EngineStarter::installedPolicyFile()
{
    return QStringLiteral("/usr/share/polkit-1/actions/org.mptcplab.engine.policy");
}

EngineStarter::Tools EngineStarter::systemTools()
{
    Tools tools;
    tools.root = ::geteuid() == 0;
    tools.pkexec = QStandardPaths::findExecutable(QStringLiteral("pkexec"));
    tools.sudo = QStandardPaths::findExecutable(QStringLiteral("sudo"));
    tools.policyFile = installedPolicyFile();
    return tools;
}

EngineStarter::EngineStarter(const QString &cliProgram, QObject *parent)
    : QObject(parent)
    , m_cli(cliProgram)
    , m_tools(systemTools())
{
    m_deadline.setSingleShot(true);
    m_retry.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        switch (m_phase) {
        case Phase::CheckingSudo:
            abandonProcess();
            decide(false);
            return;
        case Phase::Launching:
            abandonProcess();
            finish(m_method == Method::Pkexec
                    ? tr("the engine of lab %1 was not started: pkexec had no answer within %2 s (if a password "
                         "dialog is still open, close it and try again)")
                          .arg(m_labName)
                          .arg(m_tools.authTimeoutMs / 1000.0)
                    : tr("the engine of lab %1 did not start within %2 s (%3); its log is %4")
                          .arg(m_labName)
                          .arg(m_tools.startTimeoutMs / 1000.0)
                          .arg(methodName(), RuntimeDir(m_labName).engineLog()));
            return;
        case Phase::Connecting:
            finish(tr("the engine of lab %1 did not answer on %2 within %3 s; its log is %4")
                       .arg(m_labName, m_socket)
                       .arg(m_tools.startTimeoutMs / 1000.0)
                       .arg(RuntimeDir(m_labName).engineLog()));
            return;
        case Phase::Idle:
        case Phase::Probing:
            return;
        }
    });
    connect(&m_retry, &QTimer::timeout, this, &EngineStarter::connectToEngine);
}

EngineStarter::~EngineStarter()
{
    abandonProcess();
}

void EngineStarter::start(const Lab &lab)
{
    if (m_busy)
        return;
    m_busy = true;
    m_labName = lab.name;
    m_labFile = lab.sourceFile;
    m_socket = RuntimeDir(lab.name).apiSocket();
    m_refusal.clear();
    m_phase = Phase::Probing;
    const int generation = ++m_generation;
    // Signals only from the event loop, never from inside start().
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == m_generation)
            probeRunningEngine();
    });
}

void EngineStarter::cancel()
{
    if (!m_busy)
        return;
    ++m_generation;
    m_deadline.stop();
    m_retry.stop();
    abandonProcess();
    dropConnection();
    m_busy = false;
    m_phase = Phase::Idle;
}

void EngineStarter::probeRunningEngine()
{
    // An engine that answers is the lab's, whoever started it; one that refuses us belongs to someone else.
    EngineConnection *connection = newConnection();
    connect(connection, &EngineConnection::ready, this, [this, connection] {
        connection->deleteLater();
        Q_EMIT progress(tr("lab %1 already has an engine answering on %2").arg(m_labName, m_socket));
        finish();
    });
    connect(connection, &EngineConnection::failed, this, [this, connection] {
        connection->disconnect(this);
        connection->deleteLater();
        if (!m_refusal.isEmpty()) {
            finish(tr("lab %1 is already running for another user (%2); it must be taken down first")
                       .arg(m_labName, m_refusal));
            return;
        }
        decide(false);
    });
    connection->connectToEngine(m_socket, QStringLiteral("mptcplab-starter"));
}

void EngineStarter::decide(bool sudoWorks)
{
    const bool pkexecInstalled = !m_tools.pkexec.isEmpty();
    const bool policyInstalled = QFile::exists(m_tools.policyFile);
    const bool pkexecWays = pkexecInstalled && policyInstalled;
    if (!m_tools.root && !pkexecWays && m_phase != Phase::CheckingSudo && !m_tools.sudo.isEmpty()) {
        checkSudo();
        return;
    }
    const Result<Method> method = chooseMethod({ m_tools.root, pkexecInstalled, policyInstalled, sudoWorks });
    if (!method) {
        finish(tr("cannot start the engine of lab %1: %2").arg(m_labName, method.error()));
        return;
    }
    launch(*method);
}

void EngineStarter::checkSudo()
{
    // The very command it will run: a sudoers rule may allow only `mptcplab-cli serve ...`, not `sudo true`.
    m_phase = Phase::CheckingSudo;
    auto *process = new QProcess(this);
    m_process = process;
    process->setProgram(m_tools.sudo);
    process->setArguments(QStringList { QStringLiteral("-n"), QStringLiteral("-l"), m_cli } + serveArguments());
    process->setStandardInputFile(QProcess::nullDevice());
    connect(process, &QProcess::finished, this, [this, process](int exitCode, QProcess::ExitStatus status) {
        m_deadline.stop();
        process->deleteLater();
        decide(status == QProcess::NormalExit && exitCode == 0);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_deadline.stop();
        process->deleteLater();
        decide(false);
    });
    m_deadline.start(m_tools.probeTimeoutMs);
    process->start();
}

void EngineStarter::launch(Method method)
{
    m_method = method;
    m_phase = Phase::Launching;
    auto *process = new QProcess(this);
    m_process = process;
    int timeoutMs = m_tools.startTimeoutMs;
    switch (method) {
    case Method::AsRoot:
        process->setProgram(m_cli);
        process->setArguments(serveArguments());
        Q_EMIT progress(tr("starting the engine of lab %1 (%2 serve)").arg(m_labName, m_cli));
        break;
    case Method::Pkexec:
        process->setProgram(m_tools.pkexec);
        process->setArguments(QStringList { m_cli } + serveArguments());
        timeoutMs = m_tools.authTimeoutMs;
        Q_EMIT progress(tr("starting the engine of lab %1 with pkexec: an administrator's password may be asked "
                           "for (waiting up to %2 s)")
                            .arg(m_labName)
                            .arg(timeoutMs / 1000.0));
        break;
    case Method::Sudo:
        process->setProgram(m_tools.sudo);
        process->setArguments(QStringList { QStringLiteral("-n"), m_cli } + serveArguments());
        Q_EMIT progress(tr("starting the engine of lab %1 with sudo -n").arg(m_labName));
        break;
    }
    // pkexec's text agent, when no desktop agent runs, talks to the terminal itself (/dev/tty), not stdin.
    process->setStandardInputFile(QProcess::nullDevice());
    connect(process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        launchFinished(exitCode, status != QProcess::NormalExit);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        finish(tr("cannot start the engine of lab %1: cannot run %2: %3")
                   .arg(m_labName, process->program(), process->errorString()));
    });
    m_deadline.start(timeoutMs);
    process->start();
}

void EngineStarter::launchFinished(int exitCode, bool crashed)
{
    m_deadline.stop();
    const QString output = processOutput();
    if (crashed) {
        finish(tr("the engine of lab %1 was not started: %2 was killed while starting it%3")
                   .arg(m_labName, methodName(), output.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(output)));
        return;
    }
    if (m_method == Method::Pkexec && exitCode == kPkexecDismissed) {
        finish(tr("the engine of lab %1 was not started: the password dialog was dismissed").arg(m_labName));
        return;
    }
    if (m_method == Method::Pkexec && exitCode == kPkexecNotAuthorized) {
        const QString hint = output.contains(QLatin1String("authentication agent"), Qt::CaseInsensitive)
            ? tr(" No polkit authentication agent runs in this session to ask for a password: run "
                 "`sudo mptcplab-cli up` instead.")
            : QString();
        finish(tr("the engine of lab %1 was not started: pkexec did not authorize it (%2).%3")
                   .arg(m_labName, output.isEmpty() ? tr("not authorized") : output, hint));
        return;
    }
    if (exitCode != 0) {
        finish(tr("the engine of lab %1 did not start (%2 exited with status %3): %4")
                   .arg(m_labName, methodName())
                   .arg(exitCode)
                   .arg(output.isEmpty() ? tr("it said nothing") : output));
        return;
    }
    // `serve ... --background` returns once the engine listens; it says so on stdout.
    const QString said = QString::fromUtf8(m_process ? m_process->readAllStandardOutput() : QByteArray()).trimmed();
    if (!said.isEmpty())
        Q_EMIT progress(said);
    if (m_process)
        m_process->deleteLater();
    m_phase = Phase::Connecting;
    Q_EMIT progress(tr("waiting for the engine of lab %1 to answer on %2").arg(m_labName, m_socket));
    m_deadline.start(m_tools.startTimeoutMs);
    connectToEngine();
}

void EngineStarter::connectToEngine()
{
    EngineConnection *connection = newConnection();
    connect(connection, &EngineConnection::ready, this, [this, connection] {
        connection->deleteLater();
        finish();
    });
    connect(connection, &EngineConnection::failed, this, [this, connection](const QString &reason) {
        connection->disconnect(this);
        connection->deleteLater();
        if (!m_refusal.isEmpty()) {
            finish(tr("the engine of lab %1 runs but refuses this user (%2)").arg(m_labName, m_refusal));
            return;
        }
        Q_UNUSED(reason); // tried again until the deadline, which names the socket and the log
        m_retry.start(kRetryMs);
    });
    connection->connectToEngine(m_socket, QStringLiteral("mptcplab-starter"));
}

void EngineStarter::finish(const QString &failure)
{
    m_deadline.stop();
    m_retry.stop();
    abandonProcess();
    dropConnection();
    ++m_generation;
    m_busy = false;
    m_phase = Phase::Idle;
    if (failure.isEmpty())
        Q_EMIT started(m_socket);
    else
        Q_EMIT failed(failure);
}

void EngineStarter::abandonProcess()
{
    QProcess *process = m_process;
    m_process = nullptr;
    if (!process)
        return;
    process->disconnect(this);
    if (process->state() == QProcess::NotRunning) {
        process->deleteLater();
        return;
    }
    // pkexec waiting for a password, or our own serve, can be killed; a root process cannot, and QProcess's
    // destructor would wait for it: it is left to finish on its own and deletes itself then.
    process->kill();
    process->setParent(nullptr);
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
}

void EngineStarter::dropConnection()
{
    if (!m_connection)
        return;
    m_connection->disconnect(this);
    m_connection->deleteLater();
    m_connection = nullptr;
}

EngineConnection *EngineStarter::newConnection()
{
    auto *connection = new EngineConnection(this);
    m_connection = connection;
    // An engine that refuses us sends one error line without an id (permission-denied), then closes.
    connect(connection, &EngineConnection::eventReceived, this, [this](const QString &name, const QJsonObject &event) {
        const QJsonObject error = event.value(QStringLiteral("error")).toObject();
        if (name == QLatin1String("error")
            && error.value(QStringLiteral("code")).toString() == api::code::permissionDenied)
            m_refusal = error.value(QStringLiteral("message")).toString();
    });
    return connection;
}

QStringList EngineStarter::serveArguments() const
{
    return { QStringLiteral("serve"), QStringLiteral("--lab"), m_labFile, QStringLiteral("--background") };
}

QString EngineStarter::processOutput() const
{
    if (!m_process)
        return {};
    // What serve or pkexec/sudo said on stderr, last lines first in importance (sudo may warn before).
    QStringList lines;
    for (const QByteArray &line : m_process->readAllStandardError().split('\n')) {
        QString text = QString::fromUtf8(line).trimmed();
        if (text.startsWith(QLatin1String("mptcplab-cli serve: ")))
            text = text.mid(20);
        if (!text.isEmpty())
            lines << text;
    }
    return lines.mid(std::max<qsizetype>(0, lines.size() - 3)).join(QStringLiteral("; "));
}

QString EngineStarter::methodName() const
{
    switch (m_method) {
    case Method::AsRoot:
        return QStringLiteral("mptcplab-cli serve");
    case Method::Pkexec:
        return QStringLiteral("pkexec");
    case Method::Sudo:
        return QStringLiteral("sudo");
    }
    return {};
}

} // namespace mlab
