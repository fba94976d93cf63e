// The engine API as a contract (docs/engine-api.md): server and client in one process, no root needed.
// Every method and error code, malformed input, a 10 MB line, a client that never reads; after each, the
// engine still answers status correctly.
#include "engine/apiprotocol.h"
#include "engine/engineclient.h"
#include "engine/engineserver.h"
#include "engine/labcontroller.h"

#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace mlab;

class TestEngineProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void helloNamesTheProtocol();
    void helloRefusesAnotherVersion();
    void statusAnswersWhileDown();
    void errorCodes_data();
    void errorCodes();
    void malformedLines_data();
    void malformedLines();
    void tenMegabyteLineIsRefusedAndTheConnectionLives();
    void subscribeTwiceAndUnsubscribe();
    void transcriptPagesBySequence();
    void transcriptEventsReachSubscribersOnly();
    void clientThatNeverReadsLosesEventsNotTheEngine();
    void tooManyRequestsInProgressAreRefused();
    void garbledRepliesStillSaySomething();

private:
    // A raw connection that speaks bytes, for what EngineClient would never send.
    int rawConnect() const;
    static void rawSend(int fd, const QByteArray &bytes);
    // Reads replies from a raw connection until one with the given id (or, for a null id, any reply) arrives.
    static QJsonObject rawReply(int fd, const QJsonValue &id, int timeoutMs = 5000);
    void expectStatusStillWorks();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LabController> m_controller;
    std::unique_ptr<EngineServer> m_server;
    QString m_socketPath;
};

void TestEngineProtocol::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("MPTCPLAB_RUNTIME_DIR", QFile::encodeName(m_dir->path()));
    m_controller = std::make_unique<LabController>(test::seedLab());
    m_server = std::make_unique<EngineServer>(m_controller.get(), nullptr, ::getuid());
    m_socketPath = m_dir->filePath(QStringLiteral("engine.sock"));
    const Status listening = m_server->listen(m_socketPath);
    QVERIFY2(listening, qPrintable(listening.error()));
}

void TestEngineProtocol::cleanup()
{
    m_server.reset();
    m_controller.reset();
    m_dir.reset();
}

int TestEngineProtocol::rawConnect() const
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    const QByteArray path = QFile::encodeName(m_socketPath);
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
        qFatal("cannot connect to %s", path.constData());
    return fd;
}

void TestEngineProtocol::rawSend(int fd, const QByteArray &bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        // The engine reads as we write: let its event loop run while the socket buffer is full.
        const ssize_t n = ::send(fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_DONTWAIT);
        if (n > 0)
            sent += n;
        else
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
}

QJsonObject TestEngineProtocol::rawReply(int fd, const QJsonValue &id, int timeoutMs)
{
    QByteArray buffer;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        char chunk[65536];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n > 0)
            buffer.append(chunk, n);
        qsizetype newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
            const QJsonObject message = QJsonDocument::fromJson(buffer.left(newline)).object();
            buffer.remove(0, newline + 1);
            if (message.contains(QStringLiteral("event")))
                continue;
            if (id.isNull() ? message.value(QStringLiteral("id")).isNull() : message.value(QStringLiteral("id")) == id)
                return message;
        }
    }
    return {};
}

void TestEngineProtocol::expectStatusStillWorks()
{
    EngineClient client;
    const Status connected = client.connectTo(m_socketPath);
    QVERIFY2(connected, qPrintable(connected.error()));
    const Result<QJsonValue> status = client.call(QStringLiteral("status"));
    QVERIFY2(status, qPrintable(status.error()));
    QCOMPARE(status->toObject().value(QStringLiteral("lab")).toString(), QStringLiteral("seed"));
    QCOMPARE(status->toObject().value(QStringLiteral("phase")).toString(), QStringLiteral("down"));
    QCOMPARE(status->toObject().value(QStringLiteral("protocolVersion")).toInt(), api::ProtocolVersion);
}

