#include "lab/jsonlinemap.h"

#include <QTest>

using namespace mlab;

class TestJsonLineMap : public QObject
{
    Q_OBJECT

private slots:
    void lineOf_data();
    void lineOf();
    void duplicateKeys();
    void deepNestingDoesNotOverflow();
    void byteOrderMarkIsSkipped();
};

namespace {

const QByteArray kText = "{\n"
                         "  \"a\": 1,\n"
                         "  \"list\": [\n"
                         "    { \"x\": \"}]\\\"\" },\n"
                         "    [true, null,\n"
                         "     2.5]\n"
                         "  ],\n"
                         "  \"we/ird~key\": {},\n"
                         "  \"\\u00e9t\\u00e9\":\n"
                         "     \"summer\",\n"
                         "  \"empty\": []\n"
                         "}\n";

} // namespace

void TestJsonLineMap::lineOf_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<int>("line");

    QTest::newRow("root") << QString() << 1;
    QTest::newRow("scalar member") << QStringLiteral("/a") << 2;
    QTest::newRow("array") << QStringLiteral("/list") << 3;
    QTest::newRow("object in array") << QStringLiteral("/list/0") << 4;
    QTest::newRow("string with brackets and an escaped quote") << QStringLiteral("/list/0/x") << 4;
    QTest::newRow("nested array") << QStringLiteral("/list/1") << 5;
    QTest::newRow("element on a later line") << QStringLiteral("/list/1/2") << 6;
    QTest::newRow("escaped key") << QStringLiteral("/we~1ird~0key") << 8;
    QTest::newRow("key with \\u escapes, value on the next line") << QStringLiteral("/\u00e9t\u00e9") << 10;
    QTest::newRow("after the odd key") << QStringLiteral("/empty") << 11;
    QTest::newRow("missing key falls back to its object") << QStringLiteral("/list/0/missing") << 4;
    QTest::newRow("missing index falls back to its array") << QStringLiteral("/list/7/name") << 3;
}

void TestJsonLineMap::lineOf()
{
    QFETCH(QString, pointer);
    QFETCH(int, line);
    QCOMPARE(JsonLineMap::scan(kText).lineOf(pointer), line);
}

void TestJsonLineMap::duplicateKeys()
{
    const JsonLineMap map = JsonLineMap::scan("{\"a\": 1, \"b\": {\"c\": 1,\n \"c\": 2}, \"a\": 3}");
    QCOMPARE(map.duplicateKeys(), QStringList({ QStringLiteral("/b/c"), QStringLiteral("/a") }));
    QCOMPARE(map.lineOf(QStringLiteral("/b/c")), 2); // nlohmann keeps the last value, so point at it
}

void TestJsonLineMap::deepNestingDoesNotOverflow()
{
    const int depth = 200000;
    const QByteArray text = QByteArray(depth, '[') + QByteArray(depth, ']');
    const JsonLineMap map = JsonLineMap::scan(text);
    QCOMPARE(map.lineOf(QStringLiteral("/0/0/0")), 1);
    QCOMPARE(map.lineOf(QString()), 1);
}

void TestJsonLineMap::byteOrderMarkIsSkipped()
{
    const JsonLineMap map = JsonLineMap::scan("\xEF\xBB\xBF{\n\"a\":\n 1}");
    QCOMPARE(map.lineOf(QStringLiteral("/a")), 3);
}

QTEST_GUILESS_MAIN(TestJsonLineMap)
#include "tst_jsonlinemap.moc"
