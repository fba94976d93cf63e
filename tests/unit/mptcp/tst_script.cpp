#include "mptcp/script.h"

#include "mptcp/nodecommand.h"
#include "mptcp/nodeconfig.h"
#include "testsupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;
using mlab::test::writeExecutable;

namespace {

ScriptSshOptions sshOptions()
{
    ScriptSshOptions ssh;
    ssh.keyPath = u"/run/mlab/seed/id_ed25519"_s;
    ssh.knownHostsPath = u"/run/mlab/seed/known hosts"_s; // a space, to prove the quoting
    return ssh;
}

// Stand-ins for ip and ssh: they log what the script asks for, the way ssh would hand it to the node's shell.
const QByteArray fakeIp = "#!/bin/sh\n"
                          "if [ \"$1\" = netns ] && [ \"$2\" = exec ]; then\n"
                          "    printf 'netns %s\\n' \"$3\" >> \"$LOG\"; shift 3; exec \"$@\"\n"
                          "fi\n"
                          "printf 'host: ip %s\\n' \"$*\" >> \"$LOG\"\n";
const QByteArray fakeSsh = "#!/bin/sh\n"
                           "while [ $# -gt 0 ]; do\n"
                           "    case \"$1\" in\n"
                           "    -i) key=$2; shift 2 ;;\n"
                           "    -o) opts=\"$opts[$2]\"; shift 2 ;;\n"
                           "    *@*) dest=$1; shift; break ;;\n"
                           "    *) echo \"fake ssh: unexpected $1\" >&2; exit 2 ;;\n"
                           "    esac\n"
                           "done\n"
                           "printf 'ssh key=%s %s %s: %s\\n' \"$key\" \"$opts\" \"$dest\" \"$*\" >> \"$LOG\"\n"
                           "case \"$*\" in *' del '*) exit 1 ;; esac\n";

// Runs the script with the stand-ins of dir (named ip and ssh) first on PATH; they log to dir/log.
bool runWithStandIns(const QTemporaryDir &dir, const QString &script)
{
    const QString path = dir.filePath(u"lab.sh"_s);
    if (!writeExecutable(path, script.toUtf8()))
        return false;
    QProcess sh;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PATH"_s, dir.path() + u':' + env.value(u"PATH"_s));
    env.insert(u"LOG"_s, dir.filePath(u"log"_s));
    sh.setProcessEnvironment(env);
    sh.start(u"/bin/sh"_s, { path });
    if (!sh.waitForFinished(10000) || sh.exitCode() != 0) {
        qWarning("the script failed: %s", sh.readAllStandardError().constData());
        return false;
    }
    return true;
}

} // namespace

class TestScript : public QObject
{
    Q_OBJECT

private slots:
    void shape();
    void rejects_data();
    void rejects();
    void runsWhatTheEngineWouldRun();
    void loginCommand();
    void ownDiskNodesLogInAsTheirLoginSays();
};

void TestScript::loginCommand()
{
    const Lab lab = test::seedLab();
    const Result<QStringList> login = nodeLoginCommand(lab, u"NodeA"_s, sshOptions());
    QVERIFY2(login.ok(), qPrintable(login.error()));
    QCOMPARE(*login,
        QStringList({ u"ip"_s, u"netns"_s, u"exec"_s, u"mlab-seed-mgmt"_s, u"ssh"_s, u"-i"_s,
            u"/run/mlab/seed/id_ed25519"_s, u"-o"_s, u"UserKnownHostsFile=/run/mlab/seed/known hosts"_s, u"-o"_s,
            u"StrictHostKeyChecking=yes"_s, u"root@10.168.255.1"_s }));
    const Result<QStringList> stranger = nodeLoginCommand(lab, u"NodeZ"_s, sshOptions());
    QVERIFY(!stranger.ok());
    QCOMPARE(stranger.error(), u"lab \"seed\" has no node called \"NodeZ\""_s);
}

