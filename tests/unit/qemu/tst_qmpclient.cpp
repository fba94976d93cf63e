#include "qemu/qmpclient.h"

#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mlab;

// QmpClient against a real QEMU with no guest (-machine none starts in milliseconds): greeting, negotiation,
// replies, errors, and the events QEMU interleaves with replies.
class TestQmpClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void queriesStatus();
    void unknownCommandFailsWithQemusWords();
    void setLinkOnANetdev();
    void quitEndsQemu();
    void missingSocketIsNamed();

private:
    QString m_socket;
    QTemporaryDir m_dir;
    QProcess m_qemu;
};

void TestQmpClient::init()
{
    if (QStandardPaths::findExecutable(QStringLiteral("qemu-system-x86_64")).isEmpty())
        QSKIP("qemu-system-x86_64 is not installed (scripts/install-deps.sh installs it)");
    m_socket = m_dir.path() + QStringLiteral("/qmp.sock");
    QFile::remove(m_socket); // the last test's QEMU was killed: its socket file stays
    m_qemu.start(QStringLiteral("qemu-system-x86_64"),
        { QStringLiteral("-machine"), QStringLiteral("none"), QStringLiteral("-nodefaults"), QStringLiteral("-display"),
            QStringLiteral("none"), QStringLiteral("-netdev"), QStringLiteral("hubport,id=n0,hubid=0"),
            QStringLiteral("-qmp"), QStringLiteral("unix:%1,server=on,wait=off").arg(m_socket) });
    QVERIFY(m_qemu.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_socket), 10000);
}

void TestQmpClient::cleanup()
{
    if (m_qemu.state() != QProcess::NotRunning) {
        m_qemu.kill();
        m_qemu.waitForFinished();
    }
}

void TestQmpClient::queriesStatus()
{
    QmpClient client;
    const Status connected = client.connectTo(m_socket);
    QVERIFY2(connected, qPrintable(connected.error()));
    const Result<QJsonValue> status = client.execute(QStringLiteral("query-status"));
    QVERIFY2(status, qPrintable(status.error()));
    QVERIFY(status->toObject().contains(QStringLiteral("status")));
    const Result<QJsonValue> kvm = client.execute(QStringLiteral("query-kvm"));
    QVERIFY2(kvm, qPrintable(kvm.error()));
    QVERIFY(kvm->toObject().contains(QStringLiteral("enabled")));
}

void TestQmpClient::unknownCommandFailsWithQemusWords()
{
    const Result<QJsonValue> reply = QmpClient::call(m_socket, QStringLiteral("no-such-command"));
    QVERIFY(!reply);
    QVERIFY2(reply.error().contains(QStringLiteral("QMP no-such-command failed")), qPrintable(reply.error()));
    QVERIFY2(reply.error().contains(QStringLiteral("CommandNotFound")), qPrintable(reply.error()));
}

void TestQmpClient::setLinkOnANetdev()
{
    const QJsonObject off { { QStringLiteral("name"), QStringLiteral("n0") }, { QStringLiteral("up"), false } };
    const Result<QJsonValue> done = QmpClient::call(m_socket, QStringLiteral("set_link"), off);
    QVERIFY2(done, qPrintable(done.error()));
    const QJsonObject wrong { { QStringLiteral("name"), QStringLiteral("n9") }, { QStringLiteral("up"), false } };
    const Result<QJsonValue> refused = QmpClient::call(m_socket, QStringLiteral("set_link"), wrong);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(QStringLiteral("n9")), qPrintable(refused.error()));
}

void TestQmpClient::quitEndsQemu()
{
    // QEMU sends a SHUTDOWN event around its reply: the client must still find the reply.
    const Result<QJsonValue> done = QmpClient::call(m_socket, QStringLiteral("quit"));
    QVERIFY2(done, qPrintable(done.error()));
    QVERIFY(m_qemu.waitForFinished(5000));
}

void TestQmpClient::missingSocketIsNamed()
{
    const QString missing = m_dir.path() + QStringLiteral("/none.sock");
    const Result<QJsonValue> reply = QmpClient::call(missing, QStringLiteral("query-status"), {}, 500);
    QVERIFY(!reply);
    QVERIFY2(reply.error().contains(missing), qPrintable(reply.error()));
}

QTEST_GUILESS_MAIN(TestQmpClient)
#include "tst_qmpclient.moc"
