// The exported script is something a student runs by hand: run it for real
// and check that it builds a working lab, then that `down` removes it all.
#include "labharness.h"

#include "engine/runtimedir.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <unistd.h>

class TestLabScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scriptBuildsAWorkingLab();
};

void TestLabScript::scriptBuildsAWorkingLab()
{
    if (::geteuid() != 0)
        QSKIP("needs root: the script creates network namespaces, taps and a switch");
    LabHarness lab(QStringLiteral("itscript"));
    const CliResult script = lab.cli({ QStringLiteral("script"), QStringLiteral("--lab"), lab.labFile() });
    QVERIFY2(script.exitCode == 0, qPrintable(script.err));
    QVERIFY(script.out.startsWith(QStringLiteral("#!/bin/sh")));

    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("lab.sh")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(script.out.toUtf8());
    file.close();
    QProcess shell;
    shell.setProcessChannelMode(QProcess::MergedChannels);
    shell.start(QStringLiteral("sh"), { file.fileName() });
    QVERIFY(shell.waitForFinished(90000));
    QVERIFY2(shell.exitCode() == 0, qPrintable(QString::fromUtf8(shell.readAll()).right(2000)));

    // The lab it built answers over SSH from its management namespace with the pinned key.
    const mlab::RuntimeDir runtime(QStringLiteral("itscript"));
    QProcess ssh;
    ssh.start(QStringLiteral("ip"),
        { QStringLiteral("netns"), QStringLiteral("exec"), runtime.managementNetns(), QStringLiteral("ssh"),
            QStringLiteral("-i"), runtime.clientKey(), QStringLiteral("-o"),
            QStringLiteral("UserKnownHostsFile=") + runtime.keysDir() + QStringLiteral("/known_hosts"),
            QStringLiteral("-o"), QStringLiteral("StrictHostKeyChecking=yes"), QStringLiteral("-o"),
            QStringLiteral("BatchMode=yes"), QStringLiteral("root@10.168.255.1"),
            QStringLiteral("ip mptcp endpoint show") });
    QVERIFY(ssh.waitForFinished(15000));
    const QString endpoints = QString::fromUtf8(ssh.readAllStandardOutput());
    QVERIFY2(endpoints.contains(QStringLiteral("10.168.1.1 id 1 subflow fullmesh dev eth0")),
        qPrintable(endpoints + QString::fromUtf8(ssh.readAllStandardError())));

    // A lab built by hand has no engine and no state file; down still finds all of it.
    const CliResult down = lab.cli({ QStringLiteral("down"), QStringLiteral("--lab"), QStringLiteral("itscript") });
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    QVERIFY2(lab.leftovers().isEmpty(), qPrintable(lab.leftovers().join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestLabScript)
#include "tst_labscript.moc"