void TestScript::shape()
{
    const Lab lab = test::seedLab();
    QMap<QString, QList<Command>> nodes;
    nodes.insert(u"NodeB"_s, networkCommands(lab, lab.nodes[1]));
    nodes.insert(u"NodeA"_s, networkCommands(lab, lab.nodes[0]));
    const Result<QString> script = exportScript(lab, {}, nodes, sshOptions());
    QVERIFY2(script.ok(), script.ok() ? "" : qPrintable(script.error())); // error() throws on success
    const QString &text = *script;
    QVERIFY(text.startsWith(u"#!/bin/sh\n# MPTCP Lab: the commands that build lab \"seed\""_s));
    QVERIFY(text.contains(u"\nset -e\n"_s));
    QVERIFY(text.contains(u"MGMT_NS=mlab-seed-mgmt\n"_s));
    QVERIFY(text.contains(u"KNOWN_HOSTS='/run/mlab/seed/known hosts'\n"_s));
    QVERIFY(text.contains(u"    NodeA) addr=10.168.255.1 ;;\n    NodeB) addr=10.168.255.2 ;;\n"_s));
    QVERIFY(text.contains(u"\n# source routing: packets from 10.168.1.1 use routing table 1\n"
                          u"on_node NodeA ip rule add from 10.168.1.1 table 1\n"_s));
    QVERIFY(text.contains(u"on_node NodeA ip rule del from 10.168.1.1 table 1 || true\n"_s));
    // Lab order, not the map's alphabetical order (the same here), and NodeA before NodeB.
    QVERIFY(text.indexOf(u"# ---- on NodeA ----"_s) < text.indexOf(u"# ---- on NodeB ----"_s));
    QVERIFY(!text.contains(u"# ---- on this machine ----"_s));
}

void TestScript::rejects_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<bool>("dropManagement");
    QTest::addColumn<bool>("noKey");
    QTest::addColumn<bool>("emptyCommand");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown node")
        << u"NodeC"_s << false << false << false
        << u"Cannot export the script of lab \"seed\": there are commands for node \"NodeC\", "
           u"which the lab does not have"_s;
    QTest::newRow("no management") << u"NodeA"_s << true << false << false
                                   << u"Cannot export the script of lab \"seed\": node \"NodeA\" has no management "
                                      u"interface to reach it over ssh"_s;
    QTest::newRow("empty command") << u"NodeA"_s << false << false << true
                                   << u"Cannot export the script of lab \"seed\": a command for node \"NodeA\" is "
                                      u"empty (reason given: \"nothing\")"_s;
    QTest::newRow("no key") << u"NodeA"_s << false << true << false
                            << u"Cannot export the script of lab \"seed\": the ssh key and known_hosts paths must both "
                               u"be given"_s;
}

void TestScript::rejects()
{
    QFETCH(QString, node);
    QFETCH(bool, dropManagement);
    QFETCH(bool, noKey);
    QFETCH(bool, emptyCommand);
    QFETCH(QString, error);
    Lab lab = test::seedLab();
    if (dropManagement)
        lab.nodes[0].interfaces.removeLast();
    ScriptSshOptions ssh = sshOptions();
    if (noKey)
        ssh.keyPath.clear();
    QMap<QString, QList<Command>> nodes;
    nodes.insert(node, { nodeCommand(node, emptyCommand ? QStringList() : QStringList { u"true"_s }, u"nothing"_s) });
    const Result<QString> script = exportScript(lab, {}, nodes, ssh);
    QVERIFY(!script.ok());
    QCOMPARE(script.error(), error);
}

void TestScript::runsWhatTheEngineWouldRun()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeExecutable(dir.filePath(u"ip"_s), fakeIp));
    QVERIFY(writeExecutable(dir.filePath(u"ssh"_s), fakeSsh));

    const Lab lab = test::seedLab();
    Command host;
    host.where = u"host"_s;
    host.argv = QStringList { u"ip"_s, u"link"_s, u"set"_s, u"dev"_s, u"tap0"_s, u"up"_s };
    host.why = u"bring the host's management tap up"_s;
    QMap<QString, QList<Command>> nodes;
    nodes.insert(u"NodeA"_s,
        { nodeCommand(u"NodeA"_s, { u"sh"_s, u"-c"_s, u"echo 1 > /proc/sys/net/mptcp/mptcp_enabled"_s },
              u"a redirection must reach the node's shell intact"_s),
            nodeCommand(u"NodeA"_s, { u"ip"_s, u"rule"_s, u"del"_s, u"from"_s, u"10.168.1.1"_s }, u"cleanup"_s, true),
            nodeCommand(u"NodeA"_s, { u"echo"_s, u"it's $HOME"_s }, u"quotes and dollars"_s) });
    nodes.insert(u"NodeB"_s, { nodeCommand(u"NodeB"_s, { u"ip"_s, u"mptcp"_s, u"endpoint"_s, u"show"_s }, u"look"_s) });
    const Result<QString> script = exportScript(lab, { host }, nodes, sshOptions());
    QVERIFY2(script.ok(), script.ok() ? "" : qPrintable(script.error())); // error() throws on success

    QVERIFY(runWithStandIns(dir, *script));
    QFile log(dir.filePath(u"log"_s));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString opts = u"[UserKnownHostsFile=/run/mlab/seed/known hosts][StrictHostKeyChecking=yes][BatchMode=yes]"_s;
    const QString ssh = u"ssh key=/run/mlab/seed/id_ed25519 "_s + opts;
    const QStringList expected {
        u"host: ip link set dev tap0 up"_s,
        u"netns mlab-seed-mgmt"_s,
        ssh + u" root@10.168.255.1: sh -c 'echo 1 > /proc/sys/net/mptcp/mptcp_enabled'"_s,
        u"netns mlab-seed-mgmt"_s,
        ssh + u" root@10.168.255.1: ip rule del from 10.168.1.1"_s, // failed, and the script went on
        u"netns mlab-seed-mgmt"_s,
        ssh + u" root@10.168.255.1: echo 'it'\\''s $HOME'"_s,
        u"netns mlab-seed-mgmt"_s,
        ssh + u" root@10.168.255.2: ip mptcp endpoint show"_s,
    };
    QCOMPARE(QString::fromUtf8(log.readAll()).split(u'\n', Qt::SkipEmptyParts), expected);
}

