// mptcplab: the desktop lab manager. Opens one window on a lab (the seed lab by default), attaches to its
// engine when it runs, and starts it (with pkexec or sudo) when the user clicks Start.
#include "mainwindow.h"
#include "settingsdialog.h"
#include "startup.h"

#include "client/labsession.h"
#include "lab/labfile.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>

#include <cstdio>

using namespace mlab;

namespace {

bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // --help needs no display; anything else does, and Qt's own message about platform plugins helps nobody.
    if (asksForHelpOrVersion(argc, argv) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fprintf(stderr,
            "mptcplab: no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it in a desktop "
            "session, or use the command line: mptcplab-cli --help\n");
        return 1;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mptcplab"));
    QApplication::setApplicationDisplayName(QStringLiteral("MPTCP Lab"));
    QApplication::setOrganizationName(QStringLiteral("mptcplab"));
    QApplication::setApplicationVersion(QStringLiteral(MPTCPLAB_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mptcplab.svg")));
    QApplication::setDesktopFileName(QStringLiteral("org.mptcplab.MptcpLab"));

    QCommandLineParser parser;
    QCommandLineOption labOption(QStringLiteral("lab"),
        QApplication::translate("main", "Lab file to open (default: the built-in seed lab)."), QStringLiteral("FILE"));
    QCommandLineOption languageOption(QStringLiteral("language"),
        QApplication::translate("main", "Language of the window: en or it (default: the system's, or Settings)."),
        QStringLiteral("CODE"));
    parser.setApplicationDescription(QApplication::translate("main",
        "MPTCP Lab: a lab manager for teaching and demonstrating Multipath TCP.\n"
        "Opens the lab in a window: start it, run traffic, break a link and watch MPTCP move the traffic.\n"
        "The lab itself runs as root: Start asks for it through pkexec or sudo.\n"
        "Command line: mptcplab-cli --help."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(labOption);
    parser.addOption(languageOption);
    parser.process(app);

    installTranslations(
        app, parser.isSet(languageOption) ? parser.value(languageOption) : SettingsDialog::savedLanguage());

    const QString labFile = parser.isSet(labOption) ? parser.value(labOption) : builtInSeedLab;
    Result<Lab> lab = loadLabFile(labFile);
    if (!lab) {
        std::fprintf(stderr, "mptcplab: %s\n", qPrintable(lab.error()));
        QMessageBox::critical(nullptr, QApplication::translate("main", "MPTCP Lab"),
            QApplication::translate("main", "The lab file cannot be used:\n\n%1").arg(lab.error()));
        return 1;
    }
    Result<QString> cli = findCliProgram();
    if (!cli) {
        std::fprintf(stderr, "mptcplab: %s\n", qPrintable(cli.error()));
        QMessageBox::critical(nullptr, QApplication::translate("main", "MPTCP Lab"), cli.error());
        return 1;
    }

    LabSession session(*lab, *cli);
    MainWindow window(&session);
    window.show();
    session.attach();
    return app.exec();
}
