#include "consolelogwindows.h"

#include "client/labsession.h"
#include "console/consolelogdialog.h"

#include <QWidget>

namespace mlab {

ConsoleLogWindows::ConsoleLogWindows(LabSession *session, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
{ }

ConsoleLogDialog *ConsoleLogWindows::dialog(const QString &node) const
{
    return m_dialogs.value(node);
}

void ConsoleLogWindows::open(const QString &node)
{
    QPointer<ConsoleLogDialog> &dialog = m_dialogs[node];
    if (!dialog) {
        // Not modal: the log is read beside the lab, and a second VM's log may be open too.
        dialog = new ConsoleLogDialog(node, m_window);
        connect(dialog, &ConsoleLogDialog::refreshRequested, this, &ConsoleLogWindows::fetch);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    fetch(node);
}

void ConsoleLogWindows::fetch(const QString &node)
{
    const QPointer<ConsoleLogDialog> dialog = m_dialogs.value(node);
    if (!dialog)
        return;
    const quint64 serial = m_nextFetch++;
    m_latestFetch.insert(node, serial);
    dialog->setLoading();
    // The reply may come after the window (and this) closed: the session outlives both.
    m_session->fetchConsoleLog(node, FetchBytes,
        [self = QPointer(this), dialog, node, serial](bool ok, const QJsonObject &log, const QString &error) {
            if (!self || !dialog || self->m_latestFetch.value(node) != serial)
                return;
            if (ok)
                dialog->showLog(log);
            else
                dialog->showProblem(error);
        });
}

} // namespace mlab
