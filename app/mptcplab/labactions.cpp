#include "labactions.h"

#include <QAction>
#include <QKeySequence>
#include <QStyle>
#include <QWidget>

namespace mlab {

namespace {

QAction *makeAction(QWidget *window, const QKeySequence &shortcut, QStyle::StandardPixmap icon = QStyle::SP_CustomBase)
{
    auto *action = new QAction(window);
    action->setShortcut(shortcut);
    if (icon != QStyle::SP_CustomBase)
        action->setIcon(window->style()->standardIcon(icon));
    window->addAction(action); // shortcuts work in presentation mode too, with the menus hidden
    return action;
}

void describe(QAction *action, const QString &text, const QString &tip)
{
    action->setText(text);
    action->setStatusTip(tip);
    const QKeySequence shortcut = action->shortcut();
    action->setToolTip(
        shortcut.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
}

} // namespace

LabActions::LabActions(QWidget *window)
    : QObject(window)
{
    start = makeAction(window, QKeySequence(Qt::Key_F5), QStyle::SP_MediaPlay);
    stop = makeAction(window, QKeySequence(Qt::SHIFT | Qt::Key_F5), QStyle::SP_MediaStop);
    startTraffic = makeAction(window, QKeySequence(Qt::Key_F6), QStyle::SP_ArrowRight);
    stopTraffic = makeAction(window, QKeySequence(Qt::SHIFT | Qt::Key_F6), QStyle::SP_BrowserStop);
    runDemo = makeAction(window, QKeySequence(Qt::Key_F7), QStyle::SP_MediaSeekForward);
    stopScenario = makeAction(window, QKeySequence(Qt::SHIFT | Qt::Key_F7));
    breakLink = makeAction(window, QKeySequence(Qt::CTRL | Qt::Key_B), QStyle::SP_DialogCancelButton);
    restoreLink = makeAction(window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), QStyle::SP_DialogApplyButton);
    fitTopology = makeAction(window, QKeySequence(Qt::CTRL | Qt::Key_0));
    saveLayout = makeAction(window, QKeySequence::Save);
    saveLayoutAs = makeAction(window, QKeySequence::SaveAs);
    resetLayout = makeAction(window, QKeySequence());
    presentation = makeAction(window, QKeySequence(Qt::Key_F11));
    presentation->setCheckable(true);
    exportPlot = makeAction(window, QKeySequence(Qt::CTRL | Qt::Key_E), QStyle::SP_DialogSaveButton);
    exportScript = makeAction(window, QKeySequence());
    settings = makeAction(window, QKeySequence::Preferences);
    about = makeAction(window, QKeySequence());
    quit = makeAction(window, QKeySequence::Quit);
    retranslate();
    update({});
}

void LabActions::retranslate()
{
    describe(start, tr("&Start lab"), tr("Start the switch and the nodes, and configure MPTCP"));
    describe(stop, tr("S&top lab"), tr("Stop everything the lab runs and remove it"));
    describe(startTraffic, tr("Start &traffic"), tr("Run the lab's traffic plan (an MPTCP iperf transfer)"));
    describe(stopTraffic, tr("Stop t&raffic"), tr("Stop the traffic"));
    describe(runDemo, tr("Run the &demo"), tr("Traffic, a break of path 1 at 6 s, the restore at 12 s, and a report"));
    describe(stopScenario, tr("Stop the scenario"),
        tr("Stop the running scenario: the links are restored and the traffic stopped"));
    describe(breakLink, tr("&Break link"),
        tr("Cut the last cable clicked, or path 1: its switch port moves to the dead VLAN"));
    describe(restoreLink, tr("&Restore link"), tr("Put the last cable clicked, or path 1, back on its VLAN"));
    describe(fitTopology, tr("&Fit to window"), tr("Show the whole topology"));
    describe(saveLayout, tr("&Save Layout"),
        tr("Keep the boxes where you dragged them: their positions go into the lab file"));
    describe(saveLayoutAs, tr("Save Layout &As..."), tr("Save a copy of the lab file with the positions of the boxes"));
    describe(resetLayout, tr("Reset &Layout"), tr("Put every box back where the default layout draws it"));
    describe(presentation, tr("&Presentation mode"), tr("Full screen, large fonts and high contrast, for a projector"));
    describe(exportPlot, tr("Export &plot..."), tr("Save the throughput plot as PNG, PDF or CSV"));
    describe(exportScript, tr("Export &commands as a script..."),
        tr("Save every command the lab ran as a shell script to repeat by hand"));
    describe(settings, tr("Se&ttings..."), tr("The window's language"));
    describe(about, tr("&About MPTCP Lab"), tr("Versions and licence"));
    describe(quit, tr("&Quit"), tr("Close the window; a running lab keeps running"));
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
