#include "labharness.h"

#include "engine/engineclient.h"
#include "engine/runtimedir.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

LabHarness::LabHarness(const QString &labName, const QString &rate, const QString &seedFile,
    const std::function<void(QJsonObject &)> &edit)
    : m_labName(labName)
{
    QFile seed(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/") + seedFile);
    if (!seed.open(QIODevice::ReadOnly))
        qFatal("cannot read the seed lab");
    QJsonObject lab = QJsonDocument::fromJson(seed.readAll()).object();
    lab.insert(QStringLiteral("name"), labName);
    QJsonArray paths = lab.value(QStringLiteral("paths")).toArray();
    for (auto path : paths) {
        QJsonObject object = path.toObject();
        object.insert(QStringLiteral("rate"), rate);
        path = object;
    }
    lab.insert(QStringLiteral("paths"), paths);
    if (edit)
        edit(lab);
    m_dir = QDir::tempPath() + QStringLiteral("/mptcplab-test-") + labName;
    QDir().mkpath(m_dir);
    m_labFile = m_dir + QStringLiteral("/") + labName + QStringLiteral(".json");
    QFile out(m_labFile);
    if (!out.open(QIODevice::WriteOnly))
        qFatal("cannot write the test lab file");
    out.write(QJsonDocument(lab).toJson());
}

LabHarness::~LabHarness()
{
    cli({ QStringLiteral("down"), QStringLiteral("--lab"), m_labName });
    QDir(m_dir).removeRecursively();
}

QString LabHarness::cliPath()
{
    return QStringLiteral(MPTCPLAB_BINARY_DIR "/app/mptcplab-cli/mptcplab-cli");
}

CliResult LabHarness::cli(const QStringList &arguments, int timeoutMs) const
{
    QProcess process;
    return runCli(process, arguments, timeoutMs);
}

CliResult LabHarness::runCli(QProcess &process, const QStringList &arguments, int timeoutMs)
{
    process.start(cliPath(), arguments);
    CliResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out: ") + arguments.join(QLatin1Char(' '));
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString LabHarness::exec(const QString &node, const QString &command, int *exitCode) const
{
    const CliResult result = cli({ QStringLiteral("--lab"), m_labName, QStringLiteral("exec"), node,
        QStringLiteral("sh"), QStringLiteral("-c"), command });
    if (exitCode)
        *exitCode = result.exitCode;
    return result.out;
}

int LabHarness::startIperfServer(const QString &node) const
{
    int exitCode = -1;
    const QString pid = exec(node, QStringLiteral("mptcpize run iperf -s >/dev/null 2>&1 & echo $!"), &exitCode);
    return exitCode == 0 ? pid.trimmed().toInt() : 0;
}

void LabHarness::stopProcess(const QString &node, int pid) const
{
    // iperf 2 answers the first SIGTERM by waiting for its connections to end ("Interrupt again to force quit")
    // and keeps listening: a second server in the same lab then could not bind, and the next client would talk to
    // the old one. So: TERM, a moment to exit cleanly, then KILL, and wait (bounded) until it is gone.
    exec(node,
        QStringLiteral("kill %1 2>/dev/null; sleep 0.2; kill -9 %1 2>/dev/null; "
                       "for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 %1 2>/dev/null || break; sleep 0.05; done")
            .arg(pid));
}

QJsonObject LabHarness::status() const
{
    mlab::EngineClient client;
    if (!client.connectTo(mlab::RuntimeDir(m_labName).apiSocket()))
        return {};
    mlab::Result<QJsonValue> reply = client.call(QStringLiteral("status"));
    return reply ? reply->toObject() : QJsonObject();
}

QString LabHarness::callError(const QString &method, const QJsonObject &params) const
{
    mlab::EngineClient client;
    if (mlab::Status connected = client.connectTo(mlab::RuntimeDir(m_labName).apiSocket()); !connected)
        return connected.error();
    mlab::Result<QJsonValue> reply = client.call(method, params);
    return reply ? QString() : reply.error();
}

QStringList LabHarness::leftovers() const
{
    QStringList found;
    QProcess ip;
    ip.start(QStringLiteral("ip"), { QStringLiteral("netns"), QStringLiteral("list") });
    ip.waitForFinished();
    const QString prefix = QStringLiteral("mlab-%1-").arg(m_labName);
    for (const QString &line : QString::fromUtf8(ip.readAllStandardOutput()).split(QLatin1Char('\n'))) {
        if (line.startsWith(prefix))
            found << QStringLiteral("namespace ") + line;
    }
    const mlab::RuntimeDir dir(m_labName);
    if (dir.exists())
        found << QStringLiteral("directory ") + dir.labDir();
    // Any process whose command line names the lab's runtime directory.
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (pid.toInt() == 0 || !cmdline.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = cmdline.readAll().replace('\0', ' ');
        const QByteArray labDir = dir.labDir().toUtf8() + '/';
        const QByteArray labOption = "--lab " + m_labFile.toUtf8();
        if (text.contains(labDir) || text.contains(labOption))
            found << QStringLiteral("process %1: %2").arg(pid, QString::fromUtf8(text));
    }
    return found;
}

qint64 portOutBytes(const QJsonObject &status, int port)
{
    for (const QJsonValue &value : status.value(QStringLiteral("ports")).toArray()) {
        if (value.toObject().value(QStringLiteral("port")).toInt() == port)
            return value.toObject().value(QStringLiteral("outBytes")).toInteger();
    }
    return -1;
}

qint64 sentBetween(const QList<PortSample> &samples, qint64 fromMs, qint64 toMs, SamplePort port)
{
    const PortSample *first = nullptr;
    const PortSample *last = nullptr;
    for (const PortSample &s : samples) {
        if (s.atMs >= fromMs && !first)
            first = &s;
        if (s.atMs <= toMs)
            last = &s;
    }
    if (!first || !last || last->atMs < first->atMs)
        return -1;
    return port == SamplePort::A ? last->bytesA - first->bytesA : last->bytesB - first->bytesB;
}

QList<QVariant> takeOperation(QSignalSpy &finished, const QString &operation, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        for (qsizetype i = finished.size() - 1; i >= 0; --i) {
            if (finished.at(i).at(0).toString() == operation)
                return finished.takeAt(i);
        }
        finished.wait(200);
    }
    return {};
}
