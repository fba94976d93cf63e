#include "startup.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTranslator>

namespace mlab {

Result<QString> findCliProgram()
{
    const QString here = QCoreApplication::applicationDirPath();
    // Installed side by side; in the build tree each program has its own folder under app/.
    const QStringList candidates { here + QStringLiteral("/mptcplab-cli"),
        here + QStringLiteral("/../mptcplab-cli/mptcplab-cli") };
    for (const QString &candidate : candidates) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("mptcplab-cli"));
    if (!onPath.isEmpty())
        return onPath;
    return fail(QApplication::translate("mlab",
        "mptcplab-cli was not found next to %1 nor on PATH: it starts the "
        "lab's engine. Reinstall MPTCP Lab (cmake --install).")
                    .arg(QDir::toNativeSeparators(here)));
}

QString installTranslations(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *qt = new QTranslator(&app);
    if (qt->load(
            locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *ours = new QTranslator(&app);
    // Built into the program by qt_add_translations (resource prefix /i18n).
    if (ours->load(locale, QStringLiteral("mptcplab"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(ours);
        return locale.name().section(QLatin1Char('_'), 0, 0);
    }
    return QStringLiteral("en");
}

} // namespace mlab
