#include "lab/steppanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mlab {

namespace {

enum Column { StepColumn, StateColumn, TimeColumn, MessageColumn };

QString operationTitle(const QString &operation)
{
    if (operation == QLatin1String("up"))
        return StepPanel::tr("Starting the lab");
    if (operation == QLatin1String("down"))
        return StepPanel::tr("Stopping the lab");
    return operation;
}

QString stateText(const QString &state)
{
    if (state == QLatin1String("running"))
        return StepPanel::tr("running");
    if (state == QLatin1String("done"))
        return StepPanel::tr("done");
    if (state == QLatin1String("failed"))
        return StepPanel::tr("FAILED");
    return state;
}

} // namespace

StepPanel::StepPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_steps(new QTreeWidget(this))
    , m_details(new QPlainTextEdit(this))
{
    m_steps->setRootIsDecorated(false);
    m_steps->setHeaderLabels({ tr("Step"), tr("State"), tr("Time"), tr("What happened") });
    m_steps->header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("When a step fails, the command that failed and its output appear here."));
    m_details->setVisible(false);
    m_progress->setTextVisible(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_progress);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_details, 1);
    clear();
}

void StepPanel::clear()
{
    m_operation.clear();
    m_title->setText(tr("Nothing started yet."));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_steps->clear();
    m_details->clear();
    m_details->setVisible(false);
}

void StepPanel::addStep(const QJsonObject &step)
{
    const QString operation = step.value(QLatin1String("operation")).toString();
    if (operation != m_operation) {
        clear();
        m_operation = operation;
        m_title->setText(operationTitle(operation));
    }
    const int index = step.value(QLatin1String("index")).toInt();
    const int total = step.value(QLatin1String("total")).toInt();
    const QString state = step.value(QLatin1String("state")).toString();
    while (m_steps->topLevelItemCount() < index)
        m_steps->addTopLevelItem(new QTreeWidgetItem(m_steps));
    QTreeWidgetItem *item = m_steps->topLevelItem(index - 1);
    item->setText(
        StepColumn, QStringLiteral("%1/%2 %3").arg(index).arg(total).arg(step.value(QLatin1String("id")).toString()));
    item->setText(StateColumn, stateText(state));
    const QStyle::StandardPixmap icon = state == QLatin1String("failed") ? QStyle::SP_MessageBoxCritical
        : state == QLatin1String("done")                                 ? QStyle::SP_DialogApplyButton
                                                                         : QStyle::SP_BrowserReload;
    item->setIcon(StateColumn, style()->standardIcon(icon));
    const qint64 ms = step.value(QLatin1String("durationMs")).toInteger();
    item->setText(
        TimeColumn, state == QLatin1String("running") ? QString() : tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 2));
    item->setText(MessageColumn, step.value(QLatin1String("message")).toString());
    item->setToolTip(MessageColumn, item->text(MessageColumn));
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(state == QLatin1String("running") ? index - 1 : index);
    if (state == QLatin1String("failed")) {
        m_details->setPlainText(
            tr("Step %1 failed: %2\n\nCommand: %3\n\nOutput:\n%4")
                .arg(step.value(QLatin1String("id")).toString(), step.value(QLatin1String("message")).toString(),
                    step.value(QLatin1String("command")).toString(), step.value(QLatin1String("output")).toString()));
        m_details->setVisible(true);
    }
}

void StepPanel::finish(bool ok, const QString &message)
{
    m_title->setText(ok ? message : tr("Failed: %1").arg(message));
    if (ok)
        m_progress->setValue(m_progress->maximum());
}

int StepPanel::stepCount() const
{
    return m_steps->topLevelItemCount();
}

QString StepPanel::failureText() const
{
    return m_details->isHidden() ? QString() : m_details->toPlainText();
}

} // namespace mlab
