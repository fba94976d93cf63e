// The client against a scripted stand-in for vde_switch: the failures a real
// switch rarely shows on demand (silence, late replies, a connection dropped
// mid-reply). The happy path against the real switch is in tst_vdeswitch.

#include "vde/vdemanagementclient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace mlab;

namespace {

const QByteArray kGreeting = QByteArrayLiteral("VDE switch V.2.3.2\n(C) Virtual Square Team\n\nvde$ ");

// A unix socket server on its own thread that plays a script: for each step it
// reads one command line, waits, answers, and maybe hangs up.
class ScriptedSwitch
{
public:
    struct Step
    {
        QByteArray reply;
        int delayMs = 0;
        bool hangUp = false;
    };

    ScriptedSwitch(const QString &path, QByteArray greeting, QList<Step> steps)
        : m_path(path.toLocal8Bit())
    {
        m_listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        qstrncpy(address.sun_path, m_path.constData(), sizeof(address.sun_path));
        ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof(address));
        ::listen(m_listener, 4);
        m_thread
            = std::thread([this, greeting = std::move(greeting), steps = std::move(steps)] { run(greeting, steps); });
    }
    ~ScriptedSwitch()
    {
        finish();
        ::close(m_listener);
        ::unlink(m_path.constData());
    }
    // Ends the script and returns the command lines the client sent.
    QList<QByteArray> finish()
    {
        m_quit = true;
        if (m_thread.joinable())
            m_thread.join();
        return m_received;
    }

private:
    bool waitReadable(int fd, int timeoutMs)
    {
        for (int waited = 0; waited < timeoutMs && !m_quit; waited += 20) {
            pollfd pfd { fd, POLLIN, 0 };
            if (::poll(&pfd, 1, 20) > 0)
                return true;
        }
        return false;
    }
    void run(const QByteArray &greeting, const QList<Step> &steps)
    {
        if (!waitReadable(m_listener, 5000))
            return;
        const int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        ::send(fd, greeting.constData(), greeting.size(), MSG_NOSIGNAL);
        QByteArray pending;
        for (const Step &step : steps) {
            while (!pending.contains('\n')) {
                char buffer[256];
                if (!waitReadable(fd, 5000))
                    break;
                const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
                if (n <= 0)
                    break;
                pending.append(buffer, n);
            }
            const qsizetype newline = pending.indexOf('\n');
            m_received << pending.left(newline);
            pending.remove(0, newline + 1);
            std::this_thread::sleep_for(std::chrono::milliseconds(step.delayMs));
            ::send(fd, step.reply.constData(), step.reply.size(), MSG_NOSIGNAL);
            if (step.hangUp)
                break;
        }
        if (!steps.isEmpty() && steps.constLast().hangUp) {
            ::close(fd);
            return;
        }
        waitReadable(fd, 10000); // keep the line open until the test is done with it
        ::close(fd);
    }

    QByteArray m_path;
    int m_listener = -1;
    std::thread m_thread;
    std::atomic_bool m_quit { false };
    QList<QByteArray> m_received;
};

} // namespace

class TestVdeManagementClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }
    void connectFails_data();
    void connectFails();
    void commandWithoutConnection();
    void lateReplyIsNotMistakenForTheNextOne();
    void connectionDroppedMidReply();
    void dataAndErrorInOneReply();

private:
    QString socketPath(const char *name) const { return m_tmp.filePath(QLatin1String(name)); }
    QTemporaryDir m_tmp;
};

void TestVdeManagementClient::connectFails_data()
{
    QTest::addColumn<bool>("listen");
    QTest::addColumn<QByteArray>("greeting");
    QTest::addColumn<QString>("error");
    QTest::newRow("no such socket") << false << QByteArray()
                                    << QStringLiteral("Cannot connect to the vde_switch management socket");
    QTest::newRow("silent server") << true << QByteArray() << QStringLiteral("sent no \"vde$ \" prompt within 300 ms");
    QTest::newRow("banner but no prompt") << true << QByteArrayLiteral("VDE switch V.2.3.2\n")
                                          << QStringLiteral("sent no \"vde$ \" prompt within 300 ms");
}

