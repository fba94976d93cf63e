// Runs the generated node commands for real, in two network namespaces joined by veth pairs
// (standing in for the VDE paths), to prove iproute2 and tc accept them, that a second run
// succeeds, and that the upstream profile's check() accepts what the kernel then reports.

#include "mptcp/mptcpprofile.h"
#include "mptcp/nodeconfig.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

#include <unistd.h>

using namespace mlab;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess process;
    process.start(program, args);
    Run result;
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

Run inNamespace(const QString &ns, const QStringList &argv)
{
    return run(u"ip"_s, QStringList { u"netns"_s, u"exec"_s, ns } + argv);
}

} // namespace

class TestNodeSetup : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void upstreamSeedInNamespaces();

private:
    QString nsFor(const QString &node) const { return m_prefix + node; }
    void deleteNamespaces();

    QString m_prefix = u"mlabtest-%1-"_s.arg(QCoreApplication::applicationPid());
    Lab m_lab;
};

void TestNodeSetup::initTestCase()
{
    if (geteuid() != 0)
        QSKIP("needs root to create network namespaces; run as root or skip the 'integration' label");
    m_lab = test::seedLab();
    const Run probe = run(u"ip"_s, { u"mptcp"_s, u"limits"_s, u"show"_s });
    if (probe.exitCode != 0)
        QSKIP(qPrintable(u"this kernel or iproute2 has no MPTCP: "_s + QString::fromLocal8Bit(probe.err)));
}

void TestNodeSetup::cleanup()
{
    deleteNamespaces();
}

void TestNodeSetup::deleteNamespaces()
{
    // Deleting a namespace also removes the veth ends inside it.
    for (const NodeSpec &node : m_lab.nodes)
        run(u"ip"_s, { u"netns"_s, u"del"_s, nsFor(node.name) });
}

void TestNodeSetup::upstreamSeedInNamespaces()
{
    const NodeSpec &a = m_lab.nodes[0];
    const NodeSpec &b = m_lab.nodes[1];
    for (const NodeSpec &node : m_lab.nodes) {
        const Run added = run(u"ip"_s, { u"netns"_s, u"add"_s, nsFor(node.name) });
        QVERIFY2(added.exitCode == 0, added.err.constData());
    }
    for (const PathSpec &path : m_lab.paths) {
        const QString ifA = a.interfaceOnPath(path.name)->name;
        const QString ifB = b.interfaceOnPath(path.name)->name;
        const Run veth = run(u"ip"_s,
            { u"link"_s, u"add"_s, ifA, u"netns"_s, nsFor(a.name), u"type"_s, u"veth"_s, u"peer"_s, u"name"_s, ifB,
                u"netns"_s, nsFor(b.name) });
        QVERIFY2(veth.exitCode == 0, veth.err.constData());
    }

    const MptcpProfile *profile = mptcpProfile(u"upstream"_s);
    // Twice: re-running the configuration after a partial (here: complete) run must work.
    for (int pass = 1; pass <= 2; ++pass) {
        for (const NodeSpec &node : m_lab.nodes) {
            for (const Command &command : networkCommands(m_lab, node) + profile->configure(m_lab, node)) {
                const Run result = inNamespace(nsFor(node.name), command.argv);
                if (!command.mayFail)
                    QVERIFY2(result.exitCode == 0,
                        qPrintable(u"pass %1, %2: `%3` failed: %4"_s.arg(
                            QString::number(pass), node.name, command.toShell(), QString::fromLocal8Bit(result.err))));
            }
        }
    }

    for (const NodeSpec &node : m_lab.nodes) {
        QList<QByteArray> outputs;
        for (const Command &command : profile->inspect(node)) {
            const Run result = inNamespace(nsFor(node.name), command.argv);
            QVERIFY2(result.exitCode == 0, result.err.constData());
            outputs << result.out;
        }
        const Status status = profile->check(node, outputs);
        QVERIFY2(status.ok(), qPrintable(status.error()));
    }

    // The rule was deleted before being added again: exactly one per address after two runs.
    const Run rules = inNamespace(nsFor(a.name), { u"ip"_s, u"rule"_s, u"show"_s });
    QCOMPARE(rules.out.count("from 10.168.1.1 lookup 1"), 1);
    QCOMPARE(rules.out.count("from 10.168.2.1 lookup 2"), 1);
    const Run table2 = inNamespace(nsFor(a.name), { u"ip"_s, u"route"_s, u"show"_s, u"table"_s, u"2"_s });
    QVERIFY2(table2.out.contains("default via 10.168.2.2 dev eth1"), table2.out.constData());
    QVERIFY2(table2.out.contains("10.168.2.0/24 dev eth1 scope link"), table2.out.constData());
    const Run qdisc = inNamespace(nsFor(b.name), { u"tc"_s, u"qdisc"_s, u"show"_s, u"dev"_s, u"eth1"_s });
    QVERIFY2(qdisc.out.contains("tbf") && qdisc.out.contains("rate 50Mbit"), qdisc.out.constData());

    // Source routing, made symmetric: a socket bound to its path's interface (an MPTCP subflow) leaves
    // through it whatever the destination; a reply to a path subnet leaves on that path, the way the request
    // came; anything else leaves through its source's path.
    const QList<std::pair<QStringList, QByteArray>> routes {
        { { u"10.168.1.2"_s, u"from"_s, u"10.168.2.1"_s, u"oif"_s, u"eth1"_s }, "via 10.168.2.2 dev eth1 table 2" },
        { { u"10.168.2.2"_s, u"from"_s, u"10.168.1.1"_s, u"oif"_s, u"eth0"_s }, "via 10.168.1.2 dev eth0 table 1" },
        { { u"10.168.1.2"_s, u"from"_s, u"10.168.2.1"_s }, "dev eth0 table 2" },
        { { u"10.168.2.2"_s, u"from"_s, u"10.168.1.1"_s }, "dev eth1 table 1" },
        { { u"192.0.2.7"_s, u"from"_s, u"10.168.2.1"_s }, "via 10.168.2.2 dev eth1 table 2" },
        { { u"192.0.2.7"_s }, "via 10.168.1.2 dev eth0" },
    };
    for (const auto &[query, expected] : routes) {
        const Run route = inNamespace(nsFor(a.name), QStringList { u"ip"_s, u"route"_s, u"get"_s } + query);
        QVERIFY2(route.exitCode == 0 && route.out.contains(expected),
            qPrintable(query.join(u' ') + u": "_s + QString::fromLocal8Bit(route.out + route.err)));
    }
}

QTEST_GUILESS_MAIN(TestNodeSetup)
#include "tst_nodesetup.moc"
