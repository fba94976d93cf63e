#include "lab/labsyntax.h"

#include <QTest>

using namespace mlab;

class TestLabSyntax : public QObject
{
    Q_OBJECT

private slots:
    void cidr_data();
    void cidr();
    void overlaps_data();
    void overlaps();
    void identifier_data();
    void identifier();
    void labAndNodeNames_data();
    void labAndNodeNames();
    void mac_data();
    void mac();
    void rate_data();
    void rate();
};

void TestLabSyntax::cidr_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("subnet");

    QTest::newRow("seed address") << QStringLiteral("10.168.1.1/24") << true << QStringLiteral("10.168.1.0/24");
    QTest::newRow("/32") << QStringLiteral("192.0.2.7/32") << true << QStringLiteral("192.0.2.7/32");
    QTest::newRow("/1") << QStringLiteral("10.0.0.1/1") << true << QStringLiteral("0.0.0.0/1");
    QTest::newRow("octet 300") << QStringLiteral("10.168.1.300/24") << false << QString();
    QTest::newRow("no prefix") << QStringLiteral("10.1.1.1") << false << QString();
    QTest::newRow("prefix only") << QStringLiteral("/33") << false << QString();
    QTest::newRow("prefix 33") << QStringLiteral("10.1.1.1/33") << false << QString();
    QTest::newRow("prefix 0") << QStringLiteral("10.1.1.1/0") << false << QString();
    QTest::newRow("three octets") << QStringLiteral("10.1.1/24") << false << QString();
    QTest::newRow("leading zero (octal to inet_aton)") << QStringLiteral("10.1.1.010/24") << false << QString();
    QTest::newRow("spaces") << QStringLiteral(" 10.1.1.1/24") << false << QString();
    QTest::newRow("IPv6") << QStringLiteral("fd00::1/64") << false << QString();
}

void TestLabSyntax::cidr()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, subnet);
    const std::optional<Ipv4Cidr> cidr = parseIpv4Cidr(text);
    QCOMPARE(cidr.has_value(), valid);
    if (cidr)
        QCOMPARE(cidr->subnetText(), subnet);
}

void TestLabSyntax::overlaps_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("overlap");
    QTest::addColumn<bool>("same");

    QTest::newRow("two paths of the seed")
        << QStringLiteral("10.168.1.1/24") << QStringLiteral("10.168.2.1/24") << false << false;
    QTest::newRow("same subnet") << QStringLiteral("10.168.1.1/24") << QStringLiteral("10.168.1.2/24") << true << true;
    QTest::newRow("/16 around a /24") << QStringLiteral("10.168.0.1/16") << QStringLiteral("10.168.1.1/24") << true
                                      << false;
    QTest::newRow("same network, other prefix")
        << QStringLiteral("10.168.1.1/24") << QStringLiteral("10.168.1.2/25") << true << false;
}

void TestLabSyntax::overlaps()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, overlap);
    QFETCH(bool, same);
    const Ipv4Cidr x = *parseIpv4Cidr(a);
    const Ipv4Cidr y = *parseIpv4Cidr(b);
    QCOMPARE(x.overlaps(y), overlap);
    QCOMPARE(y.overlaps(x), overlap);
    QCOMPARE(x.sameSubnet(y), same);
}

void TestLabSyntax::identifier_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("safe");

    QTest::newRow("NodeA") << QStringLiteral("NodeA") << true;
    QTest::newRow("with _ and -") << QStringLiteral("path_1-b") << true;
    QTest::newRow("leading digit") << QStringLiteral("1node") << false;
    QTest::newRow("leading dash") << QStringLiteral("-node") << false;
    QTest::newRow("space") << QStringLiteral("node a") << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("dot") << QStringLiteral("eth0.1") << false;
    QTest::newRow("non-ASCII letter") << QStringLiteral("n\u00f6de") << false;
    QTest::newRow("empty") << QString() << false;
    // PCRE's $ also matches before a final newline: "seed\n" must not pass as a name.
    QTest::newRow("trailing newline") << QStringLiteral("seed\n") << false;
    QTest::newRow("parent directory") << QStringLiteral("..") << false;
}

void TestLabSyntax::identifier()
{
    QFETCH(QString, name);
    QFETCH(bool, safe);
    QCOMPARE(isSafeIdentifier(name), safe);
}

void TestLabSyntax::labAndNodeNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    QTest::newRow("seed") << QStringLiteral("seed") << true;
    QTest::newRow("12 characters") << QStringLiteral("abcdefghijkl") << true;
    QTest::newRow("13 characters") << QStringLiteral("abcdefghijklm") << false;
    QTest::newRow("parent directory") << QStringLiteral("../x") << false;
    QTest::newRow("absolute path") << QStringLiteral("/etc") << false;
    QTest::newRow("option-like") << QStringLiteral("--all") << false;
    QTest::newRow("trailing newline") << QStringLiteral("seed\n") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestLabSyntax::labAndNodeNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(isLabName(name), valid);
    QCOMPARE(isNodeName(name), valid);
}

void TestLabSyntax::mac_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    QTest::newRow("seed MAC") << QStringLiteral("52:54:00:01:01:01") << true;
    QTest::newRow("upper case") << QStringLiteral("52:54:00:AB:CD:EF") << true;
    QTest::newRow("five bytes") << QStringLiteral("52:54:00:01:01") << false;
    QTest::newRow("dashes") << QStringLiteral("52-54-00-01-01-01") << false;
    QTest::newRow("not hex") << QStringLiteral("52:54:00:01:01:0g") << false;
    QTest::newRow("one digit byte") << QStringLiteral("52:54:0:01:01:01") << false;
}

void TestLabSyntax::mac()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(parseMac(text).has_value(), valid);
}

void TestLabSyntax::rate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    QTest::newRow("50mbit") << QStringLiteral("50mbit") << true;
    QTest::newRow("1.5gbit") << QStringLiteral("1.5gbit") << true;
    QTest::newRow("800kbit") << QStringLiteral("800kbit") << true;
    QTest::newRow("bytes per second") << QStringLiteral("10mbps") << true;
    QTest::newRow("upper case unit") << QStringLiteral("50Mbit") << true;
    QTest::newRow("no unit") << QStringLiteral("50") << false;
    QTest::newRow("space") << QStringLiteral("50 mbit") << false;
    QTest::newRow("zero") << QStringLiteral("0mbit") << false;
    QTest::newRow("bare fraction") << QStringLiteral(".5mbit") << false;
    QTest::newRow("unknown unit") << QStringLiteral("50mb") << false;
    QTest::newRow("unlimited is not a rate") << QStringLiteral("unlimited") << false;
}

void TestLabSyntax::rate()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(isTcRate(text), valid);
}

QTEST_GUILESS_MAIN(TestLabSyntax)
#include "tst_labsyntax.moc"
