#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QTreeWidget;

namespace mlab {

// The steps of bringing a lab up or down, as the engine reports them (`step` events): each step's state and
// time, a progress bar, and for a failed step the command that failed and its output, so the user sees why
// without opening a log.
class StepPanel : public QWidget
{
    Q_OBJECT
public:
    explicit StepPanel(QWidget *parent = nullptr);

    // step: {operation, id, index, total, state ("running", "done", "failed"), durationMs, message, command,
    // output}. A step of another operation than the one shown starts a fresh list.
    void addStep(const QJsonObject &step);
    // The outcome of the whole operation, in words.
    void finish(bool ok, const QString &message);
    void clear();

    int stepCount() const;
    QString failureText() const; // what the details pane shows for the failed step; empty when none failed

private:
    QString m_operation;
    QLabel *m_title = nullptr;
    QProgressBar *m_progress = nullptr;
    QTreeWidget *m_steps = nullptr;
    QPlainTextEdit *m_details = nullptr;
};

} // namespace mlab
