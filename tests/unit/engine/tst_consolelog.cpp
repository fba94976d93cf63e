// The consoleLog method (docs/engine-api.md): the newest bytes of a VM's serial console log, which only the
// engine may read. The file's tail on its own, then the method through a server and a client in one process;
// the controller's phase signal stands in for a lab whose VMs booted (that needs root and a guest image).
#include "engine/consolelog.h"
#include "engine/engineclient.h"
#include "engine/engineserver.h"
#include "engine/labcontroller.h"
#include "engine/runtimedir.h"

#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace mlab;

namespace {

// Lines as a serial console writes them: CR LF, kernel messages first, the guest's ready line last.
QByteArray consoleText(int kernelLines)
{
    QByteArray text;
    for (int i = 0; i < kernelLines; ++i)
        text += QByteArray("[    0.") + QByteArray::number(100000 + i) + "] kernel message " + QByteArray::number(i)
            + "\r\n";
    text += "MLAB-READY NodeA kernel=6.1.0-57-amd64 uptime=4.21 mptcp=1\r\n";
    return text;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return QDir().mkpath(QFileInfo(path).path()) && file.open(QIODevice::WriteOnly)
        && file.write(bytes) == bytes.size();
}

} // namespace

class TestConsoleLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tailOfAShortFileIsTheWholeFile();
    void tailStartsAtAWholeLine();
    void missingOrOddFilesAreRefused_data();
    void missingOrOddFilesAreRefused();
    void pathIsTheNodesPrivateConsoleLog();
    void refusals_data();
    void refusals();
    void runningVmAnswersItsLogTail();

private:
    EngineReply ask(const QJsonObject &params);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LabController> m_controller;
    std::unique_ptr<EngineServer> m_server;
    QString m_socketPath;
};

void TestConsoleLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("MPTCPLAB_RUNTIME_DIR", QFile::encodeName(m_dir->path()));
    const Result<Lab> lab = loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed-qemu.json"));
    QVERIFY2(lab, qPrintable(lab.error()));
    m_controller = std::make_unique<LabController>(*lab);
    m_server = std::make_unique<EngineServer>(m_controller.get(), nullptr, ::getuid());
    m_socketPath = m_dir->filePath(QStringLiteral("engine.sock"));
    const Status listening = m_server->listen(m_socketPath);
    QVERIFY2(listening, qPrintable(listening.error()));
}

void TestConsoleLog::cleanup()
{
    m_server.reset();
    m_controller.reset();
    m_dir.reset();
}

EngineReply TestConsoleLog::ask(const QJsonObject &params)
{
    EngineClient client;
    if (const Status connected = client.connectTo(m_socketPath); !connected)
        return { false, {}, QStringLiteral("test"), connected.error() };
    return client.request(QStringLiteral("consoleLog"), params, 5000);
}

void TestConsoleLog::tailOfAShortFileIsTheWholeFile()
{
    const QString path = m_dir->filePath(QStringLiteral("console.log"));
    const QByteArray text = consoleText(3);
    QVERIFY(writeFile(path, text));
    const Result<LogTail> tail = readLogTail(path, 64 * 1024);
    QVERIFY2(tail, qPrintable(tail.error()));
    QCOMPARE(tail->text, QString::fromUtf8(text));
    QCOMPARE(tail->sizeBytes, qint64(text.size()));
    QVERIFY(!tail->truncated);
}

void TestConsoleLog::tailStartsAtAWholeLine()
{
    const QString path = m_dir->filePath(QStringLiteral("console.log"));
    const QByteArray text = consoleText(2000);
    QVERIFY(writeFile(path, text));
    const Result<LogTail> tail = readLogTail(path, 1000);
    QVERIFY2(tail, qPrintable(tail.error()));
    QVERIFY(tail->truncated);
    QCOMPARE(tail->sizeBytes, qint64(text.size()));
    QVERIFY(tail->text.size() <= 1000);
    QVERIFY2(tail->text.startsWith(QStringLiteral("[    0.")), qPrintable(tail->text.left(40)));
    QVERIFY(tail->text.endsWith(QStringLiteral("mptcp=1\r\n")));
    QVERIFY(text.endsWith(tail->text.toUtf8()));
}

void TestConsoleLog::missingOrOddFilesAreRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("cannot read");
    QTest::newRow("directory") << QStringLiteral("directory") << QStringLiteral("not a regular file");
    QTest::newRow("symlink") << QStringLiteral("symlink") << QStringLiteral("not a regular file");
}

