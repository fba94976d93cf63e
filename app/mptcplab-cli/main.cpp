// mptcplab-cli: brings an MPTCP teaching lab up and down, breaks and restores
// its links, runs the lab's traffic and demo, and runs the lab's engine (`serve`).
#include "clicommands.h"
#include "commandline.h"
#include "demo.h"

#include <QCoreApplication>

using namespace mlab::cli;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mptcplab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MPTCPLAB_VERSION));
    return runCommandLine(QCoreApplication::arguments());
}
