#include "enginelauncher.h"

#include "background.h"
#include "interruptwatcher.h"

#include "core/invokinguser.h"
#include "engine/engineclient.h"
#include "engine/engineserver.h"
#include "engine/enginestarter.h"
#include "engine/labcontroller.h"
#include "engine/labstate.h"
#include "engine/labteardown.h"
#include "engine/runtimedir.h"
#include "engine/telemetryhub.h"
#include "lab/breakmode.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mlab::cli {

namespace {

bool engineAnswers(const RuntimeDir &dir)
{
    EngineClient client;
    if (!client.connectTo(dir.apiSocket(), 300))
        return false;
    return client.call(QStringLiteral("status"), {}, 3000).ok();
}

// Before an engine starts: true when one already answers for the lab (nothing is touched then); otherwise
// whatever a dead engine of the lab left behind is removed and the runtime directory is made.
Result<bool> makeRoomForEngine(const RuntimeDir &dir)
{
    if (engineAnswers(dir))
        return true;
    if (const TeardownReport leftovers = cleanUpDeadLab(dir); !leftovers.problems.isEmpty())
        return fail(QStringLiteral("could not remove what an earlier run of lab %1 left behind: %2")
                        .arg(dir.labName(), leftovers.problems.join(QStringLiteral("; "))));
    if (Status made = dir.create(); !made)
        return fail(made.error());
    return false;
}

// The event a plot marks at a break or restore: which link, and which kind of break, since a cut (silent, the
// port on the dead VLAN) and an unplug (carrier down, routes deleted) fail over differently.
QString linkEventText(const Lab &lab, int port, bool broken, const QString &mode)
{
    const QString link = lab.linkName(port);
    if (mode == breakModeName(BreakMode::Unplug))
        return broken ? QStringLiteral("%1 unplugged: carrier down inside the node").arg(link)
                      : QStringLiteral("%1 plugged back in: carrier up, routes re-added").arg(link);
    return broken ? QStringLiteral("%1 cut: port %2 moved to the dead VLAN").arg(link).arg(port)
                  : QStringLiteral("%1 restored: port %2 back on VLAN %3")
                        .arg(link)
                        .arg(port)
                        .arg(lab.vlanOfPort(port).value_or(0));
}

// The last line the engine wrote before it gave up: usually the reason.
QString lastLogLine(const QString &logFile)
{
    QFile log(logFile);
    if (!log.open(QIODevice::ReadOnly))
        return {};
    if (log.size() > 4096)
        log.seek(log.size() - 4096);
    const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
    return lines.isEmpty() ? QString() : QString::fromUtf8(lines.last().trimmed());
}

} // namespace

