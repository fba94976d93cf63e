#include "plots/plotcontrols.h"

#include "plots/throughputplot.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QStandardPaths>
#include <QToolButton>

namespace mlab {

namespace {

constexpr int WindowChoices[] = { 30, 120, 600, 0 };

} // namespace

PlotControls::PlotControls(ThroughputPlot *plot, QWidget *parent)
    : QWidget(parent)
    , m_plot(plot)
    , m_windowLabel(new QLabel(this))
    , m_window(new QComboBox(this))
    , m_sourceLabel(new QLabel(this))
    , m_source(new QComboBox(this))
    , m_pause(new QToolButton(this))
    , m_export(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_pauseAction(new QAction(this))
    , m_lastFolder(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
{
    for (int seconds : WindowChoices)
        m_window->addItem(QString(), seconds);
    m_source->addItem(QString(), int(ThroughputPlot::Source::Nodes));
    m_source->addItem(QString(), int(ThroughputPlot::Source::Switch));
    m_windowLabel->setBuddy(m_window);
    m_sourceLabel->setBuddy(m_source);

    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_pause->setDefaultAction(m_pauseAction);
    m_pause->setToolButtonStyle(Qt::ToolButtonTextOnly);
    addAction(m_pauseAction); // so that the shortcut works without a menu holding the action

    auto *menu = new QMenu(this);
    for (int format = 0; format <= int(ExportFormat::CsvAll); ++format) {
        QAction *action = menu->addAction(QString());
        connect(action, &QAction::triggered, this, [this, format] { chooseFileAndExport(ExportFormat(format)); });
        m_exportActions << action;
    }
    m_export->setMenu(menu);
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *widget : std::initializer_list<QWidget *> { m_windowLabel, m_window, m_sourceLabel, m_source })
        layout->addWidget(widget);
    layout->addWidget(m_pause);
    layout->addWidget(m_export);
    layout->addWidget(m_status, 1);

    connect(m_window, &QComboBox::activated, this, [this](int index) {
        if (m_plot)
            m_plot->setWindow(m_window->itemData(index).toInt());
    });
    connect(m_source, &QComboBox::activated, this, [this](int index) {
        if (m_plot)
            m_plot->setSource(ThroughputPlot::Source(m_source->itemData(index).toInt()));
    });
    connect(m_pauseAction, &QAction::toggled, this, [this](bool paused) {
        if (m_plot)
            m_plot->setPaused(paused);
    });
    if (plot) {
        // Followed back: the plot pauses itself when the user drags it, and others may set it too.
        connect(plot, &ThroughputPlot::pausedChanged, m_pauseAction, &QAction::setChecked);
        connect(plot, &ThroughputPlot::windowChanged, this, &PlotControls::showWindow);
        connect(plot, &ThroughputPlot::sourceChanged, this,
            [this](ThroughputPlot::Source source) { m_source->setCurrentIndex(m_source->findData(int(source))); });
        showWindow(plot->window());
        m_source->setCurrentIndex(m_source->findData(int(plot->source())));
        m_pauseAction->setChecked(plot->isPaused());
    }
    retranslate();
}

void PlotControls::showWindow(int seconds)
{
    m_window->setCurrentIndex(m_window->findData(seconds)); // -1 (blank) for a window the list does not offer
}

void PlotControls::retranslate()
{
    m_windowLabel->setText(tr("&Window:"));
    const QStringList windowNames { tr("30 s"), tr("2 min"), tr("10 min"), tr("All", "plot window: all the data") };
    for (int i = 0; i < windowNames.size(); ++i)
        m_window->setItemText(i, windowNames.at(i));
    m_window->setToolTip(tr("How much time the plot shows, ending at the newest sample"));
    m_sourceLabel->setText(tr("&Counters:"));
    m_source->setItemText(0, tr("Nodes' interfaces"));
    m_source->setItemText(1, tr("Switch ports"));
    m_source->setToolTip(tr("Where the throughput is measured: on the nodes (over SSH) or at the switch's ports"));
    m_pauseAction->setText(tr("&Pause"));
    m_pauseAction->setStatusTip(
        tr("Stop following the newest data (data is still recorded); drag or zoom the plot to look around"));
    m_export->setText(tr("&Export"));
    m_export->setToolTip(tr("Save the plot or its data"));
    const QStringList exportNames { tr("Plot as PNG image…"), tr("Plot as PDF…"), tr("Visible data as CSV…"),
        tr("All data as CSV…") };
    const QStringList exportTips { tr("Save the plot as shown, as a PNG image"),
        tr("Save the plot as shown, as a vector PDF"),
        tr("Save the throughput in the visible time range as comma-separated values"),
        tr("Save all the recorded throughput as comma-separated values") };
    for (int i = 0; i < m_exportActions.size(); ++i) {
        m_exportActions.at(i)->setText(exportNames.at(i));
        m_exportActions.at(i)->setStatusTip(exportTips.at(i));
    }
}

void PlotControls::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QAction *PlotControls::exportAction(ExportFormat format) const
{
    return m_exportActions.at(int(format));
}

QString PlotControls::statusText() const
{
    return m_status->text();
}

void PlotControls::chooseFileAndExport(ExportFormat format)
{
    const bool csv = format == ExportFormat::CsvVisible || format == ExportFormat::CsvAll;
    const QString suffix = format == ExportFormat::Png ? QStringLiteral("png")
        : format == ExportFormat::Pdf                  ? QStringLiteral("pdf")
                                                       : QStringLiteral("csv");
    const QString filter = format == ExportFormat::Png ? tr("PNG images (*.png)")
        : format == ExportFormat::Pdf                  ? tr("PDF documents (*.pdf)")
                                                       : tr("CSV files (*.csv)");
    const QString suggested
        = QDir(m_lastFolder)
              .filePath((csv ? QStringLiteral("throughput-data.") : QStringLiteral("throughput.")) + suffix);
    QString path = QFileDialog::getSaveFileName(this, tr("Export throughput"), suggested, filter);
    if (path.isEmpty())
        return; // cancelled
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".%1").arg(suffix);
    m_lastFolder = QFileInfo(path).absolutePath();
    (void)exportTo(format, path); // the outcome is shown by exportTo
}

Status PlotControls::exportTo(ExportFormat format, const QString &path)
{
    if (!m_plot)
        return fail(tr("Could not export to %1: the plot is gone.").arg(QDir::toNativeSeparators(path)));
    Status done = format == ExportFormat::Png ? m_plot->exportPng(path)
        : format == ExportFormat::Pdf
        ? m_plot->exportPdf(path)
        : m_plot->exportCsv(path,
            format == ExportFormat::CsvAll ? ThroughputPlot::ExportRange::All : ThroughputPlot::ExportRange::Visible);
    const QString message = done ? tr("Saved %1").arg(QDir::toNativeSeparators(path)) : done.error();
    m_status->setText(message);
    Q_EMIT statusMessage(message);
    return done;
}

} // namespace mlab
