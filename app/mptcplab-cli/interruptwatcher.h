#pragma once

#include <QObject>

class QSocketNotifier;

namespace mlab::cli {

// Turns SIGINT, SIGTERM and SIGHUP into a signal on the event loop, so a command can stop cleanly (cancel
// its exec, stop its scenario, take its lab down) instead of dying inside a signal handler. One at a time.
class InterruptWatcher : public QObject
{
    Q_OBJECT
public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override; // restores the default actions

    bool wasInterrupted() const { return m_interrupted; }

Q_SIGNALS:
    void interrupted();

private:
    QSocketNotifier *m_notifier = nullptr;
    bool m_interrupted = false;
};

} // namespace mlab::cli
