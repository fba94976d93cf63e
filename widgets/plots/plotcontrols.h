#pragma once

#include "core/result.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QToolButton;

namespace mlab {

class ThroughputPlot;

// A strip above a ThroughputPlot: window, source, pause and export. It drives the plot only through its public
// API and follows it back through its signals, so the plot stays usable without it. The actions are public so
// that the main window can put the same ones in its menus.
class PlotControls : public QWidget
{
    Q_OBJECT

public:
    enum class ExportFormat { Png, Pdf, CsvVisible, CsvAll };

    explicit PlotControls(ThroughputPlot *plot, QWidget *parent = nullptr);

    QAction *pauseAction() const { return m_pauseAction; }
    QAction *exportAction(ExportFormat format) const;
    // What the export actions do once the user chose a file; reports through statusMessage as well.
    Status exportTo(ExportFormat format, const QString &path);
    QString statusText() const; // the inline hint: the last export's outcome

signals:
    void statusMessage(const QString &text); // for a status bar

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void chooseFileAndExport(ExportFormat format);
    void showWindow(int seconds);

    QPointer<ThroughputPlot> m_plot;
    QLabel *m_windowLabel;
    QComboBox *m_window;
    QLabel *m_sourceLabel;
    QComboBox *m_source;
    QToolButton *m_pause;
    QToolButton *m_export;
    QLabel *m_status;
    QAction *m_pauseAction;
    QList<QAction *> m_exportActions; // by ExportFormat
    QString m_lastFolder;
};

} // namespace mlab
