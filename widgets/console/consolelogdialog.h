#pragma once

#include <QDialog>
#include <QJsonObject>

class QAction;
class QLabel;
class QPlainTextEdit;

namespace mlab {

// The serial console log of one VM node: what the guest kernel and its /init printed, the first place to look
// when a VM boots slowly or not at all. Read-only, newest lines at the bottom. It reads nothing itself (the log
// is root's and only the engine may read it): Refresh asks through refreshRequested, and the answer comes back
// through showLog() or showProblem().
class ConsoleLogDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConsoleLogDialog(const QString &node, QWidget *parent = nullptr);

    QString node() const { return m_node; }
    QAction *refreshAction() const { return m_refresh; }
    // Refresh stays disabled until the answer comes.
    void setLoading();
    // The engine's consoleLog result: {node, path, text, sizeBytes, truncated}.
    void showLog(const QJsonObject &log);
    void showProblem(const QString &reason);

    QString text() const; // the log as shown
    QString summary() const; // the line above it: which file, how much of it, or what went wrong

Q_SIGNALS:
    void refreshRequested(const QString &node);

private:
    QString m_node;
    QAction *m_refresh = nullptr;
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_text = nullptr;
};

} // namespace mlab
