#pragma once

// Fakes of what the engine gives the traffic objects: a NodeRunner that records the commands and lets the test
// play their output and ends, and a LabLinks that records breaks and restores with their times.

#include "telemetry/telemetryclock.h"
#include "traffic/lablinks.h"
#include "traffic/noderunner.h"

#include <QList>
#include <QTimer>

namespace mlab::test {

class FakeNodeRunner : public NodeRunner
{
public:
    struct Run
    {
        quint64 handle = 0;
        QString node;
        QString command;
        LineHandler onLine;
        EndHandler onEnd;
        bool stopped = false;
        bool ended = false;
    };

    QList<Run> runs;
    QString refusal; // when set, start() returns 0 and ends the command with it at once, like a node without SSH

    quint64 start(const QString &node, const QString &command, LineHandler onLine, EndHandler onEnd) override
    {
        runs.append(Run { 0, node, command, std::move(onLine), std::move(onEnd) });
        if (!refusal.isEmpty()) {
            end(int(runs.size() - 1), -1, refusal); // before start() returns: the runners must cope
            return 0;
        }
        runs.last().handle = m_nextHandle++;
        return runs.last().handle;
    }

    void stop(quint64 handle) override
    {
        for (qsizetype i = 0; i < runs.size(); ++i) {
            if (runs[i].handle == handle) {
                runs[i].stopped = true;
                end(int(i), -1); // before stop() returns, as the contract allows
            }
        }
    }

    void line(int index, const QByteArray &text, bool isStdErr = false)
    {
        const LineHandler handler = runs.at(index).onLine;
        handler(text, isStdErr);
    }

    void end(int index, int exitStatus, const QString &error = QString())
    {
        if (runs.at(index).ended)
            return;
        runs[index].ended = true;
        const EndHandler handler = runs.at(index).onEnd;
        handler(exitStatus, error);
    }

    // The last command containing part, -1 when none.
    int find(const QString &part) const
    {
        for (qsizetype i = runs.size() - 1; i >= 0; --i) {
            if (runs.at(i).command.contains(part))
                return int(i);
        }
        return -1;
    }

private:
    quint64 m_nextHandle = 1;
};

class FakeLabLinks : public LabLinks
{
public:
    struct Call
    {
        qint64 atMs = 0; // CLOCK_MONOTONIC, when the call came
        QString what; // "break" or "restore"
        QString link;
        QString mode;
    };

    QList<Call> calls;
    int answerDelayMs = 0;
    bool failBreaks = false;

    void breakLink(const QString &link, const QString &mode, Done done) override
    {
        calls.append(Call { monotonicMs(), QStringLiteral("break"), link, mode });
        if (failBreaks)
            answer(std::move(done), false, QStringLiteral("the switch did not answer"));
        else
            answer(std::move(done), true, QStringLiteral("port moved to dead VLAN 4"));
    }

    void restoreLink(const QString &link, Done done) override
    {
        calls.append(Call { monotonicMs(), QStringLiteral("restore"), link, QString() });
        answer(std::move(done), true, QStringLiteral("port back on its VLAN"));
    }

    QStringList summary() const
    {
        QStringList lines;
        for (const Call &call : calls)
            lines << (call.what + QLatin1Char(' ') + call.link
                + (call.mode.isEmpty() ? QString() : QLatin1Char(' ') + call.mode));
        return lines;
    }

private:
    void answer(Done done, bool ok, const QString &message)
    {
        QTimer::singleShot(answerDelayMs, [done = std::move(done), ok, message] { done(ok, message); });
    }
};

} // namespace mlab::test
