#include "lab/labfields.h"

#include "lab/jsonlinemap.h"
#include "lab/labproblems.h"
#include "lab/labsyntax.h"

#include <QList>
#include <QStringList>

#include <algorithm>

namespace mlab {

using nlohmann::json;

QString quoted(const QString &text)
{
    // Control characters are shown, not obeyed: a newline in a value must not start a line of its own in the
    // message (nor pass unnoticed).
    QString shown;
    for (const QChar c : text) {
        if (c == u'\n')
            shown += QLatin1String("\\n");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            shown += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            shown += c;
    }
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

namespace {

QString typeName(const json &value)
{
    switch (value.type()) {
    case json::value_t::object:
        return QStringLiteral("an object");
    case json::value_t::array:
        return QStringLiteral("an array");
    case json::value_t::string:
        return QStringLiteral("a string");
    case json::value_t::boolean:
        return QStringLiteral("a boolean");
    case json::value_t::number_float:
        return QStringLiteral("a number with a fraction");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return QStringLiteral("an integer");
    default:
        return QStringLiteral("null");
    }
}

// Optimal string alignment distance, case-insensitive: a swapped pair of letters ("nmae") counts as one edit.
int editDistance(const QString &a, const QString &b)
{
    const QString x = a.toLower();
    const QString y = b.toLower();
    QList<QList<int>> d(x.size() + 1, QList<int>(y.size() + 1));
    for (qsizetype i = 0; i <= x.size(); ++i)
        d[i][0] = int(i);
    for (qsizetype j = 0; j <= y.size(); ++j)
        d[0][j] = int(j);
    for (qsizetype i = 1; i <= x.size(); ++i) {
        for (qsizetype j = 1; j <= y.size(); ++j) {
            const int cost = x[i - 1] == y[j - 1] ? 0 : 1;
            d[i][j] = std::min({ d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost });
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[x.size()][y.size()];
}

bool looksLikeTypoOf(const QString &key, const QString &candidate)
{
    // Short keys are one edit apart from too many others ("mtu" is two from "mac").
    return editDistance(key, candidate) <= (candidate.size() <= 4 ? 1 : 2);
}

// Shallow on purpose: nlohmann's dump() recurses, and a hostile file may nest arrays a million deep.
QString shallowText(const json &value, int depth)
{
    if (!value.is_structured())
        return QString::fromStdString(value.dump(-1, ' ', false, json::error_handler_t::replace));
    const bool isObject = value.is_object();
    QString text(QLatin1Char(isObject ? '{' : '['));
    if (depth == 0) {
        text += value.empty() ? QString() : QStringLiteral("...");
    } else {
        int shown = 0;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (shown++ > 0)
                text += QLatin1Char(',');
            if (shown > 4) {
                text += QLatin1String("...");
                break;
            }
            if (isObject)
                text += quoted(QString::fromStdString(it.key())) + QLatin1Char(':');
            text += shallowText(*it, depth - 1);
        }
    }
    return text + QLatin1Char(isObject ? '}' : ']');
}

} // namespace

QString describe(const json &value)
{
    QString text = shallowText(value, 3);
    if (text.size() > 60)
        text = text.left(57) + QLatin1String("...");
    return text;
}

QString describeWithType(const json &value)
{
    return describe(value) + QLatin1String(" (") + typeName(value) + QLatin1Char(')');
}

std::optional<int> readInteger(
    const json &value, const QString &pointer, int min, int max, const QString &expected, LabProblems &problems)
{
    if (!value.is_number_integer()) {
        problems.reject(pointer, QStringLiteral("wrong type"), describeWithType(value), expected);
        return std::nullopt;
    }
    // nlohmann stores every non-negative integer as unsigned, and huge ones do not fit a signed type.
    const bool inRange = value.is_number_unsigned()
        ? value.get<quint64>() <= quint64(max) && (min <= 0 || value.get<quint64>() >= quint64(min))
        : value.get<qint64>() >= min && value.get<qint64>() <= max;
    if (!inRange) {
        problems.reject(pointer, QStringLiteral("out of range"), describe(value), expected);
        return std::nullopt;
    }
    return int(value.get<qint64>());
}

LabFields::LabFields(
    const json &object, QString pointer, LabProblems &problems, std::initializer_list<const char *> knownKeys)
    : m_object(object)
    , m_pointer(std::move(pointer))
    , m_problems(problems)
{
    QStringList known;
    for (const char *key : knownKeys)
        known << QString::fromLatin1(key);
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        if (known.contains(key))
            continue;
        QString expected = QLatin1String("one of ") + known.join(QLatin1String(", "));
        const auto close = std::find_if(
            known.cbegin(), known.cend(), [&](const QString &candidate) { return looksLikeTypoOf(key, candidate); });
        if (close != known.cend())
            expected += QLatin1String("; did you mean ") + quoted(*close) + QLatin1Char('?');
        m_problems.reject(jsonPointerChild(m_pointer, key), QStringLiteral("unknown key"), quoted(key), expected);
    }
}

QString LabFields::at(const char *key) const
{
    return jsonPointerChild(m_pointer, QString::fromLatin1(key));
}

const json *LabFields::get(const char *key, bool required, const QString &expected) const
{
    const auto it = m_object.find(key);
    if (it != m_object.end())
        return &*it;
    // An object that is itself broken (say, a number where a node belongs) is reported once, not once per key.
    if (required && !m_problems.isTainted(m_pointer))
        m_problems.reject(at(key), QStringLiteral("missing required key"), QStringLiteral("nothing"), expected);
    return nullptr;
}

const json *LabFields::typed(const char *key, bool required, json::value_t type, const QString &expected) const
{
    const json *value = get(key, required, expected);
    if (value && value->type() != type) {
        m_problems.reject(at(key), QStringLiteral("wrong type"), describeWithType(*value), expected);
        return nullptr;
    }
    return value;
}

std::optional<QString> LabFields::string(const char *key, bool required, const QString &expected) const
{
    const json *value = typed(key, required, json::value_t::string, expected);
    if (!value)
        return std::nullopt;
    return QString::fromStdString(value->get<std::string>());
}

std::optional<int> LabFields::integer(const char *key, bool required, int min, int max, const QString &expected) const
{
    const json *value = get(key, required, expected);
    if (!value)
        return std::nullopt;
    return readInteger(*value, at(key), min, max, expected, m_problems);
}

std::optional<bool> LabFields::boolean(const char *key, const QString &expected) const
{
    const json *value = typed(key, false, json::value_t::boolean, expected);
    if (!value)
        return std::nullopt;
    return value->get<bool>();
}

QString LabFields::name(const char *key, int maxLength, const QString &what) const
{
    const QString expected = QLatin1String("a letter followed by letters, digits, '_' or '-', at most ")
        + QString::number(maxLength) + QLatin1String(" characters");
    const std::optional<QString> value = string(key, true, what + QLatin1String(": ") + expected);
    if (!value)
        return {};
    if (!isSafeIdentifier(*value)) {
        m_problems.reject(at(key), QLatin1String("not a safe ") + what, quoted(*value), expected);
    } else if (value->size() > maxLength) {
        m_problems.reject(at(key), what + QLatin1String(" too long"),
            quoted(*value) + QLatin1String(", ") + QString::number(value->size()) + QLatin1String(" characters"),
            expected);
    }
    return *value;
}

QString LabFields::hostAddress(const char *key) const
{
    const QString expected = QStringLiteral("an IPv4 host address with prefix length, such as \"10.168.1.1/24\"");
    const std::optional<QString> text = string(key, true, expected);
    if (!text)
        return {};
    const std::optional<Ipv4Cidr> cidr = parseIpv4Cidr(*text);
    const quint32 firstOctet = cidr ? cidr->address >> 24 : 0;
    const QString inside = cidr ? QLatin1String("a host address inside ") + cidr->subnetText() : QString();
    if (!cidr) {
        m_problems.reject(at(key), QStringLiteral("not an IPv4 address with prefix length"), quoted(*text), expected);
    } else if (firstOctet == 0 || firstOctet == 127 || firstOctet >= 224) {
        m_problems.reject(at(key), QStringLiteral("not a unicast host address"), quoted(*text),
            QStringLiteral("an address outside 0.0.0.0/8, 127.0.0.0/8 and 224.0.0.0/3"));
    } else if (cidr->prefixLength <= 30 && cidr->address == cidr->network()) {
        // /31 and /32 have no network or broadcast address (RFC 3021).
        m_problems.reject(
            at(key), QStringLiteral("host address is the network address of its subnet"), quoted(*text), inside);
    } else if (cidr->prefixLength <= 30 && cidr->address == cidr->broadcast()) {
        m_problems.reject(
            at(key), QStringLiteral("host address is the broadcast address of its subnet"), quoted(*text), inside);
    }
    return *text;
}

} // namespace mlab
