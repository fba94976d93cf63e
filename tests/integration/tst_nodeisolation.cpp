// Nodes are machines of their own, not just network namespaces: their own
// processes (ps, pkill), hostname, /tmp and /run, and nothing of a node
// survives `down`. Checked through `mptcplab-cli exec`, as a student sees it.
#include "labharness.h"

#include "core/processes.h"
#include "engine/runtimedir.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QThread>
#include <QtTest>

#include <memory>
#include <unistd.h>

using namespace mlab;

namespace {

// A process name no one else uses: a copy of sleep in the node's own /tmp.
const QString kMarker = QStringLiteral("itiso-marker");

QString readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Mount point -> filesystem type, from /proc/PID/mountinfo text; the last mount on a point wins.
QMap<QString, QString> mountPoints(const QString &mountinfo)
{
    QMap<QString, QString> points;
    for (const QString &line : mountinfo.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList fields = line.split(QLatin1Char(' '));
        const qsizetype dash = fields.indexOf(QStringLiteral("-"));
        if (fields.size() > 4 && dash > 4 && dash + 1 < fields.size())
            points.insert(fields.at(4), fields.at(dash + 1));
    }
    return points;
}

} // namespace

class TestNodeIsolation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void hostnameIsTheNodeName_data();
    void hostnameIsTheNodeName();
    void sshdIsPidOne();
    void psShowsOnlyTheNodesProcesses();
    void pkillReachesOnlyItsOwnNode();
    void orphansAreReaped();
    void tmpAndRunArePrivate();
    void nodeMountsStayInTheNode();
    void downLeavesNoProcessOfANode();

private:
    QString exec(const QString &node, const QString &command, int *exitCode = nullptr) const;
    // Host-side records of every process in a node's network namespace.
    QList<ProcessRecord> hostProcessesIn(const QString &node) const;
    void startMarker(const QString &node) const;
    bool markerRunsOn(const QString &node) const;

    std::unique_ptr<LabHarness> m_lab;
};

void TestNodeIsolation::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("integration tests need root: they create namespaces, taps and a switch");
    m_lab = std::make_unique<LabHarness>(QStringLiteral("itiso"));
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(QLatin1Char('\n'))));
    const CliResult up = m_lab->cli({ QStringLiteral("up"), QStringLiteral("--lab"), m_lab->labFile() });
    QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
}

void TestNodeIsolation::cleanupTestCase()
{
    m_lab.reset();
}

QString TestNodeIsolation::exec(const QString &node, const QString &command, int *exitCode) const
{
    return m_lab->exec(node, command, exitCode).trimmed();
}