void TestEngineProtocol::helloNamesTheProtocol()
{
    EngineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    const QJsonObject hello = client.connection().helloResult();
    QCOMPARE(hello.value(QStringLiteral("protocolVersion")).toInt(), api::ProtocolVersion);
    QCOMPARE(hello.value(QStringLiteral("lab")).toString(), QStringLiteral("seed"));
    QCOMPARE(hello.value(QStringLiteral("phase")).toString(), QStringLiteral("down"));
    const QStringList methods = hello.value(QStringLiteral("methods")).toVariant().toStringList();
    for (const char *method : { "hello", "status", "up", "down", "break", "restore", "exec", "cancel", "subscribe",
             "unsubscribe", "transcript", "history", "consoleLog" })
        QVERIFY2(methods.contains(QLatin1String(method)), method);
    QCOMPARE(hello.value(QStringLiteral("topics")).toVariant().toStringList(), EngineServer::topicNames());
    // break takes a mode (cut or unplug): a client may offer the choice.
    QVERIFY(
        hello.value(QStringLiteral("capabilities")).toVariant().toStringList().contains(QStringLiteral("break-modes")));
}

void TestEngineProtocol::helloRefusesAnotherVersion()
{
    EngineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    const EngineReply reply = client.request(QStringLiteral("hello"), { { QStringLiteral("protocolVersion"), 99 } });
    QVERIFY(!reply.ok);
    QCOMPARE(reply.code, QStringLiteral("unsupported-version"));
    QVERIFY2(reply.message.contains(QStringLiteral("protocol version 1")), qPrintable(reply.message));
}

void TestEngineProtocol::statusAnswersWhileDown()
{
    expectStatusStillWorks();
    EngineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    const Result<QJsonValue> status = client.call(QStringLiteral("status"));
    QVERIFY(status);
    QCOMPARE(status->toObject().value(QStringLiteral("traffic")).toObject().value(QStringLiteral("state")).toString(),
        QStringLiteral("idle"));
    QCOMPARE(status->toObject().value(QStringLiteral("scenario")).toObject().value(QStringLiteral("state")).toString(),
        QStringLiteral("idle"));
    const Result<QJsonValue> traffic
        = client.call(QStringLiteral("traffic"), { { QStringLiteral("action"), QStringLiteral("status") } });
    QVERIFY2(traffic, qPrintable(traffic.error()));
    QCOMPARE(traffic->toObject().value(QStringLiteral("state")).toString(), QStringLiteral("idle"));
}