int serveLab(const Lab &lab, bool inBackground)
{
    const RuntimeDir dir(lab.name);
    BackgroundEngine background;
    if (inBackground) {
        Result<bool> running = makeRoomForEngine(dir);
        if (!running) {
            std::fprintf(stderr, "mptcplab-cli serve: %s\n", qPrintable(running.error()));
            return 1;
        }
        if (*running) {
            std::fprintf(stdout, "lab %s already has an engine answering on %s\n", qPrintable(lab.name),
                qPrintable(dir.apiSocket()));
            return 0;
        }
        // Before any thread starts: fork() keeps only the thread that calls it.
        if (Status detached = background.detach(dir.engineLog(), 10000); !detached) {
            std::fprintf(stderr, "mptcplab-cli serve: %s\n", qPrintable(detached.error()));
            return 1;
        }
    } else {
        // Its own session: a Ctrl-C in the user's terminal must not hit the engine.
        ::setsid();
        if (Status made = dir.create(); !made) {
            std::fprintf(stderr, "mptcplab-cli serve: %s\n", qPrintable(made.error()));
            return 1;
        }
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

    // Samplers get a thread of their own: a slow lab operation never delays a sample.
    QThread telemetryThread;
    telemetryThread.setObjectName(QStringLiteral("telemetry"));
    telemetryThread.start();
    TelemetryHub *telemetry = new TelemetryHub(lab);
    telemetry->moveToThread(&telemetryThread);
    QObject::connect(controller, &LabController::labReady, telemetry, &TelemetryHub::start);
    QObject::connect(
        controller, &LabController::labGoingDown, telemetry, &TelemetryHub::stop, Qt::BlockingQueuedConnection);
    // Stamped on the lab thread the moment the switch answered (the event log is thread-safe).
    QObject::connect(
        controller, &LabController::linkChanged, telemetry,
        [telemetry, &lab](int port, bool broken, const QString &mode) {
            telemetry->note(broken ? QStringLiteral("break") : QStringLiteral("restore"),
                linkEventText(lab, port, broken, mode),
                { { QStringLiteral("port"), port }, { QStringLiteral("link"), lab.linkName(port) },
                    { QStringLiteral("mode"), mode } });
        },
        Qt::DirectConnection);

    auto shutDown = [&] {
        QMetaObject::invokeMethod(
            controller,
            [controller] {
                controller->down();
                delete controller;
            },
            Qt::BlockingQueuedConnection);
        QMetaObject::invokeMethod(
            telemetry, [telemetry] { delete telemetry; }, Qt::BlockingQueuedConnection);
        labThread.quit();
        labThread.wait();
        telemetryThread.quit();
        telemetryThread.wait();
    };

    EngineServer server(controller, telemetry, labOwnerUid());
    if (Status listening = server.listen(dir.apiSocket()); !listening) {
        std::fprintf(stderr, "mptcplab-cli serve: %s\n", qPrintable(listening.error()));
        background.failed(listening.error());
        server.shutDown();
        shutDown();
        return 1;
    }
    QObject::connect(&server, &EngineServer::labDown, qApp, [] {
        // Let the reply to `down` reach the client before the socket goes.
        QTimer::singleShot(50, qApp, &QCoreApplication::quit);
    });
    // Termination signals take the lab down from the event loop, never inside a signal handler; a client
    // that goes away mid-write must not kill the engine.
    InterruptWatcher interrupt;
    QObject::connect(&interrupt, &InterruptWatcher::interrupted, qApp, &QCoreApplication::quit);
    ::signal(SIGPIPE, SIG_IGN);
    const QString listening = QStringLiteral("engine for lab %1 listening on %2 (pid %3, owner %4)")
                                  .arg(lab.name, dir.apiSocket())
                                  .arg(::getpid())
                                  .arg(describeUser(labOwnerUid()));
    std::fprintf(stderr, "%s\n", qPrintable(listening));
    // Connections made from now on are queued by the kernel and served once the event loop runs.
    background.ready(listening + QStringLiteral("; its log is ") + dir.engineLog());
    QCoreApplication::exec();
    // The server first: its commands on the nodes and their transcript entries end before the lab does.
    server.shutDown();
    shutDown();
    return 0;
}

Status takeDown(EngineClient &engine, const QString &labName, QStringList *killed)
{
    Result<QJsonValue> status = engine.call(QStringLiteral("status"), {}, 5000);
    const qint64 enginePid = status ? status->toObject().value(QStringLiteral("enginePid")).toInteger() : 0;
    const ProcessRecord process { enginePid, processStartTime(enginePid), QStringLiteral("engine") };
    Result<QJsonValue> done = engine.call(QStringLiteral("down"), {}, 30000);
    if (!done)
        return fail(QStringLiteral("lab %1 was not removed cleanly: %2").arg(labName, done.error()));
    if (killed)
        *killed = done->toObject().value(QStringLiteral("killed")).toVariant().toStringList();
    const QDeadlineTimer deadline(5000);
    while (isSameProcessAlive(process) && !deadline.hasExpired())
        QThread::msleep(5);
    if (isSameProcessAlive(process))
        return fail(QStringLiteral("lab %1 is down but its engine (pid %2) did not exit").arg(labName).arg(enginePid));
    // An engine whose lab never came up (started, then down) leaves its runtime directory and log behind
    // (LabController::down has nothing to do in phase "down"): down means gone.
    if (const RuntimeDir dir(labName); dir.exists() && ::geteuid() == 0) {
        if (const TeardownReport rest = cleanUpDeadLab(dir); !rest.problems.isEmpty())
            return fail(QStringLiteral("lab %1 is down but %2").arg(labName, rest.problems.join(QStringLiteral("; "))));
    }
    return {};
}

TeardownReport cleanUpDeadLab(const RuntimeDir &dir)
{
    Result<QStringList> namespaces = namespacesOfLab(dir.labName());
    if (!namespaces)
        return { { namespaces.error() }, {} };
    if (!dir.exists() && namespaces->isEmpty())
        return {};
    if (::geteuid() != 0) {
        // The socket is the one thing a user may see of a lab (its directory is 0711).
        const QString problem = QFileInfo::exists(dir.apiSocket())
            ? QStringLiteral("its engine does not answer you (it may belong to another user, or hang)")
            : QStringLiteral("its engine is not running");
        return { { problem
                     + QStringLiteral(", and removing what it left behind needs root: run `sudo mptcplab-cli down "
                                      "--lab %1`")
                           .arg(dir.labName()) },
            {} };
    }
    // An engine that is alive but does not answer is hung: it goes first.
    if (Result<LabState> state = LabState::load(dir.stateFile(), dir.labName());
        state && state->engine.pid != ::getpid())
        terminateProcesses({ state->engine }, 2000);
    return removeLabLeftovers(dir, *namespaces);
}

Status launchEngine(const Lab &lab, int timeoutMs)
{
    const RuntimeDir dir(lab.name);
    Result<bool> running = makeRoomForEngine(dir);
    if (!running)
        return fail(running.error());
    if (*running)
        return {};
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
        if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH) {
            const QString said = lastLogLine(dir.engineLog());
            return fail(QStringLiteral("the lab engine exited while starting%1; its log is %2")
                            .arg(said.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(said), dir.engineLog()));
        }
        QThread::msleep(10);
    }
    return fail(QStringLiteral("the lab engine did not open %1 within %2 ms; its log is %3")
                    .arg(dir.apiSocket())
                    .arg(timeoutMs)
                    .arg(dir.engineLog()));
}

Status startEngineFor(const Lab &lab)
{
    EngineStarter starter(QCoreApplication::applicationFilePath());
    QEventLoop loop;
    Status outcome = fail(QStringLiteral("the lab engine was not started"));
    QObject::connect(&starter, &EngineStarter::progress, &loop, [](const QString &message) {
        std::fprintf(stdout, "%s\n", qPrintable(message));
        std::fflush(stdout);
    });
    QObject::connect(&starter, &EngineStarter::started, &loop, [&] {
        outcome = {};
        loop.quit();
    });
    QObject::connect(&starter, &EngineStarter::failed, &loop, [&](const QString &reason) {
        outcome = fail(reason);
        loop.quit();
    });
    starter.start(lab);
    loop.exec();
    return outcome;
}

} // namespace mlab::cli
