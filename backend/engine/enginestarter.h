#pragma once

#include "core/result.h"
#include "lab/labmodel.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class QProcess;

namespace mlab {

class EngineConnection;

// Starts the engine (`mptcplab-cli serve`) of a lab with the privileges it needs, from a program that may
// run as the desktop user, and reports started(socketPath) once the engine answers, or failed(reason) with
// a reason a person can act on. Asynchronous (QProcess signals and timers, no waiting), so a GUI thread can
// use it. The way, in order:
//   - an engine of the lab already answers: started at once;
//   - this process is root: `mptcplab-cli serve --lab FILE --background`;
//   - pkexec is installed and MPTCP Lab's polkit policy too: `pkexec mptcplab-cli serve ...` (a password
//     dialog may appear: waited for up to authTimeoutMs);
//   - `sudo -n` may run `mptcplab-cli serve ...` without a password: `sudo -n mptcplab-cli serve ...`;
//   - else failed(), naming both ways and what to do about them.
// `serve ... --background` returns once the engine listens (see app/mptcplab-cli/background.h), so pkexec and
// sudo return too; the engine removes a dead engine's leftovers itself, as root. The engine logs to the lab's
// engine.log (/run/mptcplab/LAB/private/, root's). See docs/engine-start.md.
class EngineStarter : public QObject
{
    Q_OBJECT
public:
    enum class Method { AsRoot, Pkexec, Sudo };

    // What decides the way (see chooseMethod).
    struct Environment
    {
        bool root = false; // effective uid 0
        bool pkexecInstalled = false;
        bool policyInstalled = false; // org.mptcplab.engine.policy where polkit reads it
        bool sudoWorks = false; // `sudo -n` may run `mptcplab-cli serve` without asking for a password
    };
    // The way to start the engine, or why there is none (a message naming what to do). Pure.
    static Result<Method> chooseMethod(const Environment &environment);

    // Where start() looks, and how long it waits; tests point these at fakes.
    struct Tools
    {
        bool root = false;
        QString pkexec; // absolute path; empty: not installed
        QString sudo; // absolute path; empty: not installed
        QString policyFile;
        int startTimeoutMs = 15000; // as root and through sudo: includes removing a dead engine's leftovers
        int authTimeoutMs = 120000; // through pkexec: someone may be typing a password
        int probeTimeoutMs = 5000; // `sudo -n -l`
    };
    // This machine: pkexec and sudo found on PATH, the policy under /usr/share/polkit-1/actions.
    static Tools systemTools();
    // Where polkit reads the policy from (it reads no other directory).
    static QString installedPolicyFile();

    // cliProgram: the absolute path of mptcplab-cli. The command line passes its own; the desktop app passes
    // the installed one next to itself (the path the polkit policy names).
    explicit EngineStarter(const QString &cliProgram, QObject *parent = nullptr);
    ~EngineStarter() override; // never waits: a pkexec or sudo still running is left to finish on its own

    void setTools(const Tools &tools) { m_tools = tools; }
    const Tools &tools() const { return m_tools; }

    // Starts the engine of lab (its name and sourceFile, which the engine loads itself; a built-in lab such as
    // ":/labs/seed.json" works too). One start at a time: a call while isBusy() is ignored.
    void start(const Lab &lab);
    // Stops waiting, without a signal; an engine already launched keeps running (down takes it away).
    void cancel();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void progress(const QString &message);
    void started(const QString &socketPath);
    void failed(const QString &reason);

private:
    enum class Phase { Idle, Probing, CheckingSudo, Launching, Connecting };

    void probeRunningEngine();
    void decide(bool sudoWorks);
    void checkSudo();
    void launch(Method method);
    void launchFinished(int exitCode, bool crashed);
    void connectToEngine();
    void finish(const QString &failure = {});
    void abandonProcess();
    EngineConnection *newConnection();
    void dropConnection();
    QStringList serveArguments() const;
    QString processOutput() const;
    QString methodName() const;

    QString m_cli;
    Tools m_tools;
    QString m_labName;
    QString m_labFile;
    QString m_socket;
    bool m_busy = false;
    Phase m_phase = Phase::Idle;
    Method m_method = Method::AsRoot;
    QPointer<QProcess> m_process;
    QPointer<EngineConnection> m_connection;
    QString m_refusal; // what an engine answered instead of hello (permission-denied)
    QTimer m_deadline; // of the current phase
    QTimer m_retry; // connecting again once serve said the engine listens
    int m_generation = 0; // results of an abandoned start are dropped
};

} // namespace mlab
