#pragma once

#include <QStringList>
#include <QWidget>

class QAction;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace mlab {

// A command console on one node of the lab: type a command, see its output as it comes, Up/Down for the
// history. It runs nothing itself: runRequested goes to the engine (exec over the node's SSH session) and the
// output comes back through appendOutput/finish. For a VM node, Open console log asks for its serial console.
class NodeConsole : public QWidget
{
    Q_OBJECT
public:
    explicit NodeConsole(const QStringList &nodes, QWidget *parent = nullptr);

    void setLabReady(bool ready);
    // The nodes that are QEMU VMs: only they have a serial console log.
    void setVirtualMachines(const QStringList &nodes);
    QAction *openConsoleLogAction() const { return m_openLog; }
    void appendOutput(const QString &stream, const QString &data);
    void finish(int exitStatus, const QString &error);
    bool isRunning() const { return m_running; }
    QString node() const;
    QStringList history() const { return m_history; }
    QString output() const; // everything shown so far

    // Runs command as if the user had typed it (and adds it to the history).
    void submit(const QString &command);

Q_SIGNALS:
    void runRequested(const QString &node, const QString &command);
    void cancelRequested();
    // "Open in terminal": an interactive login on node in the desktop's terminal emulator.
    void terminalRequested(const QString &node);
    // "Open console log": the serial console log of a VM node (see ConsoleLogDialog).
    void consoleLogRequested(const QString &node);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateControls();

    bool m_ready = false;
    bool m_running = false;
    QStringList m_history;
    QStringList m_virtualMachines;
    int m_historyIndex = 0; // == m_history.size(): the line being typed
    QComboBox *m_node = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QLineEdit *m_input = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_terminal = nullptr;
    QAction *m_openLog = nullptr;
    QToolButton *m_openLogButton = nullptr;
};

} // namespace mlab
