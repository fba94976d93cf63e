#include "telemetry/nstatparser.h"

#include <cctype>

namespace mlab {

namespace {

bool isCounterName(const QByteArray &word)
{
    if (word.isEmpty() || !std::isalpha(static_cast<unsigned char>(word.front())))
        return false;
    for (const char c : word) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
            return false;
    }
    return true;
}

} // namespace

Parsed<QMap<QString, qint64>> parseNstat(const QByteArray &output)
{
    Parsed<QMap<QString, qint64>> result;
    for (const QByteArray &raw : output.split('\n')) {
        const QByteArray line = raw.simplified();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QList<QByteArray> words = line.split(' ');
        // Without -a nstat prints increments, and "NAME 0 RATE (overflow)" when a counter went below its history
        // file's value (a namespace made again): the line is real, its value is what nstat says.
        if (words.size() == 4 && words.at(3) == "(overflow)")
            words.removeLast();
        bool ok = false;
        // Without -a the rate column may be missing; a name alone is a line cut short.
        const qint64 value = words.size() >= 2 ? words.at(1).toLongLong(&ok) : 0;
        bool rateOk = true;
        if (words.size() >= 3)
            words.at(2).toDouble(&rateOk);
        if (words.size() > 3 || !ok || !rateOk || !isCounterName(words.at(0))) {
            ++result.skipped;
            continue;
        }
        result.value.insert(QString::fromLatin1(words.at(0)), value);
    }
    return result;
}

} // namespace mlab