void TestEngineProtocol::errorCodes_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("unknown method") << QStringLiteral("reboot") << QJsonObject() << QStringLiteral("unknown-method")
                                    << QStringLiteral("\"reboot\"");
    QTest::newRow("unknown parameter") << QStringLiteral("status")
                                       << QJsonObject { { QStringLiteral("verbose"), true } }
                                       << QStringLiteral("bad-params") << QStringLiteral("\"verbose\"");
    QTest::newRow("missing parameter") << QStringLiteral("break") << QJsonObject() << QStringLiteral("bad-params")
                                       << QStringLiteral("\"link\" is missing");
    QTest::newRow("wrong type") << QStringLiteral("break") << QJsonObject { { QStringLiteral("link"), 10 } }
                                << QStringLiteral("bad-params") << QStringLiteral("must be a string (got 10)");
    QTest::newRow("unknown break mode") << QStringLiteral("break")
                                        << QJsonObject { { QStringLiteral("link"), QStringLiteral("NodeA:eth0") },
                                               { QStringLiteral("mode"), QStringLiteral("melt") } }
                                        << QStringLiteral("bad-params")
                                        << QStringLiteral("\"mode\" must be one of cut, unplug (got \"melt\")");
    QTest::newRow("unplug while down") << QStringLiteral("break")
                                       << QJsonObject { { QStringLiteral("link"), QStringLiteral("NodeA:eth0") },
                                              { QStringLiteral("mode"), QStringLiteral("unplug") } }
                                       << QStringLiteral("not-ready") << QStringLiteral("not running");
    QTest::newRow("unplug of the management network")
        << QStringLiteral("break")
        << QJsonObject { { QStringLiteral("link"), QStringLiteral("1") },
               { QStringLiteral("mode"), QStringLiteral("unplug") } }
        << QStringLiteral("unknown-link") << QStringLiteral("management host");
    QTest::newRow("restore takes no mode") << QStringLiteral("restore")
                                           << QJsonObject { { QStringLiteral("link"), QStringLiteral("NodeA:eth0") },
                                                  { QStringLiteral("mode"), QStringLiteral("unplug") } }
                                           << QStringLiteral("bad-params") << QStringLiteral("\"mode\"");
    QTest::newRow("negative timeout") << QStringLiteral("exec")
                                      << QJsonObject { { QStringLiteral("node"), QStringLiteral("NodeA") },
                                             { QStringLiteral("command"), QStringLiteral("true") },
                                             { QStringLiteral("timeoutMs"), -5 } }
                                      << QStringLiteral("bad-params")
                                      << QStringLiteral("\"timeoutMs\" must be an integer from 1 to 3600000 (got -5)");
    QTest::newRow("fractional timeout") << QStringLiteral("exec")
                                        << QJsonObject { { QStringLiteral("node"), QStringLiteral("NodeA") },
                                               { QStringLiteral("command"), QStringLiteral("true") },
                                               { QStringLiteral("timeoutMs"), 1.5 } }
                                        << QStringLiteral("bad-params") << QStringLiteral("\"timeoutMs\"");
    QTest::newRow("unknown link") << QStringLiteral("break")
                                  << QJsonObject { { QStringLiteral("link"), QStringLiteral("NodeZ:eth9") } }
                                  << QStringLiteral("unknown-link") << QStringLiteral("NodeA:eth0");
    QTest::newRow("management link") << QStringLiteral("break")
                                     << QJsonObject { { QStringLiteral("link"), QStringLiteral("NodeA:eth2") } }
                                     << QStringLiteral("unknown-link") << QStringLiteral("management");
    QTest::newRow("break while down") << QStringLiteral("break")
                                      << QJsonObject { { QStringLiteral("link"), QStringLiteral("NodeA:eth0") } }
                                      << QStringLiteral("not-ready") << QStringLiteral("not running");
    QTest::newRow("restore while down") << QStringLiteral("restore")
                                        << QJsonObject { { QStringLiteral("link"), QStringLiteral("NodeA:eth0") } }
                                        << QStringLiteral("not-ready") << QStringLiteral("not running");
    QTest::newRow("exec on unknown node") << QStringLiteral("exec")
                                          << QJsonObject { { QStringLiteral("node"), QStringLiteral("../NodeA") },
                                                 { QStringLiteral("command"), QStringLiteral("id") } }
                                          << QStringLiteral("unknown-node") << QStringLiteral("NodeA, NodeB");
    QTest::newRow("exec while down") << QStringLiteral("exec")
                                     << QJsonObject { { QStringLiteral("node"), QStringLiteral("NodeA") },
                                            { QStringLiteral("command"), QStringLiteral("id") } }
                                     << QStringLiteral("not-ready") << QStringLiteral("not running");
    QTest::newRow("console log of a namespace node")
        << QStringLiteral("consoleLog") << QJsonObject { { QStringLiteral("node"), QStringLiteral("NodeA") } }
        << QStringLiteral("bad-params") << QStringLiteral("only a QEMU node");
    QTest::newRow("cancel nothing") << QStringLiteral("cancel")
                                    << QJsonObject { { QStringLiteral("requestId"), 12345 } }
                                    << QStringLiteral("not-found") << QStringLiteral("12345");
    QTest::newRow("cancel with a bad id")
        << QStringLiteral("cancel") << QJsonObject { { QStringLiteral("requestId"), true } }
        << QStringLiteral("bad-params") << QStringLiteral("requestId");
    QTest::newRow("unknown topic") << QStringLiteral(
        "subscribe") << QJsonObject { { QStringLiteral("topics"), QJsonArray { QStringLiteral("gossip") } } }
                                   << QStringLiteral("bad-params") << QStringLiteral("\"gossip\"");
    QTest::newRow("telemetry without telemetry")
        << QStringLiteral("subscribe")
        << QJsonObject { { QStringLiteral("topics"), QJsonArray { QStringLiteral("telemetry") } } }
        << QStringLiteral("no-telemetry") << QStringLiteral("without telemetry");
    QTest::newRow("history without telemetry") << QStringLiteral("history") << QJsonObject()
                                               << QStringLiteral("no-telemetry") << QStringLiteral("without telemetry");
    QTest::newRow("traffic while down") << QStringLiteral("traffic")
                                        << QJsonObject { { QStringLiteral("action"), QStringLiteral("start") } }
                                        << QStringLiteral("not-ready") << QStringLiteral("not running");
    QTest::newRow("traffic without action") << QStringLiteral("traffic") << QJsonObject()
                                            << QStringLiteral("bad-params") << QStringLiteral("\"action\" is missing");
    QTest::newRow("traffic for a year") << QStringLiteral("traffic")
                                        << QJsonObject { { QStringLiteral("action"), QStringLiteral("start") },
                                               { QStringLiteral("durationS"), 31536000 } }
                                        << QStringLiteral("bad-params") << QStringLiteral("\"durationS\"");
    QTest::newRow("scenario while down") << QStringLiteral("scenario")
                                         << QJsonObject { { QStringLiteral("action"), QStringLiteral("start") } }
                                         << QStringLiteral("not-ready") << QStringLiteral("not running");
    QTest::newRow("unknown scenario") << QStringLiteral("scenario")
                                      << QJsonObject { { QStringLiteral("action"), QStringLiteral("start") },
                                             { QStringLiteral("name"), QStringLiteral("chaos") } }
                                      << QStringLiteral("bad-params") << QStringLiteral("\"chaos\"");
    QTest::newRow("transcript limit too big")
        << QStringLiteral("transcript") << QJsonObject { { QStringLiteral("limit"), 100000 } }
        << QStringLiteral("bad-params") << QStringLiteral("\"limit\"");
}

