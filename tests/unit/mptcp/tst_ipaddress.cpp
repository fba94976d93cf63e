#include "mptcp/ipaddress.h"

#include <QTest>

using namespace mlab;
using namespace Qt::StringLiterals;

class TestIpAddress : public QObject
{
    Q_OBJECT

private slots:
    void isIpAddress_data();
    void isIpAddress();
    void unmapV4_data();
    void unmapV4();
};

void TestIpAddress::isIpAddress_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("v4");
    QTest::addColumn<bool>("v6");
    QTest::newRow("v4") << u"10.168.1.1"_s << true << false;
    QTest::newRow("v4 edges") << u"0.0.0.0"_s << true << false;
    QTest::newRow("v4 max") << u"255.255.255.255"_s << true << false;
    QTest::newRow("cut short") << u"10.168.2"_s << false << false; // QHostAddress would take it
    QTest::newRow("octet too big") << u"10.168.256.1"_s << false << false;
    QTest::newRow("leading zero") << u"10.168.01.1"_s << false << false;
    QTest::newRow("trailing dot") << u"10.168.1.1."_s << false << false;
    QTest::newRow("v6") << u"fd00::1"_s << false << true;
    QTest::newRow("v4-mapped") << u"::ffff:10.99.1.2"_s << false << true;
    QTest::newRow("v6 garbage") << u"fd00:::1"_s << false << false;
    QTest::newRow("empty") << QString() << false << false;
    QTest::newRow("name") << u"NodeA"_s << false << false;
}

void TestIpAddress::isIpAddress()
{
    QFETCH(QString, text);
    QFETCH(bool, v4);
    QFETCH(bool, v6);
    QCOMPARE(isIpv4Address(text), v4);
    QCOMPARE(isIpv6Address(text), v6);
    QCOMPARE(mlab::isIpAddress(text), v4 || v6);
}

void TestIpAddress::unmapV4_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("mapped") << u"::ffff:10.99.1.2"_s << u"10.99.1.2"_s;
    QTest::newRow("mapped, upper case") << u"::FFFF:10.99.1.2"_s << u"10.99.1.2"_s;
    QTest::newRow("plain v4") << u"10.99.1.2"_s << u"10.99.1.2"_s;
    QTest::newRow("real v6") << u"fd00::1"_s << u"fd00::1"_s;
    QTest::newRow("ffff prefix, not v4") << u"::ffff:1:2"_s << u"::ffff:1:2"_s;
}

void TestIpAddress::unmapV4()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(mlab::unmapV4(in), out);
}

QTEST_GUILESS_MAIN(TestIpAddress)
#include "tst_ipaddress.moc"
