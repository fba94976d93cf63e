#include "labactions.h"

#include <QAction>
#include <QKeySequence>
#include <QStyle>
#include <QWidget>

namespace mlab {

namespace {

QAction *makeAction(QWidget *window, const QString &text, const QKeySequence &shortcut, const QString &tip,
    QStyle::StandardPixmap icon = QStyle::SP_CustomBase)
{
    auto *action = new QAction(text, window);
    action->setShortcut(shortcut);
    action->setStatusTip(tip);
    action->setToolTip(shortcut.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    if (icon != QStyle::SP_CustomBase)
        action->setIcon(window->style()->standardIcon(icon));
    window->addAction(action); // shortcuts work in presentation mode too, with menus and toolbars hidden
    return action;
}

} // namespace

LabActions::LabActions(QWidget *window)
    : QObject(window)
{
    start = makeAction(window, tr("&Start lab"), QKeySequence(Qt::Key_F5),
        tr("Start the switch and the nodes, and configure MPTCP"), QStyle::SP_MediaPlay);
    stop = makeAction(window, tr("S&top lab"), QKeySequence(Qt::SHIFT | Qt::Key_F5),
        tr("Stop everything the lab runs and remove it"), QStyle::SP_MediaStop);
    startTraffic = makeAction(window, tr("Start &traffic"), QKeySequence(Qt::Key_F6),
        tr("Run the lab's traffic plan (an MPTCP iperf transfer)"), QStyle::SP_ArrowRight);
    stopTraffic = makeAction(window, tr("Stop t&raffic"), QKeySequence(Qt::SHIFT | Qt::Key_F6),
        tr("Stop the traffic"), QStyle::SP_BrowserStop);
    runDemo = makeAction(window, tr("Run the &demo"), QKeySequence(Qt::Key_F7),
        tr("Traffic, a break of path 1 at 6 s, the restore at 12 s, and a report"), QStyle::SP_MediaSeekForward);
    stopScenario = makeAction(window, tr("Stop the scenario"), QKeySequence(Qt::SHIFT | Qt::Key_F7),
        tr("Stop the running scenario: the links are restored and the traffic stopped"));
    breakLink = makeAction(window, tr("&Break link"), QKeySequence(Qt::CTRL | Qt::Key_B),
        tr("Cut the selected cable (its switch port moves to the dead VLAN)"));
    restoreLink = makeAction(window, tr("&Restore link"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
        tr("Put the selected cable back on its VLAN"));
    fitTopology = makeAction(window, tr("&Fit to window"), QKeySequence(Qt::CTRL | Qt::Key_0),
        tr("Show the whole topology"));
    presentation = makeAction(window, tr("&Presentation mode"), QKeySequence(Qt::Key_F11),
        tr("Full screen, large fonts and high contrast, for a projector"));
    presentation->setCheckable(true);
    exportPlot = makeAction(window, tr("Export &plot..."), QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("Save the throughput plot as PNG, PDF or CSV"), QStyle::SP_DialogSaveButton);
    exportScript = makeAction(window, tr("Export &commands as a script..."), QKeySequence(),
        tr("Save every command the lab ran as a shell script to repeat by hand"));
    about = makeAction(window, tr("&About MPTCP Lab"), QKeySequence(), tr("Versions and licence"));
    quit = makeAction(window, tr("&Quit"), QKeySequence::Quit, tr("Close the window; a running lab keeps running"));
    update({});
}

void LabActions::update(const State &s)
{
    start->setEnabled(!s.busy && !s.engineStarting && !s.up);
    stop->setEnabled(!s.busy && s.engineConnected && s.up);
    startTraffic->setEnabled(s.ready && !s.trafficRunning && !s.scenarioRunning);
    stopTraffic->setEnabled(s.ready && s.trafficRunning && !s.scenarioRunning);
    runDemo->setEnabled(s.ready && !s.trafficRunning && !s.scenarioRunning);
    stopScenario->setEnabled(s.ready && s.scenarioRunning);
    breakLink->setEnabled(s.ready);
    restoreLink->setEnabled(s.ready);
    exportScript->setEnabled(s.engineConnected);
}

} // namespace mlab
