#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace mlab {

// Every command the window offers, as QActions with shortcuts and status tips, shared by the menus, the
// toolbar and the context menus. Which are enabled follows the lab's state (update()).
class LabActions : public QObject
{
    Q_OBJECT
public:
    explicit LabActions(QWidget *window);

    // What the lab is doing, as LabSession reports it.
    struct State
    {
        bool engineConnected = false;
        bool engineStarting = false;
        bool busy = false; // up or down running
        bool ready = false; // phase "ready" (or "damaged": still up, so it can be stopped)
        bool up = false; // anything to stop
        bool trafficRunning = false;
        bool scenarioRunning = false;
    };
    void update(const State &state);
    void retranslate(); // on QEvent::LanguageChange

    QAction *start = nullptr;
    QAction *stop = nullptr;
    QAction *startTraffic = nullptr;
    QAction *stopTraffic = nullptr;
    QAction *runDemo = nullptr;
    QAction *stopScenario = nullptr;
    QAction *breakLink = nullptr; // the selected cable, else the demo's link
    QAction *restoreLink = nullptr;
    QAction *fitTopology = nullptr;
    QAction *saveLayout = nullptr;
    QAction *saveLayoutAs = nullptr;
    QAction *resetLayout = nullptr;
    QAction *presentation = nullptr;
    QAction *exportPlot = nullptr;
    QAction *exportScript = nullptr;
    QAction *settings = nullptr;
    QAction *about = nullptr;
    QAction *quit = nullptr;
};

} // namespace mlab
