#include "mainwindow.h"

#include "consolelogwindows.h"
#include "labactions.h"
#include "layoutsaver.h"
#include "presentation.h"
#include "settingsdialog.h"

#include "common/widgetsversion.h"
#include "console/nodeconsole.h"
#include "console/terminallauncher.h"
#include "engine/labplan.h"
#include "engine/runtimedir.h"
#include "lab/steppanel.h"
#include "mptcp/script.h"
#include "plots/plotcontrols.h"
#include "plots/throughputplot.h"
#include "scenario/scenariopanel.h"
#include "tables/subflowpanel.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"
#include "transcript/transcriptpanel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <unistd.h>

namespace mlab {

namespace {

const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
constexpr int LayoutVersion = 1;

bool isActiveTrafficState(const QString &state)
{
    return state == QLatin1String("starting") || state == QLatin1String("running")
        || state == QLatin1String("stopping");
}

} // namespace

MainWindow::MainWindow(LabSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_actions(new LabActions(this))
{
    buildCentralArea();
    buildDocks();
    buildMenusAndToolBar();
    connectViews();
    connectSession();
    retranslate();
    restoreLayout();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentralArea()
{
    const Lab &lab = m_session->lab();
    m_scene = new TopologyScene(lab, this);
    m_topology = new TopologyView(m_scene, this);
    m_layoutSaver = new LayoutSaver(m_scene, lab.sourceFile, this);
    m_plot = new ThroughputPlot(this);
    QStringList paths;
    for (const PathSpec &path : lab.paths)
        paths << path.name;
    m_plot->setPathOrder(paths);
    m_plotControls = new PlotControls(m_plot, this);

    auto *plotArea = new QWidget(this);
    auto *plotLayout = new QVBoxLayout(plotArea);
    plotLayout->setContentsMargins(0, 0, 0, 0);
    plotLayout->addWidget(m_plotControls);
    plotLayout->addWidget(m_plot, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("centralSplitter"));
    splitter->addWidget(m_topology);
    splitter->addWidget(plotArea);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 1000, 1000 }); // half each: the canvas would otherwise take its whole size hint
    plotArea->setMinimumHeight(220); // the plot is the point of the demo: never squeezed to a strip

    // The engine is gone: say so where nobody misses it, with the ways out, instead of a modal dialog.
    m_banner = new QWidget(this);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    auto *restart = new QPushButton(tr("Start again"), m_banner);
    auto *cleanUp = new QPushButton(tr("Clean up"), m_banner);
    restart->setToolTip(tr("Start the lab's engine and bring the lab up again"));
    cleanUp->setToolTip(tr("Start the lab's engine, which removes what a dead engine left, then stop the lab"));
    connect(restart, &QPushButton::clicked, m_session, &LabSession::start);
    connect(cleanUp, &QPushButton::clicked, m_session, &LabSession::cleanUp);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(restart);
    bannerLayout->addWidget(cleanUp);
    m_banner->setAutoFillBackground(true);
    QPalette warning = m_banner->palette();
    warning.setColor(QPalette::Window, QColor(0xfd, 0xe6, 0x8a));
    warning.setColor(QPalette::WindowText, Qt::black);
    m_banner->setPalette(warning);
    m_banner->hide();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_engineLabel = new QLabel(this);
    m_phaseLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_phaseLabel);
    statusBar()->addPermanentWidget(m_engineLabel);
}

void MainWindow::buildDocks()
{
    const Lab &lab = m_session->lab();
    m_subflows = new SubflowPanel(this);
    m_transcript = new TranscriptPanel(this);
    m_transcript->setScriptTarget(lab, scriptSshOptions(RuntimeDir(lab.name)));
    m_steps = new StepPanel(this);
    m_scenario = new ScenarioPanel(lab, this);
    QStringList nodes;
    QStringList virtualMachines;
    for (const NodeSpec &node : lab.nodes) {
        nodes << node.name;
        if (node.kind == QLatin1String("qemu"))
            virtualMachines << node.name;
    }
    m_console = new NodeConsole(nodes, this);
    m_console->setVirtualMachines(virtualMachines);
    m_consoleLogs = new ConsoleLogWindows(m_session, this);

    auto dock = [this](QWidget *view, const QString &name, Qt::DockWidgetArea area) {
        auto *widget = new QDockWidget(this);
        widget->setObjectName(name); // saveState() finds docks by name
        widget->setWidget(view);
        addDockWidget(area, widget);
        return widget;
    };
    QDockWidget *subflows = dock(m_subflows, QStringLiteral("subflowsDock"), Qt::BottomDockWidgetArea);
    QDockWidget *transcript = dock(m_transcript, QStringLiteral("transcriptDock"), Qt::BottomDockWidgetArea);
    QDockWidget *console = dock(m_console, QStringLiteral("consoleDock"), Qt::BottomDockWidgetArea);
    QDockWidget *steps = dock(m_steps, QStringLiteral("stepsDock"), Qt::RightDockWidgetArea);
    QDockWidget *scenario = dock(m_scenario, QStringLiteral("scenarioDock"), Qt::RightDockWidgetArea);
    tabifyDockWidget(subflows, transcript);
    tabifyDockWidget(transcript, console);
    tabifyDockWidget(steps, scenario);
    subflows->raise();
    steps->raise();
}

