#include "lab/labfile.h"

#include "lab/jsonlinemap.h"
#include "lab/labfields.h"
#include "lab/labproblems.h"
#include "lab/labreader.h"
#include "lab/labvalidator.h"

#include "core/readfileas.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QFileInfo>

namespace mlab {

namespace {

// Lab files are a few kilobytes; anything far larger is not one, and should not be read into memory whole.
constexpr qint64 kMaxLabFileSize = 1024 * 1024;

// nlohmann words a syntax error as "[json.exception.parse_error.101] parse error at line 2, column 10: syntax
// error while parsing value - invalid literal; last read: 'tru,'; expected ..."; keep the wording, place it ourselves.
QString syntaxMessage(const nlohmann::json::parse_error &error, const QByteArray &json, const QString &fileName)
{
    const qsizetype offset = qBound<qsizetype>(0, qsizetype(error.byte) - 1, json.size());
    const QByteArray before = json.left(offset);
    const int line = 1 + int(before.count('\n'));
    const qsizetype column = offset - before.lastIndexOf('\n');

    QString detail = QString::fromUtf8(error.what());
    const qsizetype columnAt = detail.indexOf(QLatin1String("column "));
    const qsizetype colon = detail.indexOf(QLatin1String(": "), std::max<qsizetype>(0, columnAt));
    if (colon >= 0)
        detail = detail.mid(colon + 2);
    QString expected = QStringLiteral("valid JSON");
    const qsizetype expectedAt = detail.indexOf(QLatin1String("; expected "));
    if (expectedAt >= 0) {
        expected = detail.mid(expectedAt + 11);
        detail.truncate(expectedAt);
    }
    QString got = offset < json.size() ? QLatin1Char('\'') + QString::fromUtf8(json.mid(offset, 12)) + QLatin1Char('\'')
                                       : QStringLiteral("end of file");
    const qsizetype lastReadAt = detail.indexOf(QLatin1String("; last read: "));
    if (lastReadAt >= 0) {
        got = detail.mid(lastReadAt + 13);
        detail.truncate(lastReadAt);
    }
    return fileName + QLatin1Char(':') + QString::number(line) + QLatin1String(": column ") + QString::number(column)
        + QLatin1String(": not valid JSON: ") + detail + QLatin1String(" (got ") + got + QLatin1String("; expected ")
        + expected + QLatin1Char(')');
}

} // namespace

QString labFormat()
{
    return QStringLiteral("mptcplab-lab/1");
}

Result<Lab> parseLab(const QByteArray &json, const QString &fileName)
{
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(json.cbegin(), json.cend());
    } catch (const nlohmann::json::parse_error &error) {
        return fail(syntaxMessage(error, json, fileName));
    }

    LabProblems problems;
    const JsonLineMap lines = JsonLineMap::scan(json);
    for (const QString &pointer : lines.duplicateKeys())
        problems.add(pointer, QStringLiteral("key given twice in one object"),
            quoted(pointer.section(QLatin1Char('/'), -1)),
            QStringLiteral("each key once (only the last one would count)"));
    Lab lab = readLab(root, problems);
    validateLab(lab, problems);
    if (!problems.isEmpty())
        return fail(problems.format(fileName, lines));
    return lab;
}

Result<Lab> loadLabFile(const QString &path, const std::optional<UserIds> &readAs)
{
    QByteArray json;
    if (readAs) {
        Result<QByteArray> read = readFileAs(path, *readAs, kMaxLabFileSize);
        if (!read)
            return fail(path + QLatin1String(": cannot read the lab file as ") + describeUser(readAs->uid)
                + QLatin1String(": ") + read.error()
                + QLatin1String(" (the engine reads a lab file with the permissions of the user who started it; "
                                "expected a JSON file that user can read)"));
        if (read->size() > kMaxLabFileSize)
            return fail(path + QLatin1String(": not a lab file (got more than 1 MiB; expected at most 1 MiB)"));
        json = std::move(read).value();
    } else {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(path + QLatin1String(": cannot read the lab file: ") + file.errorString()
                + QLatin1String(" (expected a readable JSON file)"));
        if (file.size() > kMaxLabFileSize)
            return fail(path + QLatin1String(": not a lab file (got ") + QString::number(file.size())
                + QLatin1String(" bytes; expected at most 1 MiB)"));
        json = file.readAll();
        if (file.error() != QFileDevice::NoError)
            return fail(path + QLatin1String(": cannot read the lab file: ") + file.errorString()
                + QLatin1String(" (expected a readable JSON file)"));
    }
    Result<Lab> lab = parseLab(json, path);
    if (lab)
        lab.value().sourceFile = QFileInfo(path).absoluteFilePath();
    return lab;
}

} // namespace mlab
