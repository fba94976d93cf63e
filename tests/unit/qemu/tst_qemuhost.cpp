#include "qemu/qemuhost.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mlab;

// The checks made before a VM starts: QEMU missing, QEMU without the network backend a launch mode needs, an
// accelerator that cannot be had. PATH is pointed at a directory of our own for each case.
class TestQemuHost : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void missingQemuIsNamed();
    void qemuWithoutVdeIsNamed();
    void vdeqNeedsTheWrapper();
    void realQemuHasVde();
    void tcgIsAlwaysThere();

private:
    // A stand-in qemu-system-x86_64 in m_bin whose `-netdev help` lists backends.
    void fakeQemu(const QByteArray &backends);

    QTemporaryDir m_bin;
    QByteArray m_path;
};

void TestQemuHost::init()
{
    m_path = qgetenv("PATH");
}

void TestQemuHost::cleanup()
{
    qputenv("PATH", m_path);
}

void TestQemuHost::fakeQemu(const QByteArray &backends)
{
    QFile fake(m_bin.path() + QStringLiteral("/qemu-system-x86_64"));
    QVERIFY(fake.open(QIODevice::WriteOnly));
    fake.write("#!/bin/sh\nprintf 'Available netdev backend types:\\n" + backends + "'\n");
    fake.close();
    fake.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner);
}

void TestQemuHost::missingQemuIsNamed()
{
    qputenv("PATH", m_bin.path().toUtf8());
    const Status checked = QemuHost::checkLaunchMode(QStringLiteral("vde"));
    QVERIFY(!checked);
    QVERIFY2(checked.error().contains(QStringLiteral("QEMU is not installed")), qPrintable(checked.error()));
    QVERIFY2(checked.error().contains(QStringLiteral("qemu-system-x86")), qPrintable(checked.error()));
}

void TestQemuHost::qemuWithoutVdeIsNamed()
{
    fakeQemu("socket\\nuser\\ntap\\n");
    qputenv("PATH", m_bin.path().toUtf8() + ":/usr/bin:/bin");
    const Status checked = QemuHost::checkLaunchMode(QStringLiteral("vde"));
    QVERIFY(!checked);
    QVERIFY2(checked.error().contains(QStringLiteral("built without the \"vde\" network backend")),
        qPrintable(checked.error()));
    QVERIFY2(checked.error().contains(m_bin.path()), qPrintable(checked.error()));
}

void TestQemuHost::vdeqNeedsTheWrapper()
{
    fakeQemu("vde\\ndgram\\n");
    qputenv("PATH", m_bin.path().toUtf8());
    const Status checked = QemuHost::checkLaunchMode(QStringLiteral("vdeq"));
    QVERIFY(!checked);
    QVERIFY2(checked.error().contains(QStringLiteral("needs the vdeq wrapper")), qPrintable(checked.error()));
}

void TestQemuHost::realQemuHasVde()
{
    if (QStandardPaths::findExecutable(QemuHost::binary).isEmpty())
        QSKIP("qemu-system-x86_64 is not installed (scripts/install-deps.sh installs it)");
    const Status checked = QemuHost::checkLaunchMode(QStringLiteral("vde"));
    QVERIFY2(checked, qPrintable(checked.error()));
}

void TestQemuHost::tcgIsAlwaysThere()
{
    QCOMPARE(QemuHost::chooseAccelerator(QStringLiteral("tcg")).value(), QStringLiteral("tcg"));
    const Result<QString> automatic = QemuHost::chooseAccelerator(QStringLiteral("auto"));
    QVERIFY(automatic);
    QVERIFY(*automatic == QLatin1String("tcg") || *automatic == QLatin1String("kvm"));
    if (!QFile::exists(QStringLiteral("/dev/kvm"))) {
        const Result<QString> kvm = QemuHost::chooseAccelerator(QStringLiteral("kvm"));
        QVERIFY(!kvm);
        QVERIFY2(kvm.error().contains(QStringLiteral("/dev/kvm")), qPrintable(kvm.error()));
    }
}

QTEST_GUILESS_MAIN(TestQemuHost)
#include "tst_qemuhost.moc"
