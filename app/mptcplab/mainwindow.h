#pragma once

#include "client/labsession.h"

#include <QMainWindow>

class QJsonArray;
class QLabel;
class QPushButton;
class QWidget;

namespace mlab {

class ConsoleLogWindows;
class LabActions;
class LayoutSaver;
class NodeConsole;
class PlotControls;
class ScenarioPanel;
class StepPanel;
class SubflowPanel;
class ThroughputPlot;
class TopologyScene;
class TopologyView;
class TranscriptPanel;

// The window: composes the views around one LabSession and routes between them. It draws nothing itself and
// decides nothing about the lab: the views show, the session acts.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(LabSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests and the screenshot run.
    TopologyScene *topologyScene() const { return m_scene; }
    ThroughputPlot *plot() const { return m_plot; }
    SubflowPanel *subflowPanel() const { return m_subflows; }
    TranscriptPanel *transcriptPanel() const { return m_transcript; }
    LabActions *labActions() const { return m_actions; }
    QString statusText() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildCentralArea();
    void buildDocks();
    void buildMenusAndToolBar();
    void connectSession();
    void connectViews();
    void restoreLayout();
    void sizeDocksForFirstStart();
    void updateActions();
    void showMessage(const QString &text, bool problem = false);
    void openTerminal(const QString &node);
    void showSubflows(const QJsonArray &table);
    void showEngineState(LabSession::EngineState state, const QString &reason);
    void fetchEndpoints();
    void setPresentationMode(bool on);
    void exportPlot();
    void exportScript();
    void showAbout();
    void retranslate();
    QString selectedOrDemoLink() const;

    LabSession *m_session;
    LabActions *m_actions = nullptr;
    TopologyScene *m_scene = nullptr;
    LayoutSaver *m_layoutSaver = nullptr;
    TopologyView *m_topology = nullptr;
    ThroughputPlot *m_plot = nullptr;
    PlotControls *m_plotControls = nullptr;
    SubflowPanel *m_subflows = nullptr;
    TranscriptPanel *m_transcript = nullptr;
    StepPanel *m_steps = nullptr;
    ScenarioPanel *m_scenario = nullptr;
    NodeConsole *m_console = nullptr;
    ConsoleLogWindows *m_consoleLogs = nullptr;
    QWidget *m_banner = nullptr; // shown while the engine is lost: what happened and the ways out
    QLabel *m_bannerText = nullptr;
    QLabel *m_engineLabel = nullptr;
    QLabel *m_phaseLabel = nullptr;
    QString m_selectedLink; // the last cable clicked or chosen in a menu
    bool m_trafficRunning = false;
    bool m_scenarioRunning = false;
    qint64 m_consoleRequest = 0;
    QByteArray m_normalState; // the dock layout before presentation mode
    bool m_shown = false;
    bool m_layoutRestored = false;
};

} // namespace mlab
