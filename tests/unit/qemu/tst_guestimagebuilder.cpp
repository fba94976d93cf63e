#include "qemu/guestimage.h"
#include "qemu/guestimagebuilder.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mlab;

// The image build's command plan and the checks on its inputs (the build itself runs in tst_qemulab).
class TestGuestImageBuilder : public QObject
{
    Q_OBJECT

private slots:
    void commandRunsTheShippedScriptInTheCache();
    void badRequestsAreRefused_data();
    void badRequestsAreRefused();
    void shippedScriptIsInTheProgram();
    void openGuestImageNamesWhatIsMissing();
};

void TestGuestImageBuilder::commandRunsTheShippedScriptInTheCache()
{
    const GuestImageBuilder builder({ QStringLiteral("/var/cache/mlab"), QStringLiteral("backports") });
    QVERIFY(builder.validate());
    QCOMPARE(builder.command().argv,
        (QStringList { QStringLiteral("bash"), QStringLiteral("/var/cache/mlab/build-guest.sh"),
            QStringLiteral("/var/cache/mlab"), QStringLiteral("backports") }));
    QCOMPARE(guestDirIn(QStringLiteral("/var/cache/mlab")), QStringLiteral("/var/cache/mlab/guest"));
}

void TestGuestImageBuilder::badRequestsAreRefused_data()
{
    QTest::addColumn<QString>("cache");
    QTest::addColumn<QString>("suite");
    QTest::addColumn<QString>("message");
    QTest::newRow("relative cache") << "cache"
                                    << "stable"
                                    << R"(image cache "cache": expected an absolute path)";
    QTest::newRow("cache with a space") << "/tmp/my cache"
                                        << "stable"
                                        << R"(image cache "/tmp/my cache")";
    QTest::newRow("cache with ..") << "/tmp/../etc"
                                   << "stable"
                                   << R"(without "..")";
    QTest::newRow("cache is /") << "/"
                                << "stable"
                                << R"(image cache "/": the build deletes)";
    QTest::newRow("unknown suite") << "/tmp/c"
                                   << "sid"
                                   << R"(kernel suite "sid": expected "stable")";
}

void TestGuestImageBuilder::badRequestsAreRefused()
{
    QFETCH(QString, cache);
    QFETCH(QString, suite);
    QFETCH(QString, message);
    const GuestImageBuilder builder({ cache, suite });
    const Status valid = builder.validate();
    QVERIFY(!valid);
    QVERIFY2(valid.error().contains(message), qPrintable(valid.error()));
    const Result<QString> built = builder.build([](const QString &) {});
    QVERIFY(!built);
}

void TestGuestImageBuilder::shippedScriptIsInTheProgram()
{
    QFile script(QStringLiteral(":/guest/build-guest.sh"));
    QVERIFY(script.open(QIODevice::ReadOnly));
    const QByteArray text = script.readAll();
    QVERIFY(text.startsWith("#!/bin/bash"));
    // No install, no change outside the cache: packages are downloaded and unpacked only.
    QVERIFY(text.contains("apt_get -qq \"${opts[@]}\" download"));
    QVERIFY(text.contains("-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=")); // nothing in /var/cache/apt
    QVERIFY(!text.contains("apt-get install"));
    QVERIFY(!text.contains("dpkg -i"));
    QVERIFY(QFile::exists(QStringLiteral(":/guest/vdeq-qemu.sh")));
}

void TestGuestImageBuilder::openGuestImageNamesWhatIsMissing()
{
    QTemporaryDir dir;
    Result<GuestImage> image = openGuestImage(dir.path() + QStringLiteral("/none"));
    QVERIFY(!image);
    QVERIFY2(image.error().contains(QStringLiteral("mptcplab-cli image build")), qPrintable(image.error()));
    QFile kernel(dir.path() + QStringLiteral("/vmlinuz"));
    QVERIFY(kernel.open(QIODevice::WriteOnly));
    kernel.write("not a kernel at all");
    kernel.close();
    image = openGuestImage(dir.path());
    QVERIFY(!image);
    QVERIFY2(image.error().contains(QStringLiteral("is not a Linux kernel")), qPrintable(image.error()));
}

QTEST_GUILESS_MAIN(TestGuestImageBuilder)
#include "tst_guestimagebuilder.moc"
