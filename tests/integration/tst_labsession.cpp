// LabSession, what the window drives a lab with, against a real engine: attach finds nothing and starts
// nothing, start brings the lab up, the backlog and live events arrive, links break and restore, a command
// streams its output, a second session attaches to the running lab (a window closed and reopened), and stop
// leaves nothing behind.
#include "labharness.h"

#include "client/labsession.h"
#include "lab/labfile.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

#include <memory>
#include <unistd.h>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestLabSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void attachStartsNothing();
    void startBringsTheLabUpAndFeedsTheWindow();
    void linksBreakAndRestore();
    void execStreamsItsOutput();
    void aSecondSessionAttaches();
    void stopLeavesNothing();

private:
    std::unique_ptr<LabHarness> m_harness;
    std::unique_ptr<LabSession> m_session;
    std::unique_ptr<QSignalSpy> m_finished;
};

void TestLabSession::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("integration tests need root: they create network namespaces, taps and a switch");
    m_harness = std::make_unique<LabHarness>(u"itsess"_s);
    QVERIFY2(m_harness->leftovers().isEmpty(), qPrintable(m_harness->leftovers().join(u'\n')));
    Result<Lab> lab = loadLabFile(m_harness->labFile());
    QVERIFY2(lab.ok(), lab.ok() ? "" : qPrintable(lab.error()));
    m_session = std::make_unique<LabSession>(*lab, LabHarness::cliPath());
    m_finished = std::make_unique<QSignalSpy>(m_session.get(), &LabSession::operationFinished);
}

void TestLabSession::attachStartsNothing()
{
    QSignalSpy state(m_session.get(), &LabSession::engineStateChanged);
    m_session->attach();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->engineState(), LabSession::EngineState::Detached, 5000);
    QVERIFY(m_harness->leftovers().isEmpty());
}

void TestLabSession::startBringsTheLabUpAndFeedsTheWindow()
{
    QSignalSpy steps(m_session.get(), &LabSession::stepChanged);
    QSignalSpy transcript(m_session.get(), &LabSession::transcriptReceived);
    QSignalSpy history(m_session.get(), &LabSession::historyLoaded);
    QSignalSpy telemetry(m_session.get(), &LabSession::telemetryReceived);
    m_session->start();
    const QList<QVariant> up = takeOperation(*m_finished, u"up"_s, 90000);
    QVERIFY2(!up.isEmpty(), "up did not finish");
    QVERIFY2(up.at(1).toBool(), qPrintable(up.at(2).toString()));
    QCOMPARE(m_session->engineState(), LabSession::EngineState::Connected);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->phase(), u"ready"_s, 5000);
    QVERIFY(!steps.isEmpty());
    QCOMPARE(steps.last().at(0).toJsonObject().value(u"operation"_s).toString(), u"up"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!transcript.isEmpty(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!history.isEmpty(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!telemetry.isEmpty(), 5000);
    QCOMPARE(m_session->lastStatus().value(u"phase"_s).toString(), u"ready"_s);
}

void TestLabSession::linksBreakAndRestore()
{
    QSignalSpy links(m_session.get(), &LabSession::linkChanged);
    m_session->breakLink(u"NodeA:eth0"_s, u"cut"_s);
    const QList<QVariant> broken = takeOperation(*m_finished, u"break"_s, 10000);
    QVERIFY2(!broken.isEmpty() && broken.at(1).toBool(), qPrintable(broken.value(2).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(!links.isEmpty(), 5000);
    QCOMPARE(links.last().at(0).toJsonObject().value(u"broken"_s).toBool(), true);
    m_finished->clear();
    m_session->restoreLink(u"NodeA:eth0"_s);
    const QList<QVariant> restored = takeOperation(*m_finished, u"restore"_s, 10000);
    QVERIFY2(!restored.isEmpty() && restored.at(1).toBool(), qPrintable(restored.value(2).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(links.last().at(0).toJsonObject().value(u"broken"_s).toBool(), false, 5000);
    // A bad link is refused with a sentence naming it, and changes nothing.
    m_finished->clear();
    m_session->breakLink(u"NodeZ:eth9"_s, u"cut"_s);
    const QList<QVariant> refused = takeOperation(*m_finished, u"break"_s, 10000);
    QVERIFY(!refused.isEmpty());
    QVERIFY(!refused.at(1).toBool());
    QVERIFY2(refused.at(2).toString().contains(u"NodeZ:eth9"_s), qPrintable(refused.at(2).toString()));
}

void TestLabSession::execStreamsItsOutput()
{
    QSignalSpy output(m_session.get(), &LabSession::execOutput);
    QSignalSpy done(m_session.get(), &LabSession::execFinished);
    const qint64 id = m_session->exec(u"NodeB"_s, u"hostname; exit 3"_s);
    QVERIFY(id > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 10000);
    QCOMPARE(done.first().at(0).toLongLong(), id);
    QCOMPARE(done.first().at(1).toInt(), 3);
    QVERIFY(!output.isEmpty());
    QCOMPARE(output.first().at(0).toLongLong(), id);
    QCOMPARE(output.first().at(2).toString(), u"NodeB\n"_s);
}

void TestLabSession::aSecondSessionAttaches()
{
    LabSession second(m_session->lab(), LabHarness::cliPath());
    QSignalSpy history(&second, &LabSession::historyLoaded);
    QSignalSpy transcript(&second, &LabSession::transcriptReceived);
    second.attach();
    QTRY_COMPARE_WITH_TIMEOUT(second.engineState(), LabSession::EngineState::Connected, 5000);
    QCOMPARE(second.phase(), u"ready"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!history.isEmpty(), 5000);
    // What happened before it came: the break above is in the backlog.
    QTRY_VERIFY_WITH_TIMEOUT(!transcript.isEmpty(), 5000);
    bool sawBreak = false;
    for (const QList<QVariant> &page : std::as_const(transcript)) {
        for (const QJsonValue &entry : page.at(0).toJsonArray())
            sawBreak = sawBreak || entry.toObject().value(u"command"_s).toString().contains(u"port/setvlan 10 4"_s);
    }
    QVERIFY(sawBreak);
}

void TestLabSession::stopLeavesNothing()
{
    m_finished->clear();
    m_session->stop();
    const QList<QVariant> down = takeOperation(*m_finished, u"down"_s, 60000);
    QVERIFY2(!down.isEmpty() && down.at(1).toBool(), qPrintable(down.value(2).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->engineState(), LabSession::EngineState::Detached, 10000);
    QCOMPARE(m_session->phase(), u"down"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_harness->leftovers().isEmpty(), 10000);
}

QTEST_GUILESS_MAIN(TestLabSession)
#include "tst_labsession.moc"
