// The crash-recovery record: what `down` trusts to find and remove a dead engine's lab.
#include "engine/labstate.h"
#include "engine/labteardown.h"
#include "engine/runtimedir.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlab;

class TestLabState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTrip();
    void recordFromBeforeUnplugLoadsAsCuts();
    void unknownBreakModeIsReported();
    void anotherLabsStateIsRefused();
    void damagedStateIsReported();
    void foreignNamespacesAreLeftAlone();
    void teardownOfAHostileNameDeletesNothing();

private:
    std::unique_ptr<QTemporaryDir> m_root;
    QString m_base;
};

void TestLabState::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_base = m_root->filePath(QStringLiteral("base"));
    qputenv("MPTCPLAB_RUNTIME_DIR", QFile::encodeName(m_base));
}

void TestLabState::roundTrip()
{
    const RuntimeDir dir(QStringLiteral("seed"));
    QVERIFY(dir.create());
    LabState state;
    state.lab = QStringLiteral("seed");
    state.labFile = QStringLiteral("/labs/seed.json");
    state.engine = { 4242, 99, QStringLiteral("engine") };
    state.phase = QStringLiteral("ready");
    state.namespaces = { QStringLiteral("mlab-seed-NodeA"), QStringLiteral("mlab-seed-mgmt") };
    state.processes = { { 17, 1234567890123ULL, QStringLiteral("vde_switch") } };
    state.brokenPorts = { { 10, { 1, BreakMode::Cut } }, { 21, { 2, BreakMode::Unplug } } };
    QVERIFY(state.save(dir.stateFile()));

    const Result<LabState> loaded = LabState::load(dir.stateFile(), QStringLiteral("seed"));
    QVERIFY2(loaded, qPrintable(loaded.error()));
    QCOMPARE(loaded->labFile, state.labFile);
    QCOMPARE(loaded->engine.pid, 4242);
    QCOMPARE(loaded->namespaces, state.namespaces);
    QCOMPARE(loaded->processes.value(0).startTime, 1234567890123ULL);
    QCOMPARE(loaded->brokenPorts, state.brokenPorts);
    QCOMPARE(loaded->brokenLink(21).value().mode, BreakMode::Unplug);
    QVERIFY(!loaded->brokenLink(11));
}

// Writes a record as text, for what save() would never write.
static void writeRecord(const QString &path, const QByteArray &brokenPorts)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        R"({"lab": "seed", "phase": "ready", "namespaces": ["mlab-seed-NodeA"], "brokenPorts": )" + brokenPorts + "}");
}

void TestLabState::recordFromBeforeUnplugLoadsAsCuts()
{
    // Before unplug, a broken port's value was the VLAN it is restored to, and every break was a cut.
    const RuntimeDir dir(QStringLiteral("seed"));
    QVERIFY(dir.create());
    writeRecord(dir.stateFile(), R"({"10": 1, "21": 2})");
    const Result<LabState> loaded = LabState::load(dir.stateFile(), QStringLiteral("seed"));
    QVERIFY2(loaded, qPrintable(loaded.error()));
    const QMap<int, BrokenLink> expected { { 10, { 1, BreakMode::Cut } }, { 21, { 2, BreakMode::Cut } } };
    QCOMPARE(loaded->brokenPorts, expected);
    QCOMPARE(loaded->namespaces, QStringList { QStringLiteral("mlab-seed-NodeA") });
}

void TestLabState::unknownBreakModeIsReported()
{
    const RuntimeDir dir(QStringLiteral("seed"));
    QVERIFY(dir.create());
    writeRecord(dir.stateFile(), R"({"10": {"vlan": 1, "mode": "melt"}})");
    const Result<LabState> loaded = LabState::load(dir.stateFile(), QStringLiteral("seed"));
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().contains(QStringLiteral("is damaged: port 10 is broken with mode \"melt\" (expected cut "
                                                    "or unplug)")),
        qPrintable(loaded.error()));
}

void TestLabState::anotherLabsStateIsRefused()
{
    const RuntimeDir dir(QStringLiteral("seed"));
    QVERIFY(dir.create());
    LabState state;
    state.lab = QStringLiteral("other");
    QVERIFY(state.save(dir.stateFile()));
    const Result<LabState> loaded = LabState::load(dir.stateFile(), QStringLiteral("seed"));
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().contains(QStringLiteral("belongs to lab \"other\"")), qPrintable(loaded.error()));
}

void TestLabState::damagedStateIsReported()
{
    const RuntimeDir dir(QStringLiteral("seed"));
    QVERIFY(dir.create());
    QFile file(dir.stateFile());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ \"lab\": \"seed\", ");
    file.close();
    const TeardownReport report = removeLabLeftovers(dir);
    QVERIFY2(report.problems.join(QLatin1Char('\n')).contains(QStringLiteral("is damaged")),
        qPrintable(report.problems.join(QLatin1Char('\n'))));
    QVERIFY(!dir.exists()); // what could be removed still was
}

void TestLabState::foreignNamespacesAreLeftAlone()
{
    // A state file (or a caller) naming namespaces of another lab or of the machine: the teardown must
    // not run `ip netns delete` on them, and must say so.
    const RuntimeDir dir(QStringLiteral("seed"));
    QVERIFY(dir.create());
    LabState state;
    state.lab = QStringLiteral("seed");
    state.namespaces = { QStringLiteral("mlab-other-NodeA"), QStringLiteral("../../etc") };
    QVERIFY(state.save(dir.stateFile()));
    const TeardownReport report = removeLabLeftovers(dir, { QStringLiteral("docker-1") });
    const QString problems = report.problems.join(QLatin1Char('\n'));
    for (const char *name : { "mlab-other-NodeA", "../../etc", "docker-1" })
        QVERIFY2(problems.contains(QStringLiteral("\"%1\" does not belong to lab seed").arg(QLatin1String(name))),
            qPrintable(problems));
    QVERIFY(report.killed.isEmpty());
    QVERIFY(!dir.exists());
}

void TestLabState::teardownOfAHostileNameDeletesNothing()
{
    // `sudo mptcplab-cli down --lab ../x` once removed BASE/../x recursively.
    const QString victim = m_root->filePath(QStringLiteral("x"));
    QVERIFY(QDir().mkpath(victim + QStringLiteral("/private")));
    QVERIFY(QDir().mkpath(m_base));
    const TeardownReport report = removeLabLeftovers(RuntimeDir(QStringLiteral("../x")));
    QVERIFY(!report.problems.isEmpty());
    QVERIFY(QFileInfo::exists(victim + QStringLiteral("/private")));
    QVERIFY(!namespacesOfLab(QStringLiteral("../x")));
}

QTEST_GUILESS_MAIN(TestLabState)
#include "tst_labstate.moc"
