// The language setting: offered choices, kept in QSettings for the next start.
#include "settingsdialog.h"

#include <QComboBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace mlab;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { QSettings().clear(); }

    void languageIsKeptForTheNextStart()
    {
        QCOMPARE(SettingsDialog::savedLanguage(), QString()); // the system's
        SettingsDialog dialog;
        QCOMPARE(dialog.language(), QString());
        dialog.setLanguage(QStringLiteral("it"));
        dialog.save();
        QCOMPARE(SettingsDialog::savedLanguage(), QStringLiteral("it"));
        QCOMPARE(SettingsDialog().language(), QStringLiteral("it")); // a new dialog shows what was saved
    }

    void everyTranslationIsOffered()
    {
        const SettingsDialog dialog;
        const auto *combo = dialog.findChild<QComboBox *>();
        QVERIFY(combo);
        QStringList codes;
        for (int i = 0; i < combo->count(); ++i)
            codes << combo->itemData(i).toString();
        QCOMPARE(codes, QStringList({ QString(), QStringLiteral("en"), QStringLiteral("it") }));
    }

    void unknownSavedLanguageShowsTheSystemChoice()
    {
        QSettings().setValue(QStringLiteral("language"), QStringLiteral("xx"));
        QCOMPARE(SettingsDialog().language(), QString());
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
