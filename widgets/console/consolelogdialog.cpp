#include "console/consolelogdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

namespace mlab {

namespace {

// A serial console ends its lines with CR LF and the guest's shell colours its prompt: neither means anything
// in a text view, where they show as boxes.
QString readable(QString text)
{
    static const QRegularExpression escapes(QStringLiteral("\\x1b\\[[0-9;?]*[A-Za-z]|[\\x00-\\x08\\x0b-\\x1f\\x7f]"));
    return text.remove(escapes);
}

} // namespace

ConsoleLogDialog::ConsoleLogDialog(const QString &node, QWidget *parent)
    : QDialog(parent)
    , m_node(node)
    , m_refresh(new QAction(tr("Refresh"), this))
    , m_summary(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Console log of %1").arg(node));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setStatusTip(tr("Read the console log again: the VM keeps writing to it"));
    m_refresh->setToolTip(
        tr("Read the console log again (%1)").arg(m_refresh->shortcut().toString(QKeySequence::NativeText)));
    addAction(m_refresh);
    connect(m_refresh, &QAction::triggered, this, [this] { Q_EMIT refreshRequested(m_node); });

    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *refreshButton = new QToolButton(this);
    refreshButton->setDefaultAction(m_refresh);
    refreshButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(refreshButton);
    bottom->addStretch(1);
    bottom->addWidget(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_text, 1);
    layout->addLayout(bottom);
    resize(900, 600);
}

void ConsoleLogDialog::setLoading()
{
    m_refresh->setEnabled(false);
    m_summary->setText(tr("Reading the console log of %1...").arg(m_node));
}

void ConsoleLogDialog::showLog(const QJsonObject &log)
{
    m_refresh->setEnabled(true);
    const QString path = log.value(QLatin1String("path")).toString();
    const qint64 size = log.value(QLatin1String("sizeBytes")).toInteger();
    const QString text = readable(log.value(QLatin1String("text")).toString());
    const QLocale locale;
    if (log.value(QLatin1String("truncated")).toBool())
        m_summary->setText(tr("The newest %1 of %2 (%3 in all), read at %4")
                               .arg(locale.formattedDataSize(text.toUtf8().size()), path,
                                   locale.formattedDataSize(size), locale.toString(QTime::currentTime())));
    else
        m_summary->setText(
            tr("%1 (%2), read at %3").arg(path, locale.formattedDataSize(size), locale.toString(QTime::currentTime())));

    // Keep reading where the user scrolled to; follow the end when they were at it (as at first).
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atEnd = m_text->document()->isEmpty() || bar->value() == bar->maximum();
    const int position = bar->value();
    m_text->setPlainText(text.isEmpty() ? tr("(the VM has written nothing to its console yet)") : text);
    bar->setValue(atEnd ? bar->maximum() : position);
}

void ConsoleLogDialog::showProblem(const QString &reason)
{
    m_refresh->setEnabled(true);
    m_summary->setText(tr("Cannot read the console log of %1: %2").arg(m_node, reason));
}

QString ConsoleLogDialog::text() const
{
    return m_text->toPlainText();
}

QString ConsoleLogDialog::summary() const
{
    return m_summary->text();
}

} // namespace mlab