void MainWindow::buildMenusAndToolBar()
{
    QMenu *labMenu = menuBar()->addMenu(QString());
    labMenu->setObjectName(QStringLiteral("labMenu"));
    labMenu->addActions({ m_actions->start, m_actions->stop });
    labMenu->addSeparator();
    labMenu->addActions(
        { m_actions->startTraffic, m_actions->stopTraffic, m_actions->runDemo, m_actions->stopScenario });
    labMenu->addSeparator();
    labMenu->addActions({ m_actions->breakLink, m_actions->restoreLink });
    labMenu->addSeparator();
    labMenu->addActions({ m_actions->saveLayout, m_actions->saveLayoutAs, m_actions->resetLayout });
    labMenu->addSeparator();
    labMenu->addActions({ m_actions->exportPlot, m_actions->exportScript });
    labMenu->addSeparator();
    labMenu->addAction(m_actions->settings);
    labMenu->addSeparator();
    labMenu->addAction(m_actions->quit);

    QMenu *viewMenu = menuBar()->addMenu(QString());
    viewMenu->setObjectName(QStringLiteral("viewMenu"));
    viewMenu->addActions({ m_topology->zoomInAction(), m_topology->zoomOutAction(), m_actions->fitTopology });
    viewMenu->addSeparator();
    viewMenu->addAction(m_actions->presentation);
    viewMenu->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        viewMenu->addAction(dock->toggleViewAction());

    QMenu *helpMenu = menuBar()->addMenu(QString());
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    helpMenu->addAction(m_actions->about);

    QToolBar *toolBar = addToolBar(QString());
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({ m_actions->start, m_actions->stop });
    toolBar->addSeparator();
    toolBar->addActions({ m_actions->startTraffic, m_actions->stopTraffic, m_actions->runDemo });
    toolBar->addSeparator();
    toolBar->addActions({ m_actions->breakLink, m_actions->restoreLink });
}