void TestVdeManagementClient::connectFails()
{
    QFETCH(bool, listen);
    QFETCH(QByteArray, greeting);
    QFETCH(QString, error);
    const QString path = socketPath("connect.mgmt");
    std::unique_ptr<ScriptedSwitch> server;
    if (listen)
        server = std::make_unique<ScriptedSwitch>(path, greeting, QList<ScriptedSwitch::Step> {});
    VdeManagementClient client;
    QElapsedTimer clock;
    clock.start();
    const Status connected = client.connectTo(path, 300);
    QVERIFY(!connected);
    QVERIFY2(connected.error().contains(error), qPrintable(connected.error()));
    QVERIFY2(connected.error().contains(path), qPrintable(connected.error()));
    QVERIFY(clock.elapsed() < 2000); // the timeout is honoured
    QVERIFY(!client.isConnected());
}

void TestVdeManagementClient::commandWithoutConnection()
{
    VdeManagementClient client;
    QStringList transcript;
    client.setTranscript(
        [&](const QString &command, const QString &outcome) { transcript << command + u" -> " + outcome; });
    const Result<VdeReply> reply = client.command(QStringLiteral("port/allprint"));
    QVERIFY(!reply);
    QVERIFY2(reply.error().contains(QLatin1String("not connected")), qPrintable(reply.error()));
    QCOMPARE(transcript.size(), 1); // even a command that could not be sent is recorded
    QVERIFY(transcript.first().startsWith(QLatin1String("port/allprint -> Cannot send")));
}

void TestVdeManagementClient::lateReplyIsNotMistakenForTheNextOne()
{
    const QString path = socketPath("late.mgmt");
    QList<QByteArray> received;
    {
        ScriptedSwitch server(path, kGreeting,
            { { QByteArrayLiteral("1000 Success\n\nvde$ "), 600 },
                { QByteArrayLiteral("1022 Invalid argument\n\nvde$ "), 0 } });
        VdeManagementClient client;
        QVERIFY(client.connectTo(path, 1000));
        QCOMPARE(client.banner(), QStringLiteral("VDE switch V.2.3.2\n(C) Virtual Square Team"));

        const Result<VdeReply> slow = client.command(QStringLiteral("port/setvlan 10 4"), 200);
        QVERIFY(!slow);
        QVERIFY2(slow.error().contains(QLatin1String("did not answer \"port/setvlan 10 4\" within 200 ms")),
            qPrintable(slow.error()));
        // The late "1000 Success" belongs to the first command; the second must get its own 1022.
        const Status next = client.setPortVlan(99, 1);
        QVERIFY(!next);
        QVERIFY2(
            next.error().startsWith(QLatin1String("vde_switch refused \"port/setvlan 99 1\": 1022 Invalid argument")),
            qPrintable(next.error()));
        client.disconnectFromSwitch();
        received = server.finish();
    }
    QCOMPARE(received, (QList<QByteArray> { "port/setvlan 10 4", "port/setvlan 99 1" }));
}

void TestVdeManagementClient::connectionDroppedMidReply()
{
    const QString path = socketPath("drop.mgmt");
    ScriptedSwitch server(
        path, kGreeting, { { QByteArrayLiteral("0000 DATA END WITH '.'\nPort 0010 untag"), 0, true } });
    VdeManagementClient client;
    QVERIFY(client.connectTo(path, 1000));
    QSignalSpy lost(&client, &VdeManagementClient::connectionLost);
    const Result<QList<VdePortInfo>> ports = client.portCounters();
    QVERIFY(!ports);
    QVERIFY2(ports.error().contains(QLatin1String("closed its management connection")), qPrintable(ports.error()));
    QVERIFY2(ports.error().contains(QLatin1String("port/allprint")), qPrintable(ports.error()));
    QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 2000);
    QVERIFY(!client.isConnected());
    const Result<VdeReply> after = client.command(QStringLiteral("showinfo"));
    QVERIFY(!after);
    QVERIFY2(after.error().contains(QLatin1String("not connected")), qPrintable(after.error()));
}

void TestVdeManagementClient::dataAndErrorInOneReply()
{
    // What the real switch answers to "port/print N" for a port with nothing plugged in.
    const QString path = socketPath("data.mgmt");
    ScriptedSwitch server(path, kGreeting,
        { { QByteArrayLiteral("0000 DATA END WITH '.'\n.\n1006 No such device or address\n\nvde$ "), 0 } });
    VdeManagementClient client;
    QVERIFY(client.connectTo(path, 1000));
    const Result<VdeReply> reply = client.command(QStringLiteral("port/print 2"));
    QVERIFY(!reply);
    QCOMPARE(reply.error(), QStringLiteral("vde_switch refused \"port/print 2\": 1006 No such device or address"));
}

QTEST_GUILESS_MAIN(TestVdeManagementClient)
#include "tst_vdemanagementclient.moc"
