#include "console/nodeconsole.h"

#include <QAction>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace mlab {

namespace {

constexpr int MaxHistory = 200;
constexpr int MaxOutputLines = 20000; // a runaway command must not eat the window's memory

} // namespace

NodeConsole::NodeConsole(const QStringList &nodes, QWidget *parent)
    : QWidget(parent)
    , m_node(new QComboBox(this))
    , m_output(new QPlainTextEdit(this))
    , m_input(new QLineEdit(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_terminal(new QPushButton(tr("Open in terminal"), this))
    , m_openLog(new QAction(tr("Open console log"), this))
    , m_openLogButton(new QToolButton(this))
{
    m_terminal->setToolTip(tr("Log in to the node in a terminal window of the desktop, over the lab's SSH"));
    m_openLog->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_openLog->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_openLog->setStatusTip(tr("Show what the VM's kernel and init printed on its serial console"));
    addAction(m_openLog);
    m_openLogButton->setDefaultAction(m_openLog);
    m_openLogButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_openLogButton->hide(); // until setVirtualMachines() names one
    m_node->addItems(nodes);
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(MaxOutputLines);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setPlaceholderText(tr("A command to run on the node, e.g. ip mptcp endpoint show"));
    m_input->installEventFilter(this);

    auto *line = new QHBoxLayout;
    line->addWidget(m_node);
    line->addWidget(m_input, 1);
    line->addWidget(m_run);
    line->addWidget(m_stop);
    line->addWidget(m_terminal);
    line->addWidget(m_openLogButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_output, 1);
    layout->addLayout(line);

    connect(m_input, &QLineEdit::returnPressed, this, [this] { submit(m_input->text()); });
    connect(m_run, &QPushButton::clicked, this, [this] { submit(m_input->text()); });
    connect(m_stop, &QPushButton::clicked, this, &NodeConsole::cancelRequested);
    connect(m_terminal, &QPushButton::clicked, this, [this] { Q_EMIT terminalRequested(node()); });
    connect(m_openLog, &QAction::triggered, this, [this] {
        if (m_virtualMachines.contains(node()))
            Q_EMIT consoleLogRequested(node());
    });
    connect(m_node, &QComboBox::currentTextChanged, this, &NodeConsole::updateControls);
    updateControls();
}

void NodeConsole::setVirtualMachines(const QStringList &nodes)
{
    m_virtualMachines = nodes;
    // Shown while the lab has a VM, whichever node is chosen, so the line does not jump when the choice changes.
    m_openLogButton->setVisible(!nodes.isEmpty());
    updateControls();
}

QString NodeConsole::node() const
{
    return m_node->currentText();
}

QString NodeConsole::output() const
{
    return m_output->toPlainText();
}

void NodeConsole::setLabReady(bool ready)
{
    m_ready = ready;
    updateControls();
}

void NodeConsole::updateControls()
{
    m_run->setEnabled(m_ready && !m_running);
    m_input->setEnabled(m_ready && !m_running);
    m_node->setEnabled(!m_running);
    m_stop->setEnabled(m_running);
    m_terminal->setEnabled(m_ready);
    const bool isVm = m_virtualMachines.contains(node());
    m_openLog->setEnabled(m_ready && isVm);
    m_openLog->setToolTip(isVm
            ? tr("Show the VM's serial console log (%1)").arg(m_openLog->shortcut().toString(QKeySequence::NativeText))
            : tr("%1 is not a VM: only a VM has a serial console log").arg(node()));
}

void NodeConsole::submit(const QString &command)
{
    const QString trimmed = command.trimmed();
    if (trimmed.isEmpty() || !m_ready || m_running)
        return;
    if (m_history.isEmpty() || m_history.last() != trimmed)
        m_history.append(trimmed);
    while (m_history.size() > MaxHistory)
        m_history.removeFirst();
    m_historyIndex = int(m_history.size());
    m_input->clear();
    m_running = true;
    updateControls();
    m_output->appendPlainText(QStringLiteral("%1$ %2").arg(node(), trimmed));
    Q_EMIT runRequested(node(), trimmed);
}

void NodeConsole::appendOutput(const QString &stream, const QString &data)
{
    Q_UNUSED(stream); // stdout and stderr interleave as a terminal shows them
    QScrollBar *bar = m_output->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    m_output->moveCursor(QTextCursor::End);
    m_output->insertPlainText(data);
    if (atEnd) // keep reading where the user scrolled to
        bar->setValue(bar->maximum());
}

void NodeConsole::finish(int exitStatus, const QString &error)
{
    if (!error.isEmpty())
        m_output->appendPlainText(tr("[%1]").arg(error));
    else if (exitStatus != 0)
        m_output->appendPlainText(tr("[exit status %1]").arg(exitStatus));
    m_running = false;
    updateControls();
    m_input->setFocus();
}

bool NodeConsole::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress && !m_history.isEmpty()) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down) {
            m_historyIndex = std::clamp(m_historyIndex + (key == Qt::Key_Up ? -1 : 1), 0, int(m_history.size()));
            m_input->setText(m_historyIndex < m_history.size() ? m_history.at(m_historyIndex) : QString());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace mlab