void MainWindow::connectViews()
{
    connect(m_actions->start, &QAction::triggered, m_session, &LabSession::start);
    connect(m_actions->stop, &QAction::triggered, m_session, &LabSession::stop);
    connect(m_actions->startTraffic, &QAction::triggered, m_session, &LabSession::startTraffic);
    connect(m_actions->stopTraffic, &QAction::triggered, m_session, &LabSession::stopTraffic);
    connect(m_actions->runDemo, &QAction::triggered, this,
        [this] { m_session->startScenario(m_scenario->demoParameters()); });
    connect(m_actions->stopScenario, &QAction::triggered, m_session, &LabSession::stopScenario);
    connect(m_actions->breakLink, &QAction::triggered, this,
        [this] { m_session->breakLink(selectedOrDemoLink(), QStringLiteral("cut")); });
    connect(
        m_actions->restoreLink, &QAction::triggered, this, [this] { m_session->restoreLink(selectedOrDemoLink()); });
    connect(m_actions->fitTopology, &QAction::triggered, m_topology, &TopologyView::fitToWindow);
    connect(m_actions->saveLayout, &QAction::triggered, m_layoutSaver, &LayoutSaver::save);
    connect(m_actions->saveLayoutAs, &QAction::triggered, m_layoutSaver, &LayoutSaver::saveAs);
    connect(m_actions->resetLayout, &QAction::triggered, m_layoutSaver, &LayoutSaver::reset);
    connect(m_layoutSaver, &LayoutSaver::message, this, &MainWindow::showMessage);
    connect(m_actions->settings, &QAction::triggered, this, [this] {
        auto *dialog = new SettingsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(m_actions->presentation, &QAction::toggled, this, &MainWindow::setPresentationMode);
    connect(m_actions->exportPlot, &QAction::triggered, this, &MainWindow::exportPlot);
    connect(m_actions->exportScript, &QAction::triggered, this, &MainWindow::exportScript);
    connect(m_actions->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_actions->quit, &QAction::triggered, this, &QWidget::close);

    connect(m_scene, &TopologyScene::breakRequested, this, [this](const QString &link, const QString &mode) {
        m_selectedLink = link;
        m_session->breakLink(link, mode);
    });
    connect(m_scene, &TopologyScene::restoreRequested, this, [this](const QString &link) {
        m_selectedLink = link;
        m_session->restoreLink(link);
    });
    connect(m_scenario, &ScenarioPanel::startRequested, m_session, &LabSession::startScenario);
    connect(m_scenario, &ScenarioPanel::stopRequested, m_session, &LabSession::stopScenario);
    connect(m_console, &NodeConsole::runRequested, this, [this](const QString &node, const QString &command) {
        m_consoleRequest = m_session->exec(node, command);
        if (m_consoleRequest == 0)
            m_console->finish(-1, tr("the lab is not running"));
    });
    connect(m_console, &NodeConsole::cancelRequested, this, [this] { m_session->cancelExec(m_consoleRequest); });
    connect(m_console, &NodeConsole::terminalRequested, this, &MainWindow::openTerminal);
    connect(m_console, &NodeConsole::consoleLogRequested, m_consoleLogs, &ConsoleLogWindows::open);
    connect(m_plotControls, &PlotControls::statusMessage, this, [this](const QString &text) { showMessage(text); });
}

void MainWindow::connectSession()
{
    connect(m_session, &LabSession::engineStateChanged, this, &MainWindow::showEngineState);
    connect(m_session, &LabSession::progress, this, [this](const QString &text) { showMessage(text); });
    connect(m_session, &LabSession::phaseChanged, this, [this](const QString &phase, const QString &reason) {
        m_phaseLabel->setText(tr("Lab: %1").arg(phase));
        if (!reason.isEmpty())
            showMessage(reason, phase == QLatin1String("damaged"));
        const bool ready = phase == QLatin1String("ready");
        if (phase == QLatin1String("down"))
            m_scene->forgetVmDetails(); // no status comes once the engine has gone
        m_scenario->setLabReady(ready);
        m_console->setLabReady(ready);
        if (ready)
            fetchEndpoints();
        if (ready && m_steps->stepCount() == 0) // attached to a lab someone started before this window opened
            m_steps->finish(
                true, tr("Lab %1 is ready: it was started before this window opened.").arg(m_session->lab().name));
        updateActions();
    });
    connect(m_session, &LabSession::stepChanged, this, [this](const QJsonObject &step) {
        m_steps->addStep(step);
        if (auto *dock = qobject_cast<QDockWidget *>(m_steps->parentWidget()))
            dock->raise();
    });
    connect(m_session, &LabSession::statusChanged, this, [this](const QJsonObject &status) {
        m_scene->applyStatus(status);
        showSubflows(status.value(QLatin1String("subflows")).toArray());
        m_trafficRunning = isActiveTrafficState(
            status.value(QLatin1String("traffic")).toObject().value(QLatin1String("state")).toString());
        m_scenarioRunning = status.value(QLatin1String("scenario")).toObject().value(QLatin1String("state")).toString()
            == QLatin1String("running");
        updateActions();
    });
    connect(m_session, &LabSession::linkChanged, this, [this](const QJsonObject &event) {
        m_scene->applyLinkEvent(event);
        m_plot->addLinkEvent(event);
    });
    connect(m_session, &LabSession::telemetryReceived, this, [this](const QJsonObject &batch) {
        m_scene->applyTelemetry(batch);
        m_plot->addTelemetry(batch);
        if (batch.contains(QLatin1String("subflows")))
            showSubflows(batch.value(QLatin1String("subflows")).toArray());
    });
    connect(m_session, &LabSession::historyLoaded, this, [this](const QJsonObject &history) {
        m_plot->addHistory(history);
        showSubflows(history.value(QLatin1String("subflows")).toArray());
    });
    connect(m_session, &LabSession::transcriptReceived, m_transcript, &TranscriptPanel::appendEntries);
    connect(m_session, &LabSession::trafficChanged, this, [this](const QJsonObject &traffic) {
        m_trafficRunning = isActiveTrafficState(traffic.value(QLatin1String("state")).toString());
        const QString reason = traffic.value(QLatin1String("reason")).toString();
        if (!reason.isEmpty())
            showMessage(reason, traffic.value(QLatin1String("state")).toString() == QLatin1String("failed"));
        updateActions();
    });
    connect(m_session, &LabSession::scenarioChanged, this, [this](const QJsonObject &event) {
        m_scenario->showScenario(event);
        m_scenarioRunning = !event.value(QLatin1String("finished")).toBool();
        if (auto *dock = qobject_cast<QDockWidget *>(m_scenario->parentWidget()))
            dock->raise();
        updateActions();
    });
    connect(m_session, &LabSession::execOutput, this, [this](qint64 id, const QString &stream, const QString &data) {
        if (id == m_consoleRequest)
            m_console->appendOutput(stream, data);
    });
    connect(m_session, &LabSession::execFinished, this, [this](qint64 id, int status, const QString &error) {
        if (id == m_consoleRequest)
            m_console->finish(status, error);
    });
    connect(m_session, &LabSession::operationFinished, this,
        [this](const QString &operation, bool ok, const QString &message) {
            if (operation == QLatin1String("up") || operation == QLatin1String("down"))
                m_steps->finish(ok, message);
            if (!message.isEmpty())
                showMessage(message, !ok);
            updateActions();
        });
}

void MainWindow::fetchEndpoints()
{
    for (const NodeSpec &node : m_session->lab().nodes) {
        const QString name = node.name;
        if (node.mptcp.profile == QLatin1String("legacy")) {
            m_session->run(
                name, QStringLiteral("multipath -f"), [this, name](bool, int, const QString &out, const QString &) {
                    m_subflows->setLegacyEndpoints(name, out);
                });
            continue;
        }
        m_session->run(name, QStringLiteral("ip mptcp endpoint show; echo ---; ip mptcp limits show"),
            [this, name](bool, int, const QString &out, const QString &) {
                const QString separator = QStringLiteral("---\n");
                const qsizetype split = out.indexOf(separator);
                m_subflows->setEndpoints(name, out.left(std::max<qsizetype>(split, 0)),
                    split < 0 ? QString() : out.mid(split + separator.size()));
            });
    }
}

void MainWindow::updateActions()
{
    LabActions::State state;
    const QString phase = m_session->phase();
    state.engineConnected = m_session->engineState() == LabSession::EngineState::Connected;
    state.engineStarting = m_session->engineState() == LabSession::EngineState::Starting;
    state.busy = m_session->isBusy();
    state.ready = state.engineConnected && phase == QLatin1String("ready");
    state.up = state.engineConnected && phase != QLatin1String("down");
    state.trafficRunning = m_trafficRunning;
    state.scenarioRunning = m_scenarioRunning;
    m_actions->update(state);
}

void MainWindow::showMessage(const QString &text, bool problem)
{
    statusBar()->showMessage(problem ? tr("Problem: %1").arg(text) : text, problem ? 0 : 8000);
}

QString MainWindow::statusText() const
{
    return statusBar()->currentMessage();
}

void MainWindow::showEngineState(LabSession::EngineState state, const QString &reason)
{
    switch (state) {
    case LabSession::EngineState::Detached:
        m_engineLabel->setText(tr("Engine: not running"));
        m_phaseLabel->setText(tr("Lab: down"));
        showMessage(tr("Lab %1 is not running. Start it with Lab > Start lab (F5).").arg(m_session->lab().name));
        break;
    case LabSession::EngineState::Starting:
        m_engineLabel->setText(tr("Engine: starting"));
        showMessage(reason);
        break;
    case LabSession::EngineState::Connected:
        m_engineLabel->setText(tr("Engine: connected"));
        break;
    case LabSession::EngineState::Lost:
        m_engineLabel->setText(tr("Engine: lost"));
        m_bannerText->setText(tr("The lab's engine is not available: %1").arg(reason));
        break;
    }
    m_banner->setVisible(state == LabSession::EngineState::Lost);
    updateActions();
}

QString MainWindow::selectedOrDemoLink() const
{
    return m_selectedLink.isEmpty() ? m_scenario->demoParameters().value(QLatin1String("link")).toString()
                                    : m_selectedLink;
}

void MainWindow::setPresentationMode(bool on)
{
    if (on) {
        m_normalState = saveState(LayoutVersion);
        applyPresentationLook(true);
        menuBar()->hide();
        showFullScreen();
    } else {
        applyPresentationLook(false);
        menuBar()->show();
        showNormal();
        restoreState(m_normalState, LayoutVersion);
    }
    m_topology->fitToWindow();
}

void MainWindow::showSubflows(const QJsonArray &table)
{
    m_subflows->setSubflows(table);
    m_scene->applySubflows(table); // a stalled subflow on a link that is up: its cable turns amber
}

void MainWindow::openTerminal(const QString &node)
{
    const Lab &lab = m_session->lab();
    const Result<QStringList> login = nodeLoginCommand(lab, node, scriptSshOptions(RuntimeDir(lab.name)));
    if (!login) {
        showMessage(login.error(), true);
        return;
    }
    QStringList command = *login;
    // The lab's key and management namespace are root's: the terminal asks for the password, as the CLI would.
    if (::geteuid() != 0)
        command.prepend(QStringLiteral("sudo"));
    const Result<QStringList> opened = TerminalLauncher::open(command);
    showMessage(opened ? tr("Terminal on %1: %2").arg(node, command.join(QLatin1Char(' '))) : opened.error(), !opened);
}

void MainWindow::exportPlot()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the plot"), QString(), tr("PNG image (*.png);;PDF document (*.pdf);;CSV table (*.csv)"));
    if (path.isEmpty())
        return;
    PlotControls::ExportFormat format = PlotControls::ExportFormat::Png;
    if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        format = PlotControls::ExportFormat::Pdf;
    else if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        format = PlotControls::ExportFormat::CsvAll;
    const Status written = m_plotControls->exportTo(format, path);
    showMessage(written ? tr("Plot saved to %1").arg(path) : written.error(), !written);
}

void MainWindow::exportScript()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the commands as a shell script"),
        QStringLiteral("mptcplab-commands.sh"), tr("Shell script (*.sh)"));
    if (path.isEmpty())
        return;
    const auto written = m_transcript->exportScript(path);
    showMessage(written ? tr("Commands saved to %1").arg(path) : written.error(), !written);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About MPTCP Lab"),
        tr("<h3>MPTCP Lab %1</h3>"
           "<p>A lab manager for teaching and demonstrating Multipath TCP: two hosts, a VDE switch with VLANs, "
           "and the class watching MPTCP move the traffic when a link breaks.</p>"
           "<p>Every command the lab runs is in the transcript, so students can repeat it by hand.</p>"
           "<p>Built with %2.</p>")
            .arg(QApplication::applicationVersion(), widgetsBuildInfo()));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray())) {
        // First start: the whole screen, for a class that reads it from the back of the room. The size is set
        // too, for a desktop whose window manager ignores the maximised state.
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            resize(screen->availableSize());
        setWindowState(windowState() | Qt::WindowMaximized);
    }
    m_layoutRestored = restoreState(settings.value(StateKey).toByteArray(), LayoutVersion);
}

