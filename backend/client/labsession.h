#pragma once

#include "engine/engineconnection.h"
#include "lab/labmodel.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>

namespace mlab {

class EngineStarter;

// One lab as a window sees it: finds or starts the lab's engine, keeps one connection to it subscribed to every
// topic, fetches what happened before it arrived (transcript, telemetry history), and turns each user action
// into an API call whose outcome comes back as a signal with a sentence for a person. Asynchronous throughout
// (EngineStarter and EngineConnection), so a GUI thread can own it; no Widgets.
class LabSession : public QObject
{
    Q_OBJECT
public:
    enum class EngineState {
        Detached, // no engine known yet, or the user closed the connection
        Starting, // looking for the engine, starting it (a password dialog may be up), or connecting
        Connected,
        Lost, // the engine went away or could not be started: lostReason() says why
    };
    Q_ENUM(EngineState)

    // cliProgram: the absolute path of mptcplab-cli, which starts the engine (see EngineStarter).
    LabSession(Lab lab, QString cliProgram, QObject *parent = nullptr);
    ~LabSession() override;

    const Lab &lab() const { return m_lab; }
    EngineState engineState() const { return m_engineState; }
    QString lostReason() const { return m_lostReason; }
    QString phase() const { return m_phase; } // the engine's lab phase; "down" while none is known
    const QJsonObject &lastStatus() const { return m_status; }
    bool isBusy() const { return !m_operation.isEmpty(); } // up or down in progress

    // Attaches to the lab's engine if one answers, and never starts one (no password dialog at launch).
    void attach();
    // Starts the engine when none answers (through EngineStarter), then brings the lab up.
    void start();
    // Takes the lab down; the engine exits afterwards.
    void stop();
    // After the engine died: starts a fresh one (which removes what the dead one left) and takes the lab down.
    void cleanUp();
    void breakLink(const QString &link, const QString &mode = QStringLiteral("cut"));
    void restoreLink(const QString &link);
    void startTraffic();
    void stopTraffic();
    // params as the engine's scenario method takes them, without "action".
    void startScenario(const QJsonObject &params);
    void stopScenario();
    void refreshStatus();
    // A command line on a node. Streams its output through execOutput(requestId, ...) and ends with
    // execFinished(requestId, exitStatus, error). Returns the request id, or 0 when not connected.
    qint64 exec(const QString &node, const QString &command, int timeoutMs = 600000);
    void cancelExec(qint64 requestId);
    // A short command whose whole output is wanted at once (e.g. `ip mptcp endpoint show` for a view). ok is
    // false when it could not run (error says why); a command that ran and failed has ok true and its status.
    using RunHandler = std::function<void(bool ok, int exitStatus, const QString &output, const QString &error)>;
    void run(const QString &node, const QString &command, RunHandler handler);
    // The newest maxBytes of a VM node's serial console log, which only the engine can read (it is root's). log
    // is the engine's consoleLog result ({node, path, text, sizeBytes, truncated}); ok is false when it could not
    // be read (error says why). Called right away when there is no engine to ask.
    using ConsoleLogHandler = std::function<void(bool ok, const QJsonObject &log, const QString &error)>;
    void fetchConsoleLog(const QString &node, int maxBytes, ConsoleLogHandler handler);

Q_SIGNALS:
    void engineStateChanged(mlab::LabSession::EngineState state, const QString &reason);
    void progress(const QString &message); // finding or starting the engine
    void phaseChanged(const QString &phase, const QString &reason);
    // A step of up or down: {operation, id, index, total, state, durationMs, message, command, output}.
    void stepChanged(const QJsonObject &step);
    void statusChanged(const QJsonObject &status);
    void linkChanged(const QJsonObject &event); // {port, link, broken, mode, atMs}
    void telemetryReceived(const QJsonObject &batch);
    void historyLoaded(const QJsonObject &history); // what happened before this session connected
    void transcriptReceived(const QJsonArray &entries);
    void trafficChanged(const QJsonObject &traffic);
    void scenarioChanged(const QJsonObject &event);
    void execOutput(qint64 requestId, const QString &stream, const QString &data);
    void execFinished(qint64 requestId, int exitStatus, const QString &error);
    // Every action ends here once: operation is "up", "down", "break", "restore", "traffic", "scenario".
    void operationFinished(const QString &operation, bool ok, const QString &message);

private:
    void connectTo(const QString &socketPath, std::function<void()> then);
    void onReady();
    void onEvent(const QString &name, const QJsonObject &event);
    void setEngineState(EngineState state, const QString &reason = {});
    void bringUp();
    void startEngineThen(std::function<void()> then);
    // Calls method; the reply becomes operationFinished(operation, ...) and, on success, a status refresh.
    void request(const QString &operation, const QString &method, const QJsonObject &params,
        std::function<QString(const QJsonValue &result)> describe = {});
    void fetchTranscript(qint64 sinceSeq);
    void fetchHistory(qint64 sinceMs);
    bool requireConnection(const QString &operation);

    Lab m_lab;
    QString m_cli;
    EngineState m_engineState = EngineState::Detached;
    QString m_lostReason;
    QString m_phase = QStringLiteral("down");
    QJsonObject m_status;
    QString m_operation; // "up" or "down" while it runs
    QPointer<EngineStarter> m_starter;
    QPointer<EngineConnection> m_connection;
    QJsonObject m_history; // pages of the backfill, joined
    bool m_historyLoading = false;
    QList<QJsonObject> m_heldBatches; // live telemetry that arrived while the backfill was loading
    bool m_expectingExit = false; // after a successful down the engine exits: not a loss
};

} // namespace mlab
