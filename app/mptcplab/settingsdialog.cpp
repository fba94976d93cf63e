#include "settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace mlab {

namespace {

const QString LanguageKey = QStringLiteral("language");

} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_language(new QComboBox(this))
{
    setWindowTitle(tr("Settings"));
    // Each language named in itself, so that someone who cannot read the current one still finds theirs.
    m_language->addItem(tr("The system's language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Italiano"), QStringLiteral("it"));
    setLanguage(savedLanguage());

    auto *note = new QLabel(tr("The new language is used the next time the window opens."), this);
    note->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

QString SettingsDialog::language() const
{
    return m_language->currentData().toString();
}

void SettingsDialog::setLanguage(const QString &code)
{
    const int index = m_language->findData(code);
    m_language->setCurrentIndex(index >= 0 ? index : 0);
}

QString SettingsDialog::savedLanguage()
{
    return QSettings().value(LanguageKey).toString();
}

void SettingsDialog::save() const
{
    QSettings().setValue(LanguageKey, language());
}

} // namespace mlab