void TestConsoleLog::missingOrOddFilesAreRefused()
{
    QFETCH(QString, kind);
    QFETCH(QString, mentions);
    const QString path = m_dir->filePath(QStringLiteral("console.log"));
    const QString target = m_dir->filePath(QStringLiteral("elsewhere"));
    QVERIFY(writeFile(target, "secret\n"));
    if (kind == QLatin1String("directory"))
        QVERIFY(QDir().mkpath(path));
    else if (kind == QLatin1String("symlink"))
        QVERIFY(QFile::link(target, path));
    const Result<LogTail> tail = readLogTail(path, 1000);
    QVERIFY(!tail);
    QVERIFY2(tail.error().contains(mentions), qPrintable(tail.error()));
    QVERIFY2(tail.error().contains(path), qPrintable(tail.error()));
}

void TestConsoleLog::pathIsTheNodesPrivateConsoleLog()
{
    const RuntimeDir dir(QStringLiteral("seed-qemu"));
    QCOMPARE(consoleLogPath(dir, QStringLiteral("NodeA")),
        dir.nodeDir(QStringLiteral("NodeA")) + QStringLiteral("/console.log"));
    QVERIFY(consoleLogPath(dir, QStringLiteral("NodeA")).startsWith(dir.privateDir() + QLatin1Char('/')));
}

void TestConsoleLog::refusals_data()
{
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no node") << QJsonObject() << QStringLiteral("bad-params") << QStringLiteral("\"node\" is missing");
    QTest::newRow("unknown node") << QJsonObject { { QStringLiteral("node"), QStringLiteral("../NodeA") } }
                                  << QStringLiteral("unknown-node") << QStringLiteral("NodeA, NodeB");
    QTest::newRow("nothing to read") << QJsonObject { { QStringLiteral("node"), QStringLiteral("NodeA") },
        { QStringLiteral("maxBytes"), 0 } }
                                     << QStringLiteral("bad-params") << QStringLiteral("\"maxBytes\"");
    QTest::newRow("too much to read") << QJsonObject { { QStringLiteral("node"), QStringLiteral("NodeA") },
        { QStringLiteral("maxBytes"), 2 * 1024 * 1024 } }
                                      << QStringLiteral("bad-params") << QStringLiteral("from 1 to 1048576");
    QTest::newRow("lab down") << QJsonObject { { QStringLiteral("node"), QStringLiteral("NodeA") } }
                              << QStringLiteral("not-ready") << QStringLiteral("not running");
}

void TestConsoleLog::refusals()
{
    QFETCH(QJsonObject, params);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    const EngineReply reply = ask(params);
    QVERIFY(!reply.ok);
    QCOMPARE(reply.code, code);
    QVERIFY2(reply.message.contains(mentions), qPrintable(reply.message));
}

void TestConsoleLog::runningVmAnswersItsLogTail()
{
    Q_EMIT m_controller->phaseChanged(QStringLiteral("ready"), QString());
    const QString path = consoleLogPath(m_controller->runtimeDir(), QStringLiteral("NodeB"));

    EngineReply reply = ask({ { QStringLiteral("node"), QStringLiteral("NodeB") } });
    QVERIFY(!reply.ok);
    QCOMPARE(reply.code, QStringLiteral("failed"));
    QVERIFY2(reply.message.contains(path), qPrintable(reply.message));

    const QByteArray text = consoleText(5000);
    QVERIFY(writeFile(path, text));
    reply = ask({ { QStringLiteral("node"), QStringLiteral("NodeB") }, { QStringLiteral("maxBytes"), 4096 } });
    QVERIFY2(reply.ok, qPrintable(reply.message));
    const QJsonObject log = reply.result.toObject();
    QCOMPARE(log.value(QStringLiteral("node")).toString(), QStringLiteral("NodeB"));
    QCOMPARE(log.value(QStringLiteral("path")).toString(), path);
    QCOMPARE(log.value(QStringLiteral("sizeBytes")).toInteger(), qint64(text.size()));
    QVERIFY(log.value(QStringLiteral("truncated")).toBool());
    const QString tail = log.value(QStringLiteral("text")).toString();
    QVERIFY(tail.size() <= 4096 && tail.size() > 4000);
    QVERIFY(tail.endsWith(QStringLiteral("MLAB-READY NodeA kernel=6.1.0-57-amd64 uptime=4.21 mptcp=1\r\n")));

    // Without maxBytes: the newest 64 KiB.
    reply = ask({ { QStringLiteral("node"), QStringLiteral("NodeB") } });
    QVERIFY2(reply.ok, qPrintable(reply.message));
    const qsizetype whole = reply.result.toObject().value(QStringLiteral("text")).toString().size();
    QVERIFY2(whole > 60 * 1024 && whole <= 64 * 1024, qPrintable(QString::number(whole)));
}

QTEST_GUILESS_MAIN(TestConsoleLog)
#include "tst_consolelog.moc"
