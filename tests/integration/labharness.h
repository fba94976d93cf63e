#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>

// Drives the real mptcplab-cli and the engine API for integration tests, and
// checks that nothing of a lab is left on the machine.
struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

class LabHarness
{
public:
    // Writes a copy of the seed lab named labName (so a user's own "seed" lab is never touched); seedFile picks
    // another lab of resources/labs/ (e.g. "seed-qemu.json"), edit changes the copy before it is written.
    explicit LabHarness(const QString &labName, const QString &rate = QStringLiteral("50mbit"),
        const QString &seedFile = QStringLiteral("seed.json"), const std::function<void(QJsonObject &)> &edit = {});
    ~LabHarness(); // takes the lab down, whatever happened

    QString labName() const { return m_labName; }
    QString labFile() const { return m_labFile; }
    static QString cliPath();
    CliResult cli(const QStringList &arguments, int timeoutMs = 30000) const;
    // Runs mptcplab-cli in process as it is set up (environment, user) and collects what it printed.
    static CliResult runCli(QProcess &process, const QStringList &arguments, int timeoutMs);
    // A shell command line on a node, through `mptcplab-cli exec`; returns its output.
    QString exec(const QString &node, const QString &command, int *exitCode = nullptr) const;
    // Starts `mptcpize run iperf -s` on a node; returns its pid (0 on failure). Stop it with
    // stopProcess(node, pid), never by name.
    int startIperfServer(const QString &node) const;
    // Stops a process on a node for good (a TERM that the process ignores is followed by a KILL).
    void stopProcess(const QString &node, int pid) const;
    // Calls the engine API directly; fails the calling test on error.
    QJsonObject status() const;
    QString callError(const QString &method, const QJsonObject &params) const;
    // Lines that show something of this lab still on the machine (namespaces, processes, files).
    QStringList leftovers() const;

private:
    QString m_labName;
    QString m_labFile;
    QString m_dir;
};

class QSignalSpy;

// The newest operationFinished(operation, ok, message) a LabSession spy caught, taken out of the spy; waits up
// to timeoutMs for it. Empty when none came.
QList<QVariant> takeOperation(QSignalSpy &finished, const QString &operation, int timeoutMs);

// Bytes a switch port has sent out (what reached the node plugged into it), from a status object.
qint64 portOutBytes(const QJsonObject &status, int port);

// Two switch ports' portOutBytes() read at one moment of a test (on the test's own clock, ms).
struct PortSample
{
    qint64 atMs = 0;
    qint64 bytesA = 0; // the first port's
    qint64 bytesB = 0; // the second port's
};
enum class SamplePort { A, B };
// Bytes one of the ports sent between fromMs and toMs, from the samples that bracket that window; -1 when no
// sample lies in it.
qint64 sentBetween(const QList<PortSample> &samples, qint64 fromMs, qint64 toMs, SamplePort port);
