#include "enginelauncher.h"

#include "engine/engineclient.h"
#include "engine/engineserver.h"
#include "engine/labcontroller.h"
#include "engine/labstate.h"
#include "engine/runtimedir.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mlab::cli {

namespace {

int g_signalPipe[2] = { -1, -1 };

void forwardSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] auto written = ::write(g_signalPipe[1], &byte, 1);
}

// Termination signals arrive on a socket, so the lab is taken down from the
// event loop instead of inside a signal handler.
void installSignalHandlers(const std::function<void()> &onSignal)
{
    ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe);
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [notifier, onSignal] {
        char byte;
        [[maybe_unused]] auto got = ::read(g_signalPipe[0], &byte, 1);
        notifier->setEnabled(false);
        onSignal();
    });
    struct sigaction action
    {
    };
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    for (int signal : { SIGTERM, SIGINT, SIGHUP })
        ::sigaction(signal, &action, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
}

uint labOwnerUid()
{
    // Under sudo the lab belongs to the user who asked for it, so their
    // desktop client may talk to the engine without root.
    bool ok = false;
    const uint sudoUid = qEnvironmentVariable("SUDO_UID").toUInt(&ok);
    return ok ? sudoUid : ::getuid();
}

bool engineAnswers(const RuntimeDir &dir)
{
    EngineClient client;
    if (!client.connectTo(dir.apiSocket(), 300))
        return false;
    return client.call(QStringLiteral("status"), {}, 3000).ok();
}

} // namespace

int serveLab(const Lab &lab)
{
    // Its own session: a Ctrl-C in the user's terminal must not hit the engine.
    ::setsid();
    const RuntimeDir dir(lab.name);
    if (Status made = dir.create(); !made) {
        std::fprintf(stderr, "mptcplab-cli serve: %s\n", qPrintable(made.error()));
        return 1;
    }
    QThread labThread;
    labThread.setObjectName(QStringLiteral("lab"));
    labThread.start();
    QObject labThreadContext;
    labThreadContext.moveToThread(&labThread);
    LabController *controller = nullptr;
    // Created on the lab thread so that it and every child it makes live there.
    QMetaObject::invokeMethod(
        &labThreadContext, [&] { controller = new LabController(lab); }, Qt::BlockingQueuedConnection);
    auto shutDown = [&] {
        QMetaObject::invokeMethod(
            controller,
            [controller] {
                controller->down();
                delete controller;
            },
            Qt::BlockingQueuedConnection);
        labThread.quit();
        labThread.wait();
    };

    EngineServer server(controller, labOwnerUid());
    QString error;
    if (!server.listen(dir.apiSocket(), &error)) {
        std::fprintf(stderr, "mptcplab-cli serve: %s\n", qPrintable(error));
        shutDown();
        return 1;
    }
    QObject::connect(&server, &EngineServer::labDown, qApp, [] {
        // Let the reply to `down` reach the client before the socket goes.
        QTimer::singleShot(50, qApp, &QCoreApplication::quit);
    });
    installSignalHandlers([] { QCoreApplication::quit(); });
    std::fprintf(stderr, "engine for lab %s listening on %s (pid %lld)\n", qPrintable(lab.name),
        qPrintable(dir.apiSocket()), qint64(::getpid()));
    QCoreApplication::exec();
    shutDown();
    return 0;
}

QStringList cleanUpDeadLab(const QString &labName)
{
    const RuntimeDir dir(labName);
    const QStringList namespaces = namespacesOfLab(labName);
    if (!dir.exists() && namespaces.isEmpty())
        return {};
    // An engine that is alive but does not answer is hung: it goes first.
    if (Result<LabState> state = LabState::load(dir.stateFile()); state && state->engine.pid != ::getpid())
        terminateProcesses({ state->engine }, 2000);
    return removeLabLeftovers(dir, namespaces);
}

Status launchEngine(const Lab &lab, int timeoutMs)
{
    const RuntimeDir dir(lab.name);
    if (engineAnswers(dir))
        return {};
    if (const QStringList problems = cleanUpDeadLab(lab.name); !problems.isEmpty())
        return fail(QStringLiteral("could not remove what an earlier run of lab %1 left behind: %2")
                        .arg(lab.name, problems.join(QStringLiteral("; "))));
    if (Status made = dir.create(); !made)
        return made;
    QProcess engine;
    engine.setProgram(QCoreApplication::applicationFilePath());
    engine.setArguments({ QStringLiteral("serve"), QStringLiteral("--lab"), lab.sourceFile });
    engine.setStandardInputFile(QProcess::nullDevice());
    engine.setStandardOutputFile(dir.engineLog(), QIODevice::Append);
    engine.setStandardErrorFile(dir.engineLog(), QIODevice::Append);
    qint64 pid = 0;
    if (!engine.startDetached(&pid))
        return fail(QStringLiteral("cannot start the lab engine (%1 serve): %2")
                        .arg(QCoreApplication::applicationFilePath(), engine.errorString()));
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        EngineClient client;
        if (client.connectTo(dir.apiSocket(), 100))
            return {};
        if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
            return fail(QStringLiteral("the lab engine exited while starting; its log is %1").arg(dir.engineLog()));
        QThread::msleep(10);
    }
    return fail(QStringLiteral("the lab engine did not open %1 within %2 ms; its log is %3")
                    .arg(dir.apiSocket())
                    .arg(timeoutMs)
                    .arg(dir.engineLog()));
}

} // namespace mlab::cli
