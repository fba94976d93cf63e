#pragma once

#include "lab/labmodel.h"

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTextBrowser;

namespace mlab {

// Runs the engine's scenarios: the seed demo with its times, link and kind of break editable, its progress
// while it runs (each action as it happens), and the engine's report in plain words when it ends.
class ScenarioPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ScenarioPanel(const Lab &lab, QWidget *parent = nullptr);

    // The parameters of the demo as set in the panel: {name, durationS, breakAtS, restoreAtS, link, mode}.
    QJsonObject demoParameters() const;
    // A `scenario` event or the scenario's status.
    void showScenario(const QJsonObject &event);
    void setLabReady(bool ready);
    bool isRunning() const { return m_running; }
    QString summary() const; // the last report's plain words; empty before a run ended

Q_SIGNALS:
    void startRequested(const QJsonObject &parameters);
    void stopRequested();

private:
    void updateButtons();

    bool m_running = false;
    bool m_ready = false;
    QDoubleSpinBox *m_breakAt = nullptr;
    QDoubleSpinBox *m_restoreAt = nullptr;
    QDoubleSpinBox *m_duration = nullptr;
    QComboBox *m_link = nullptr;
    QComboBox *m_mode = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_stop = nullptr;
    QProgressBar *m_progress = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QTextBrowser *m_report = nullptr;
    QLabel *m_state = nullptr;
};

} // namespace mlab