// A VM on its own disk has its own accounts: the login command and the script's on_node use its login's user,
// and the engine's copy of its key, or no key at all for a password (ssh then asks for it).
void TestScript::ownDiskNodesLogInAsTheirLoginSays()
{
    Lab lab = test::seedLab();
    for (NodeSpec &node : lab.nodes) {
        node.kind = u"qemu"_s;
        node.qemu.disk = u"/srv/images/"_s + node.name + u".img"_s;
    }
    lab.nodes[0].qemu.login.password = u"secret"_s;
    lab.nodes[1].qemu.login.user = u"admin"_s;
    lab.nodes[1].qemu.login.identityFile = u"keys/admin"_s;
    ScriptSshOptions ssh = sshOptions();
    ssh.nodesDir = u"/run/mlab/seed/private/nodes"_s;

    const Result<QStringList> withPassword = nodeLoginCommand(lab, u"NodeA"_s, ssh);
    QVERIFY2(withPassword.ok(), qPrintable(withPassword.error()));
    QCOMPARE(*withPassword,
        QStringList({ u"ip"_s, u"netns"_s, u"exec"_s, u"mlab-seed-mgmt"_s, u"ssh"_s, u"-o"_s,
            u"UserKnownHostsFile=/run/mlab/seed/known hosts"_s, u"-o"_s, u"StrictHostKeyChecking=yes"_s,
            u"root@10.168.255.1"_s }));
    const Result<QStringList> withKey = nodeLoginCommand(lab, u"NodeB"_s, ssh);
    QVERIFY2(withKey.ok(), qPrintable(withKey.error()));
    QVERIFY(withKey->contains(u"admin@10.168.255.2"_s));
    QCOMPARE(withKey->value(withKey->indexOf(u"-i"_s) + 1), u"/run/mlab/seed/private/nodes/NodeB/login-key"_s);

    QTemporaryDir dir;
    QVERIFY(writeExecutable(dir.filePath(u"ip"_s), fakeIp));
    QVERIFY(writeExecutable(dir.filePath(u"ssh"_s), fakeSsh));
    QMap<QString, QList<Command>> nodes;
    for (const QString &name : { u"NodeA"_s, u"NodeB"_s })
        nodes.insert(name, { nodeCommand(name, { u"hostname"_s }, u"who"_s) });
    const Result<QString> script = exportScript(lab, {}, nodes, ssh);
    QVERIFY2(script.ok(), script.ok() ? "" : qPrintable(script.error()));
    QVERIFY(!script->contains(u"secret"_s)); // the password stays in the lab file
    QVERIFY(runWithStandIns(dir, *script));
    QFile log(dir.filePath(u"log"_s));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString opts = u"[UserKnownHostsFile=/run/mlab/seed/known hosts][StrictHostKeyChecking=yes]"_s;
    QCOMPARE(QString::fromUtf8(log.readAll()).split(u'\n', Qt::SkipEmptyParts),
        QStringList({ u"netns mlab-seed-mgmt"_s, u"ssh key= "_s + opts + u" root@10.168.255.1: hostname"_s,
            u"netns mlab-seed-mgmt"_s,
            u"ssh key=/run/mlab/seed/private/nodes/NodeB/login-key "_s + opts
                + u"[BatchMode=yes] admin@10.168.255.2: hostname"_s }));
}

QTEST_GUILESS_MAIN(TestScript)
#include "tst_script.moc"
