#pragma once

#include <QDialog>

class QComboBox;

namespace mlab {

// The window's settings: for now its language (the system's, English or Italian), kept in QSettings "language"
// and used the next time the window opens; --language overrides it for one run.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // "" (the system's), "en" or "it".
    QString language() const;
    void setLanguage(const QString &code);

    // Reads and writes QSettings.
    static QString savedLanguage();
    void save() const;

private:
    QComboBox *m_language;
};

} // namespace mlab
