#pragma once

// Every command the lab ran: the table with its filters (place, search text, failures only), the selected
// entry's whole output below it, and the shown commands exported as a shell script a student can run.

#include "core/result.h"
#include "core/transcript.h"
#include "lab/labmodel.h"
#include "mptcp/script.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QWidget>

#include <optional>

class QCheckBox;
class QPlainTextEdit;
class QTableView;

namespace mlab {

class FilteredTable;
class RowFilterProxy;
class TranscriptModel;

// What exportScript() wrote.
struct TranscriptExport
{
    int commands = 0;
    int skipped = 0; // switch management commands and notes: see transcriptscript.h
};

class TranscriptPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TranscriptPanel(QWidget *parent = nullptr);

    void appendEntries(const QJsonArray &entries);
    void appendEntry(const QJsonObject &entry);

    void setNodeFilter(const QString &where); // a node, "host" or "switch"; empty: everywhere
    void setSearchText(const QString &text);
    void setOnlyFailures(bool only);

    // The script reaches the nodes over ssh from the lab's management namespace: exportScript() needs the
    // lab and the key and known_hosts paths (engine/labplan.cpp's labScript() takes them from RuntimeDir).
    void setScriptTarget(const Lab &lab, const ScriptSshOptions &ssh);
    // The entries the filters let through, in seq order whatever the view's sort.
    QList<TranscriptEntry> shownEntries() const;
    // Writes shownEntries() as mptcp/script.h's exportScript() does; the error names the path.
    Result<TranscriptExport> exportScript(const QString &path) const;

    TranscriptModel *model() const { return m_model; }
    // Its flag is "failed": setOnlyFailures() is its setOnlyFlagged().
    RowFilterProxy *proxy() const;
    QTableView *tableView() const;
    QPlainTextEdit *detailView() const { return m_detail; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void showDetail(const QModelIndex &proxyIndex);
    void retranslateUi();

    TranscriptModel *m_model;
    FilteredTable *m_table;
    QCheckBox *m_onlyFailures;
    QPlainTextEdit *m_detail;
    bool m_followTail = true;
    std::optional<Lab> m_lab;
    ScriptSshOptions m_ssh;
};

} // namespace mlab
