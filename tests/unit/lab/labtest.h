#pragma once

// Shared by the lab tests: the seed, fixture paths, and the seed with one mistake patched in.

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QFile>
#include <QRegularExpression>
#include <QString>
#include <QTest>

namespace labtest {

inline const QString kSeed = QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json");
inline const QString kLabs = QStringLiteral(MPTCPLAB_FIXTURES_DIR "/labs");

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// The seed with an RFC 6902 JSON Patch applied, pretty-printed so that every value has a line of its own.
inline QByteArray patchedSeed(const QByteArray &patch)
{
    const nlohmann::json seed = nlohmann::json::parse(readAll(kSeed).toStdString());
    return QByteArray::fromStdString(seed.patch(nlohmann::json::parse(patch.toStdString())).dump(2));
}

// Every line of an error must have the documented shape: FILE:LINE: /pointer: what (got VALUE; expected WHAT).
inline void verifyMessageShape(const QString &message, const QString &fileName)
{
    static const QRegularExpression shape(
        QStringLiteral("^(.+):(\\d+): (/\\S*|\\(top level\\)): .+ \\(got .+; expected .+\\)$"));
    const QStringList lines = message.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QRegularExpressionMatch match = shape.match(line);
        QVERIFY2(match.hasMatch(), qPrintable(QLatin1String("badly shaped line: ") + line));
        QCOMPARE(match.captured(1), fileName);
        QVERIFY(match.captured(2).toInt() > 0);
    }
}

} // namespace labtest