void TestEngineProtocol::errorCodes()
{
    QFETCH(QString, method);
    QFETCH(QJsonObject, params);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    EngineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    const EngineReply reply = client.request(method, params, 5000);
    QVERIFY2(!reply.ok, qPrintable(method));
    QCOMPARE(reply.code, code);
    QVERIFY2(reply.message.contains(mentions), qPrintable(reply.message));
    expectStatusStillWorks();
}

void TestEngineProtocol::malformedLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("code");
    // A line that is not JSON has no id the engine could trust: its error carries a null id.
    QTest::newRow("not JSON") << QByteArray("{\"id\": 2, \"method\": ") << QStringLiteral("parse-error");
    QTest::newRow("array") << QByteArray("[1, 2, 3]") << QStringLiteral("bad-request");
    QTest::newRow("no id") << QByteArray("{\"method\": \"status\"}") << QStringLiteral("bad-request");
    QTest::newRow("object id") << QByteArray("{\"id\": {}, \"method\": \"status\"}") << QStringLiteral("bad-request");
    QTest::newRow("no method") << QByteArray("{\"id\": 1}") << QStringLiteral("bad-request");
    QTest::newRow("params not an object")
        << QByteArray("{\"id\": 1, \"method\": \"status\", \"params\": [1]}") << QStringLiteral("bad-params");
    QTest::newRow("binary") << QByteArray("\x01\x02\xff\xfe") << QStringLiteral("parse-error");
}

void TestEngineProtocol::malformedLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, code);
    const int fd = rawConnect();
    rawSend(fd, line + '\n');
    const bool hasId = line.contains("\"id\": 1");
    const QJsonObject reply = rawReply(fd, hasId ? QJsonValue(1) : QJsonValue());
    ::close(fd);
    QCOMPARE(reply.value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), code);
    QVERIFY(!reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
    expectStatusStillWorks();
}

void TestEngineProtocol::tenMegabyteLineIsRefusedAndTheConnectionLives()
{
    const int fd = rawConnect();
    rawSend(fd,
        QByteArray("{\"id\": 1, \"method\": \"status\", \"params\": {\"x\": \"") + QByteArray(10 * 1024 * 1024, 'a')
            + "\"}}\n");
    const QJsonObject refused = rawReply(fd, QJsonValue(), 20000);
    QCOMPARE(refused.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("line-too-long"));
    // The same connection goes on working.
    rawSend(fd, "{\"id\": 2, \"method\": \"status\"}\n");
    const QJsonObject status = rawReply(fd, 2);
    ::close(fd);
    QVERIFY(status.value(QStringLiteral("ok")).toBool());
    QCOMPARE(status.value(QStringLiteral("result")).toObject().value(QStringLiteral("lab")).toString(),
        QStringLiteral("seed"));
    expectStatusStillWorks();
}

