// The break modes' names: what the API, the command line, scenarios and the crash-recovery record accept.
#include "lab/breakmode.h"

#include <QTest>

using namespace mlab;

class TestBreakMode : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void namesRoundTrip();
};

void TestBreakMode::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<BreakMode>>("mode");

    QTest::newRow("cut") << QStringLiteral("cut") << std::optional(BreakMode::Cut);
    QTest::newRow("unplug") << QStringLiteral("unplug") << std::optional(BreakMode::Unplug);
    QTest::newRow("empty is the default, cut") << QString() << std::optional(BreakMode::Cut);
    QTest::newRow("unknown") << QStringLiteral("melt") << std::optional<BreakMode>();
    QTest::newRow("names are case-sensitive") << QStringLiteral("Unplug") << std::optional<BreakMode>();
    QTest::newRow("no trimming") << QStringLiteral(" cut") << std::optional<BreakMode>();
}

void TestBreakMode::parse()
{
    QFETCH(QString, text);
    QFETCH(std::optional<BreakMode>, mode);
    QCOMPARE(parseBreakMode(text), mode);
}

void TestBreakMode::namesRoundTrip()
{
    QCOMPARE(breakModeNames(), (QStringList { QStringLiteral("cut"), QStringLiteral("unplug") }));
    QCOMPARE(breakModeChoices(), QStringLiteral("cut or unplug"));
    for (const QString &name : breakModeNames())
        QCOMPARE(breakModeName(*parseBreakMode(name)), name);
}

QTEST_GUILESS_MAIN(TestBreakMode)
#include "tst_breakmode.moc"
