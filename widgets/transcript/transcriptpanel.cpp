#include "transcript/transcriptpanel.h"

#include "common/filteredtable.h"
#include "transcript/transcriptmodel.h"
#include "transcript/transcriptscript.h"

#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QFontDatabase>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace mlab {

TranscriptPanel::TranscriptPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new TranscriptModel(this))
    , m_table(new FilteredTable(m_model,
          { TranscriptModel::SortRole, TranscriptModel::WhereRole,
              { TranscriptModel::CommandRole, TranscriptModel::WhyRole, TranscriptModel::OutputRole },
              TranscriptModel::FailedRole },
          this))
    , m_onlyFailures(new QCheckBox(this))
    , m_detail(new QPlainTextEdit(this))
{
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_table->addFilterWidget(m_onlyFailures);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(splitter);

    connect(m_onlyFailures, &QCheckBox::toggled, proxy(), &RowFilterProxy::setOnlyFlagged);
    // New commands scroll into view only while the user is at the bottom, not while reading older ones.
    connect(proxy(), &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = tableView()->verticalScrollBar();
        m_followTail = bar->value() == bar->maximum();
    });
    connect(proxy(), &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followTail)
            tableView()->scrollToBottom();
    });
    connect(tableView()->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TranscriptPanel::showDetail);
    retranslateUi();
}

RowFilterProxy *TranscriptPanel::proxy() const
{
    return m_table->proxy();
}

QTableView *TranscriptPanel::tableView() const
{
    return m_table->view();
}

void TranscriptPanel::appendEntries(const QJsonArray &entries)
{
    m_model->appendEntries(entries);
}

void TranscriptPanel::appendEntry(const QJsonObject &entry)
{
    m_model->appendEntry(entry);
}

void TranscriptPanel::setNodeFilter(const QString &where)
{
    m_table->setNode(where);
}

void TranscriptPanel::setSearchText(const QString &text)
{
    m_table->setSearchText(text);
}

void TranscriptPanel::setOnlyFailures(bool only)
{
    m_onlyFailures->setChecked(only);
}

void TranscriptPanel::showDetail(const QModelIndex &proxyIndex)
{
    const QModelIndex source = proxy()->mapToSource(proxyIndex);
    if (!source.isValid()) {
        m_detail->clear();
        return;
    }
    const TranscriptEntry &entry = m_model->entryAt(source.row());
    const QString exit = m_model->index(source.row(), TranscriptModel::ExitColumn).data().toString();
    //: the detail pane: where the command ran, its exit status, why it ran, the command line, then its output
    m_detail->setPlainText(tr("On %1, exit status %2: %3\n$ %4\n\n%5")
                               .arg(entry.where, exit, entry.why, entry.command,
                                   entry.output.isEmpty() ? tr("(no output)") : entry.output));
}

void TranscriptPanel::setScriptTarget(const Lab &lab, const ScriptSshOptions &ssh)
{
    m_lab = lab;
    m_ssh = ssh;
}

QList<TranscriptEntry> TranscriptPanel::shownEntries() const
{
    const RowFilterProxy *shown = proxy();
    QList<TranscriptEntry> entries;
    entries.reserve(shown->rowCount());
    for (int row = 0; row < shown->rowCount(); ++row)
        entries << m_model->entryAt(shown->mapToSource(shown->index(row, 0)).row());
    // A script runs in the lab's order, whatever column the view is sorted by.
    std::sort(entries.begin(), entries.end(),
        [](const TranscriptEntry &a, const TranscriptEntry &b) { return a.seq < b.seq; });
    return entries;
}

Result<TranscriptExport> TranscriptPanel::exportScript(const QString &path) const
{
    const QString where = QDir::toNativeSeparators(path);
    if (!m_lab)
        return fail(tr("Cannot export the transcript to %1: no lab is set to write the script for").arg(where));
    const TranscriptCommands commands = commandsFromTranscript(shownEntries());
    qsizetype count = commands.host.size();
    for (const QList<Command> &nodeCommands : commands.nodes)
        count += nodeCommands.size();
    if (count == 0)
        return fail(tr("Nothing to export to %1: the transcript shows no command a shell can run").arg(where));
    const Result<QString> script = mlab::exportScript(*m_lab, commands.host, commands.nodes, m_ssh);
    if (!script)
        return fail(tr("Cannot export the transcript to %1: %2").arg(where, script.error()));

    // QSaveFile: a failed write leaves an older script at path as it was, not half overwritten.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(script->toUtf8()) < 0 || !file.commit())
        return fail(tr("Cannot write the script to %1: %2").arg(where, file.errorString()));
    const QFileDevice::Permissions executable = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
        | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther;
    if (!QFile::setPermissions(path, executable))
        return fail(tr("Wrote the script to %1, but could not make it executable: run it with sh").arg(where));
    return TranscriptExport { int(count), commands.skipped };
}

void TranscriptPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TranscriptPanel::retranslateUi()
{
    m_table->setAllNodesText(tr("Everywhere"), tr("Show the commands of one node, the host or the switch only"));
    m_table->searchBox()->setPlaceholderText(tr("Search commands, reasons and output…"));
    m_onlyFailures->setText(tr("Only failures"));
    m_onlyFailures->setToolTip(tr("Show only the commands that exited with an error or did not run"));
    m_model->retranslate();
    showDetail(tableView()->currentIndex());
}

} // namespace mlab