void TestEngineProtocol::subscribeTwiceAndUnsubscribe()
{
    EngineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    const QJsonObject topics { { QStringLiteral("topics"),
        QJsonArray { QStringLiteral("phase"), QStringLiteral("link") } } };
    const Result<QJsonValue> first = client.call(QStringLiteral("subscribe"), topics);
    const Result<QJsonValue> second = client.call(QStringLiteral("subscribe"), topics);
    QVERIFY(first && second);
    QCOMPARE(second->toObject().value(QStringLiteral("topics")).toVariant().toStringList(),
        (QStringList { QStringLiteral("link"), QStringLiteral("phase") }));
    const Result<QJsonValue> left = client.call(
        QStringLiteral("unsubscribe"), { { QStringLiteral("topics"), QJsonArray { QStringLiteral("phase") } } });
    QVERIFY(left);
    QCOMPARE(left->toObject().value(QStringLiteral("topics")).toVariant().toStringList(),
        QStringList { QStringLiteral("link") });
    const Result<QJsonValue> none = client.call(QStringLiteral("unsubscribe"));
    QVERIFY(none);
    QVERIFY(none->toObject().value(QStringLiteral("topics")).toArray().isEmpty());
}

void TestEngineProtocol::transcriptPagesBySequence()
{
    Transcript *transcript = m_controller->transcript();
    for (int i = 0; i < 25; ++i)
        transcript->record(QStringLiteral("host"), QStringLiteral("echo %1").arg(i), 0, QString::number(i));
    EngineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    QStringList commands;
    qint64 since = 0;
    for (int page = 0; page < 10; ++page) {
        const Result<QJsonValue> reply = client.call(
            QStringLiteral("transcript"), { { QStringLiteral("sinceSeq"), since }, { QStringLiteral("limit"), 10 } });
        QVERIFY2(reply, qPrintable(reply.error()));
        const QJsonArray entries = reply->toObject().value(QStringLiteral("entries")).toArray();
        if (entries.isEmpty())
            break;
        for (const QJsonValue &entry : entries)
            commands << entry.toObject().value(QStringLiteral("command")).toString();
        since = reply->toObject().value(QStringLiteral("nextSeq")).toInteger();
    }
    QCOMPARE(commands.size(), 25);
    QCOMPARE(commands.first(), QStringLiteral("echo 0"));
    QCOMPARE(commands.last(), QStringLiteral("echo 24"));
}

void TestEngineProtocol::transcriptEventsReachSubscribersOnly()
{
    EngineClient listener;
    EngineClient bystander;
    QVERIFY(listener.connectTo(m_socketPath));
    QVERIFY(bystander.connectTo(m_socketPath));
    QVERIFY(listener.call(
        QStringLiteral("subscribe"), { { QStringLiteral("topics"), QJsonArray { QStringLiteral("transcript") } } }));
    m_controller->transcript()->record(QStringLiteral("NodeA"), QStringLiteral("ip mptcp endpoint show"), 0, QString());
    QJsonObject seen;
    QVERIFY(listener.waitForEvents(2000, [&](const QJsonObject &event) {
        if (event.value(QStringLiteral("event")).toString() == QLatin1String("transcript"))
            seen = event.value(QStringLiteral("entry")).toObject();
    }));
    QCOMPARE(seen.value(QStringLiteral("command")).toString(), QStringLiteral("ip mptcp endpoint show"));
    QVERIFY(seen.value(QStringLiteral("seq")).toInteger() > 0);
    // Stamped on the lab's one clock (CLOCK_MONOTONIC), not "since the transcript started".
    QVERIFY(seen.value(QStringLiteral("atMs")).toInteger() > 0);
    bool bystanderSawIt = false;
    QVERIFY(bystander.waitForEvents(300, [&](const QJsonObject &event) {
        bystanderSawIt |= event.value(QStringLiteral("event")).toString() == QLatin1String("transcript");
    }));
    QVERIFY(!bystanderSawIt);
}

