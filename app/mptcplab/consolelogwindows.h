#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class QWidget;

namespace mlab {

class ConsoleLogDialog;
class LabSession;

// The VM console log dialogs, one per node, fed through the session: the log is root's, so the engine reads it
// (the consoleLog method). Asking again while an answer is on its way drops the older answer.
class ConsoleLogWindows : public QObject
{
    Q_OBJECT

public:
    // Room for a whole boot (a guest kernel's boot messages usually take some tens of KiB), well under the
    // engine's 1 MiB cap.
    static constexpr int FetchBytes = 256 * 1024;

    ConsoleLogWindows(LabSession *session, QWidget *window);

    // Shows the node's dialog (raised if it is already open) and reads the log.
    void open(const QString &node);
    ConsoleLogDialog *dialog(const QString &node) const; // null until opened

private:
    void fetch(const QString &node);

    LabSession *m_session;
    QWidget *m_window;
    QHash<QString, QPointer<ConsoleLogDialog>> m_dialogs;
    QHash<QString, quint64> m_latestFetch; // node -> serial of its newest request
    quint64 m_nextFetch = 1;
};

} // namespace mlab