QList<ProcessRecord> TestNodeIsolation::hostProcessesIn(const QString &node) const
{
    QProcess ip;
    ip.start(QStringLiteral("ip"),
        { QStringLiteral("netns"), QStringLiteral("pids"), RuntimeDir(m_lab->labName()).netnsName(node) });
    ip.waitForFinished();
    QList<ProcessRecord> found;
    for (const QString &line :
        QString::fromUtf8(ip.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const qint64 pid = line.trimmed().toLongLong();
        found << ProcessRecord { pid, processStartTime(pid),
            readAll(QStringLiteral("/proc/%1/cmdline").arg(pid)).replace(QLatin1Char('\0'), QLatin1Char(' ')) };
    }
    return found;
}

void TestNodeIsolation::startMarker(const QString &node) const
{
    int exitCode = -1;
    exec(node,
        QStringLiteral("cp /bin/sleep /tmp/%1 && { setsid /tmp/%1 300 >/dev/null 2>&1 </dev/null & }").arg(kMarker),
        &exitCode);
    QCOMPARE(exitCode, 0);
}

bool TestNodeIsolation::markerRunsOn(const QString &node) const
{
    int exitCode = -1;
    exec(node, QStringLiteral("pgrep -x %1").arg(kMarker), &exitCode);
    return exitCode == 0;
}

void TestNodeIsolation::hostnameIsTheNodeName_data()
{
    QTest::addColumn<QString>("node");
    QTest::newRow("NodeA") << QStringLiteral("NodeA");
    QTest::newRow("NodeB") << QStringLiteral("NodeB");
}

void TestNodeIsolation::hostnameIsTheNodeName()
{
    QFETCH(QString, node);
    QCOMPARE(exec(node, QStringLiteral("hostname")), node);
    QCOMPARE(exec(node, QStringLiteral("uname -n")), node);
    QVERIFY(QSysInfo::machineHostName() != node);
}

void TestNodeIsolation::sshdIsPidOne()
{
    QCOMPARE(exec(QStringLiteral("NodeA"), QStringLiteral("cat /proc/1/comm")), QStringLiteral("sshd"));
    QVERIFY(exec(QStringLiteral("NodeA"), QStringLiteral("tr '\\0' ' ' < /proc/1/cmdline"))
                .contains(QStringLiteral("/nodes/NodeA/sshd_config")));
}

void TestNodeIsolation::psShowsOnlyTheNodesProcesses()
{
    startMarker(QStringLiteral("NodeB"));
    QTRY_VERIFY_WITH_TIMEOUT(markerRunsOn(QStringLiteral("NodeB")), 3000);

    // Every command line NodeA can see: its /proc is its own.
    const QString seen = exec(QStringLiteral("NodeA"), QStringLiteral("ps -e -o pid=,args="));
    const QStringList lines = seen.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(!lines.isEmpty() && lines.first().trimmed().startsWith(QStringLiteral("1 ")), qPrintable(seen));
    // Only sshd (the listener, the connections) and what they run: shells, the samplers, ps itself.
    for (const QString &line : lines) {
        const QString args = line.trimmed().section(QLatin1Char(' '), 1, -1, QString::SectionSkipEmpty);
        QVERIFY2(!args.contains(kMarker), qPrintable(QStringLiteral("NodeB's process in NodeA: ") + line));
        QVERIFY2(!args.contains(QStringLiteral("vde_")), qPrintable(QStringLiteral("host process: ") + line));
        QVERIFY2(!args.contains(QStringLiteral("mptcplab-cli")), qPrintable(QStringLiteral("host process: ") + line));
        QVERIFY2(
            !args.contains(QStringLiteral("tst_nodeisolation")), qPrintable(QStringLiteral("host process: ") + line));
        QVERIFY2(!args.contains(QStringLiteral("/nodes/NodeB/")), qPrintable(QStringLiteral("NodeB's sshd: ") + line));
    }
    // The host sees far more: NodeA's view is not just a filter on names.
    const qsizetype hostCount
        = QDir(QStringLiteral("/proc")).entryList({ QStringLiteral("[0-9]*") }, QDir::Dirs).size();
    QVERIFY2(lines.size() < hostCount, qPrintable(seen));
    // vde_plug2tap runs in NodeA's network namespace but is a host process.
    bool plugInNetns = false;
    for (const ProcessRecord &record : hostProcessesIn(QStringLiteral("NodeA")))
        plugInNetns = plugInNetns || record.what.contains(QStringLiteral("vde_plug2tap"));
    QVERIFY(plugInNetns);
}

void TestNodeIsolation::pkillReachesOnlyItsOwnNode()
{
    if (!markerRunsOn(QStringLiteral("NodeB")))
        startMarker(QStringLiteral("NodeB"));
    startMarker(QStringLiteral("NodeA"));
    QTRY_VERIFY_WITH_TIMEOUT(markerRunsOn(QStringLiteral("NodeA")), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(markerRunsOn(QStringLiteral("NodeB")), 3000);

    int exitCode = -1;
    // "[r]": the pattern must not match the command line of the shell that runs pkill.
    exec(QStringLiteral("NodeA"), QStringLiteral("pkill -f '%1[%2]'").arg(kMarker.chopped(1), kMarker.right(1)),
        &exitCode);
    QCOMPARE(exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(!markerRunsOn(QStringLiteral("NodeA")), 3000);
    QVERIFY2(markerRunsOn(QStringLiteral("NodeB")), "pkill in NodeA killed NodeB's process");
    // NodeB's marker stays: down must take it (downLeavesNoProcessOfANode).
}

// sshd, pid 1 of the node, waits for any child: an orphan never stays a zombie.
void TestNodeIsolation::orphansAreReaped()
{
    int exitCode = -1;
    // The shell exits at once; its background sleep is left to pid 1.
    const QString orphan
        = exec(QStringLiteral("NodeA"), QStringLiteral("sh -c 'sleep 1 >/dev/null 2>&1 & echo $!'"), &exitCode);
    QCOMPARE(exitCode, 0);
    QVERIFY(orphan.toInt() > 1);
    const QString stat = exec(QStringLiteral("NodeA"), QStringLiteral("cat /proc/%1/stat").arg(orphan.toInt()));
    QCOMPARE(stat.section(QLatin1Char(')'), 1).section(QLatin1Char(' '), 2, 2), QStringLiteral("1")); // its parent
    QThread::msleep(1500);
    const QString left = exec(QStringLiteral("NodeA"),
        QStringLiteral("cat /proc/%1/stat 2>/dev/null || echo reaped").arg(orphan.toInt()), &exitCode);
    QCOMPARE(left, QStringLiteral("reaped"));
}

void TestNodeIsolation::tmpAndRunArePrivate()
{
    const QString probe = QStringLiteral("itiso-probe-%1").arg(QCoreApplication::applicationPid());
    const auto removeProbes = qScopeGuard([&] {
        QFile::remove(QStringLiteral("/tmp/") + probe);
        QFile::remove(QStringLiteral("/run/") + probe);
    });
    int exitCode = -1;
    exec(QStringLiteral("NodeA"), QStringLiteral("echo NodeA > /tmp/%1 && echo NodeA > /run/%1").arg(probe), &exitCode);
    QCOMPARE(exitCode, 0);
    QCOMPARE(exec(QStringLiteral("NodeA"), QStringLiteral("cat /tmp/%1").arg(probe)), QStringLiteral("NodeA"));
    for (const QString &dir : { QStringLiteral("/tmp/"), QStringLiteral("/run/") }) {
        QVERIFY2(!QFile::exists(dir + probe), qPrintable(dir + probe + QStringLiteral(" reached the host")));
        exec(QStringLiteral("NodeB"), QStringLiteral("test -e %1%2").arg(dir, probe), &exitCode);
        QVERIFY2(exitCode != 0, qPrintable(dir + probe + QStringLiteral(" reached NodeB")));
    }
    // The node's /run is empty but for what sshd needs: not the host's namespaces, and of its lab only its own
    // directory (not NodeB's, not the state file, not the client's private key).
    const RuntimeDir dir(m_lab->labName());
    const QString nodeDir = dir.nodeDir(QStringLiteral("NodeA"));
    exec(
        QStringLiteral("NodeA"), QStringLiteral("test -d /run/sshd && test -r %1/sshd_config").arg(nodeDir), &exitCode);
    QCOMPARE(exitCode, 0);
    for (const QString &hidden :
        { QStringLiteral("/run/netns"), dir.nodeDir(QStringLiteral("NodeB")), dir.stateFile(), dir.keysDir() }) {
        exec(QStringLiteral("NodeA"), QStringLiteral("test -e %1").arg(hidden), &exitCode);
        QVERIFY2(exitCode != 0, qPrintable(hidden + QStringLiteral(" is visible in NodeA")));
    }
    // The node's directory is the host's: what sshd writes there (its pid file) is seen on both sides.
    QCOMPARE(exec(QStringLiteral("NodeA"), QStringLiteral("cat %1/sshd.pid").arg(nodeDir)), QStringLiteral("1"));
    QCOMPARE(readAll(nodeDir + QStringLiteral("/sshd.pid")).trimmed(), QStringLiteral("1"));
}

void TestNodeIsolation::nodeMountsStayInTheNode()
{
    const RuntimeDir dir(m_lab->labName());
    const QString nodeDir = dir.nodeDir(QStringLiteral("NodeA"));
    const QString text = exec(QStringLiteral("NodeA"), QStringLiteral("cat /proc/self/mountinfo"));
    const QMap<QString, QString> inside = mountPoints(text);
    QCOMPARE(inside.value(QStringLiteral("/tmp")), QStringLiteral("tmpfs"));
    QCOMPARE(inside.value(QStringLiteral("/run")), QStringLiteral("tmpfs"));
    QCOMPARE(inside.value(QStringLiteral("/proc")), QStringLiteral("proc"));
    QVERIFY2(inside.contains(nodeDir), qPrintable(text));
    // None of them on the host.
    const QMap<QString, QString> host = mountPoints(readAll(QStringLiteral("/proc/self/mountinfo")));
    for (auto it = host.cbegin(); it != host.cend(); ++it)
        QVERIFY2(!it.key().startsWith(dir.labDir()), qPrintable(it.key()));
}

void TestNodeIsolation::downLeavesNoProcessOfANode()
{
    QTRY_VERIFY_WITH_TIMEOUT(markerRunsOn(QStringLiteral("NodeB")), 3000);
    QList<ProcessRecord> nodes = hostProcessesIn(QStringLiteral("NodeA")) + hostProcessesIn(QStringLiteral("NodeB"));
    bool markerSeen = false;
    for (const ProcessRecord &record : std::as_const(nodes))
        markerSeen = markerSeen || record.what.contains(kMarker);
    QVERIFY2(markerSeen, "the host does not see NodeB's marker in NodeB's network namespace");

    const CliResult down = m_lab->cli({ QStringLiteral("down"), QStringLiteral("--lab"), m_lab->labName() });
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    QStringList survivors;
    for (const ProcessRecord &record : std::as_const(nodes)) {
        if (isSameProcessAlive(record))
            survivors << QStringLiteral("%1: %2").arg(record.pid).arg(record.what);
    }
    QVERIFY2(survivors.isEmpty(), qPrintable(survivors.join(QLatin1Char('\n'))));
    QVERIFY2(m_lab->leftovers().isEmpty(), qPrintable(m_lab->leftovers().join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestNodeIsolation)
#include "tst_nodeisolation.moc"