void MainWindow::sizeDocksForFirstStart()
{
    // The canvas and the plot get most of the window, the panels a strip each. Only once the window has its
    // size: resizeDocks() before the first show is measured against a window that is not laid out yet.
    const auto docks = findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks) {
        if (dockWidgetArea(dock) == Qt::BottomDockWidgetArea)
            resizeDocks({ dock }, { height() * 3 / 10 }, Qt::Vertical); // the subflow table needs a few rows
        else
            resizeDocks({ dock }, { std::clamp(width() / 5, 260, 420) }, Qt::Horizontal);
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (std::exchange(m_shown, true))
        return;
    QTimer::singleShot(0, this, [this] {
        if (!m_layoutRestored)
            sizeDocksForFirstStart();
        // Once laid out, show the whole lab; after the docks took their share.
        QTimer::singleShot(0, m_topology, &TopologyView::fitToWindow);
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_layoutSaver->confirmClose()) {
        event->ignore();
        return;
    }
    if (m_actions->presentation->isChecked())
        m_actions->presentation->setChecked(false);
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState(LayoutVersion));
    event->accept(); // the lab runs on in its engine; the next window attaches to it
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("MPTCP Lab: %1").arg(m_session->lab().name));
    m_actions->retranslate();
    if (auto *menu = menuBar()->findChild<QMenu *>(QStringLiteral("labMenu")))
        menu->setTitle(tr("&Lab"));
    if (auto *menu = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu")))
        menu->setTitle(tr("&View"));
    if (auto *menu = menuBar()->findChild<QMenu *>(QStringLiteral("helpMenu")))
        menu->setTitle(tr("&Help"));
    if (auto *bar = findChild<QToolBar *>(QStringLiteral("mainToolBar")))
        bar->setWindowTitle(tr("Lab"));
    const QList<std::pair<QWidget *, QString>> titles { { m_subflows, tr("Subflows") },
        { m_transcript, tr("Transcript") }, { m_console, tr("Console") }, { m_steps, tr("Steps") },
        { m_scenario, tr("Scenario") } };
    for (const auto &[view, title] : titles) {
        if (auto *dock = qobject_cast<QDockWidget *>(view->parentWidget()))
            dock->setWindowTitle(title);
    }
}

} // namespace mlab
