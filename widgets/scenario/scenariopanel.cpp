#include "scenario/scenariopanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace mlab {

namespace {

QDoubleSpinBox *secondsBox(double value, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, 3600);
    box->setDecimals(1);
    box->setSingleStep(1);
    box->setSuffix(ScenarioPanel::tr(" s"));
    box->setValue(value);
    return box;
}

QString stateWords(const QString &state)
{
    if (state == QLatin1String("finished"))
        return ScenarioPanel::tr("finished");
    if (state == QLatin1String("stopped"))
        return ScenarioPanel::tr("stopped");
    if (state == QLatin1String("failed"))
        return ScenarioPanel::tr("failed");
    return state;
}

} // namespace

ScenarioPanel::ScenarioPanel(const Lab &lab, QWidget *parent)
    : QWidget(parent)
    , m_breakAt(secondsBox(6, this))
    , m_restoreAt(secondsBox(12, this))
    , m_duration(secondsBox(20, this))
    , m_link(new QComboBox(this))
    , m_mode(new QComboBox(this))
    , m_run(new QPushButton(tr("Run the demo"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_progress(new QProgressBar(this))
    , m_log(new QPlainTextEdit(this))
    , m_report(new QTextBrowser(this))
    , m_state(new QLabel(this))
{
    // The links a scenario may break: every path interface (the management network keeps the engine in reach).
    for (const NodeSpec &node : lab.nodes) {
        for (const InterfaceSpec &iface : node.interfaces) {
            if (!iface.management)
                m_link->addItem(tr("%1:%2 (%3)").arg(node.name, iface.name, iface.path),
                    QString(node.name + QLatin1Char(':') + iface.name));
        }
    }
    m_mode->addItem(tr("cut (silent: the port moves to the dead VLAN)"), QStringLiteral("cut"));
    m_mode->addItem(tr("unplug (the node sees its cable go)"), QStringLiteral("unplug"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(1000);
    m_report->setPlaceholderText(tr("When the demo ends, the engine's report appears here in plain words."));

    auto *form = new QFormLayout;
    form->addRow(tr("Break at"), m_breakAt);
    form->addRow(tr("Restore at"), m_restoreAt);
    form->addRow(tr("Duration"), m_duration);
    form->addRow(tr("Link"), m_link);
    form->addRow(tr("Kind of break"), m_mode);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_state);
    layout->addWidget(m_progress);
    layout->addWidget(m_log, 1);
    layout->addWidget(m_report, 2);

    connect(m_run, &QPushButton::clicked, this, [this] { Q_EMIT startRequested(demoParameters()); });
    connect(m_stop, &QPushButton::clicked, this, &ScenarioPanel::stopRequested);
    m_state->setText(tr("No scenario has run yet."));
    updateButtons();
}

QJsonObject ScenarioPanel::demoParameters() const
{
    return { { QStringLiteral("name"), QStringLiteral("demo") }, { QStringLiteral("durationS"), m_duration->value() },
        { QStringLiteral("breakAtS"), m_breakAt->value() }, { QStringLiteral("restoreAtS"), m_restoreAt->value() },
        { QStringLiteral("link"), m_link->currentData().toString() },
        { QStringLiteral("mode"), m_mode->currentData().toString() } };
}

void ScenarioPanel::setLabReady(bool ready)
{
    m_ready = ready;
    updateButtons();
}

void ScenarioPanel::updateButtons()
{
    m_run->setEnabled(m_ready && !m_running);
    m_stop->setEnabled(m_ready && m_running);
}

void ScenarioPanel::showScenario(const QJsonObject &event)
{
    const double elapsed = event.value(QLatin1String("elapsedS")).toDouble();
    const double duration = event.value(QLatin1String("durationS")).toDouble(m_duration->value());
    if (event.value(QLatin1String("finished")).toBool()) {
        m_running = false;
        const QString state = event.value(QLatin1String("state")).toString();
        const QString reason = event.value(QLatin1String("reason")).toString();
        m_state->setText(reason.isEmpty() ? tr("The scenario %1.").arg(stateWords(state))
                                          : tr("The scenario %1: %2").arg(stateWords(state), reason));
        m_progress->setValue(m_progress->maximum());
        const QString summary = event.value(QLatin1String("summary")).toString();
        m_report->setPlainText(
            summary.isEmpty() ? tr("No report: the run did not break a link with traffic flowing.") : summary);
        updateButtons();
        return;
    }
    if (!m_running) {
        m_running = true;
        m_log->clear();
        m_report->clear();
        m_progress->setRange(0, int(duration * 10));
    }
    m_progress->setValue(int(elapsed * 10));
    m_state->setText(tr("Running: %1 s of %2 s").arg(elapsed, 0, 'f', 1).arg(duration, 0, 'f', 0));
    const QString action = event.value(QLatin1String("action")).toString();
    if (!action.isEmpty()) {
        const bool ok = event.value(QLatin1String("ok")).toBool(true);
        m_log->appendPlainText(
            tr("[%1 s] %2 %3: %4%5")
                .arg(elapsed, 5, 'f', 1)
                .arg(action, event.value(QLatin1String("link")).toString(),
                    event.value(QLatin1String("message")).toString(), ok ? QString() : tr(" (FAILED)")));
    }
    updateButtons();
}

QString ScenarioPanel::summary() const
{
    return m_report->toPlainText();
}

} // namespace mlab