void TestEngineProtocol::clientThatNeverReadsLosesEventsNotTheEngine()
{
    const int slow = rawConnect();
    rawSend(slow, "{\"id\": 1, \"method\": \"subscribe\", \"params\": {\"topics\": [\"transcript\"]}}\n");
    QVERIFY(rawReply(slow, 1).value(QStringLiteral("ok")).toBool());
    // ~50 MB of events while the slow client reads nothing.
    const QString output(5000, QLatin1Char('x'));
    for (int i = 0; i < 10000; ++i) {
        m_controller->transcript()->record(QStringLiteral("host"), QStringLiteral("flood %1").arg(i), 0, output);
        if (i % 500 == 0)
            QCoreApplication::processEvents();
    }
    QCoreApplication::processEvents();
    expectStatusStillWorks(); // everyone else is still served
    // Now the slow client reads: it gets at most the budget (plus what the kernel buffered), then the count.
    QByteArray received;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && !received.contains("\"event\":\"dropped\"")) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        char chunk[65536];
        const ssize_t n = ::recv(slow, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n > 0)
            received.append(chunk, n);
    }
    ::close(slow);
    QVERIFY2(received.contains("\"event\":\"dropped\""), "the slow client was never told what it lost");
    QVERIFY2(received.size() < 12 * 1024 * 1024, qPrintable(QString::number(received.size())));
    const qsizetype at = received.indexOf("\"event\":\"dropped\"");
    const qsizetype lineStart = received.lastIndexOf('\n', at) + 1;
    const QJsonObject dropped
        = QJsonDocument::fromJson(received.mid(lineStart, received.indexOf('\n', at) - lineStart)).object();
    QCOMPARE(dropped.value(QStringLiteral("topic")).toString(), QStringLiteral("transcript"));
    QVERIFY(dropped.value(QStringLiteral("count")).toInteger() > 1000);
}

void TestEngineProtocol::tooManyRequestsInProgressAreRefused()
{
    // Lab operations queue on the lab thread; here (one thread) they wait for the event loop, so a burst
    // sent without reading stays in progress long enough to pass the limit.
    const int fd = rawConnect();
    QByteArray burst;
    for (int i = 1; i <= api::MaxRequestsInProgress + 5; ++i)
        burst += "{\"id\": " + QByteArray::number(i) + ", \"method\": \"status\"}\n";
    rawSend(fd, burst);
    const QJsonObject refused = rawReply(fd, api::MaxRequestsInProgress + 1);
    ::close(fd);
    QCOMPARE(refused.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("overloaded"));
    expectStatusStillWorks();
}

// The client side: an engine (here a fake one) that answers without a message, or with a line that is not
// JSON, must still leave the user with a sentence.
void TestEngineProtocol::garbledRepliesStillSaySomething()
{
    QLocalServer fake;
    const QString path = m_dir->filePath(QStringLiteral("fake.sock"));
    QVERIFY(fake.listen(path));
    EngineConnection client;
    QSignalSpy ready(&client, &EngineConnection::ready);
    QSignalSpy events(&client, &EngineConnection::eventReceived);
    client.connectToEngine(path);
    QTRY_VERIFY(fake.hasPendingConnections() || fake.waitForNewConnection(100));
    QLocalSocket *engine = fake.nextPendingConnection();
    QVERIFY(engine);
    QTRY_VERIFY(engine->canReadLine());
    engine->readLine(); // hello
    engine->write("{\"id\": 1, \"ok\": true, \"result\": {\"protocolVersion\": 1}}\n");
    QTRY_COMPARE(ready.size(), 1);

    EngineReply answer;
    bool answered = false;
    client.call(QStringLiteral("status"), {}, [&](const EngineReply &reply) {
        answer = reply;
        answered = true;
    });
    QTRY_VERIFY(engine->canReadLine());
    engine->readLine();
    engine->write("this is not JSON\n{\"id\": 2, \"ok\": false}\n");
    QTRY_VERIFY(answered);
    QVERIFY(!answer.ok);
    QVERIFY2(answer.message.contains(QStringLiteral("without saying why")), qPrintable(answer.message));
    bool toldAboutGarbage = false;
    for (const QList<QVariant> &event : std::as_const(events))
        toldAboutGarbage |= event.value(0).toString() == QLatin1String("protocol-error");
    QVERIFY(toldAboutGarbage);

    // An engine that dies leaves pending calls with a reason, not waiting forever.
    bool lost = false;
    client.call(QStringLiteral("status"), {},
        [&](const EngineReply &reply) { lost = reply.code == QLatin1String("disconnected"); });
    engine->abort();
    QTRY_VERIFY(lost);
}

QTEST_GUILESS_MAIN(TestEngineProtocol)
#include "tst_engineprotocol.moc"
