#include "lab/jsonlinemap.h"

#include <QList>
#include <QSet>

namespace mlab {

QString jsonPointerChild(const QString &parent, const QString &key)
{
    QString escaped = key;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0"));
    escaped.replace(QLatin1Char('/'), QLatin1String("~1"));
    return parent + QLatin1Char('/') + escaped;
}

QString jsonPointerChild(const QString &parent, qsizetype index)
{
    return parent + QLatin1Char('/') + QString::number(index);
}

QString jsonPointerParent(const QString &pointer)
{
    return pointer.left(std::max<qsizetype>(0, pointer.lastIndexOf(QLatin1Char('/'))));
}

namespace {

// Lab files nest six deep; past this depth the scanner only keeps its place, so that a hostile file nested a
// million deep costs linear time instead of building a million ever longer pointers.
constexpr qsizetype kMaxTrackedDepth = 64;

struct Frame
{
    QString pointer;
    bool tracked = true;
    bool isObject = false;
    qsizetype nextIndex = 0;
    QSet<QString> keys;
};

class Scanner
{
public:
    explicit Scanner(const QByteArray &json)
        : m_json(json)
    {
        // nlohmann skips a UTF-8 byte order mark; so must we, or the whole document would look like one scalar.
        if (json.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
    }

    void skipWhitespace()
    {
        while (m_pos < m_json.size()) {
            const char c = m_json[m_pos];
            if (c == '\n')
                ++m_line;
            else if (c != ' ' && c != '\t' && c != '\r')
                return;
            ++m_pos;
        }
    }

    bool atEnd() const { return m_pos >= m_json.size(); }
    char peek() const { return m_json[m_pos]; }
    void advance() { ++m_pos; }
    int line() const { return m_line; }

    // Decodes the string at the cursor (which is on its opening quote), escapes included, so that keys compare
    // equal to the ones nlohmann produced.
    QString readString()
    {
        ++m_pos;
        QString text;
        qsizetype runStart = m_pos;
        auto flushRun = [&] { text += QString::fromUtf8(m_json.mid(runStart, m_pos - runStart)); };
        while (m_pos < m_json.size() && m_json[m_pos] != '"') {
            if (m_json[m_pos] != '\\') {
                ++m_pos;
                continue;
            }
            flushRun();
            const char escape = m_pos + 1 < m_json.size() ? m_json[m_pos + 1] : '\\';
            m_pos += 2;
            switch (escape) {
            case 'n':
                text += QLatin1Char('\n');
                break;
            case 't':
                text += QLatin1Char('\t');
                break;
            case 'r':
                text += QLatin1Char('\r');
                break;
            case 'b':
                text += QLatin1Char('\b');
                break;
            case 'f':
                text += QLatin1Char('\f');
                break;
            case 'u':
                text += QChar(char16_t(m_json.mid(m_pos, 4).toUInt(nullptr, 16)));
                m_pos += 4;
                break;
            default:
                text += QLatin1Char(escape);
                break;
            }
            runStart = m_pos;
        }
        flushRun();
        ++m_pos;
        return text;
    }

    void skipScalar()
    {
        while (m_pos < m_json.size() && !QByteArrayView(",]} \t\r\n").contains(m_json[m_pos]))
            ++m_pos;
    }

private:
    const QByteArray &m_json;
    qsizetype m_pos = 0;
    int m_line = 1;
};

} // namespace

JsonLineMap JsonLineMap::scan(const QByteArray &json)
{
    // Iterative, with an explicit stack, so that absurd nesting cannot overflow the C++ stack.
    JsonLineMap map;
    Scanner in(json);
    QList<Frame> stack;
    QString valuePointer; // the root
    bool valueTracked = true;
    bool expectValue = true;
    while (true) {
        in.skipWhitespace();
        if (in.atEnd())
            break;
        if (expectValue) {
            if (valueTracked)
                map.m_lines.insert(valuePointer, in.line());
            const char c = in.peek();
            if (c == '{' || c == '[') {
                const bool tracked = valueTracked && stack.size() < kMaxTrackedDepth;
                stack.append(Frame { tracked ? valuePointer : QString(), tracked, c == '{', 0, {} });
                in.advance();
            } else if (c == '"') {
                in.readString();
            } else {
                in.skipScalar();
            }
            expectValue = false;
            continue;
        }
        if (stack.isEmpty())
            break;
        const char c = in.peek();
        if (c == '}' || c == ']') {
            stack.removeLast();
            in.advance();
            continue;
        }
        if (c == ',') {
            in.advance();
            in.skipWhitespace();
        }
        Frame &frame = stack.last();
        valueTracked = frame.tracked;
        if (frame.isObject) {
            const QString key = in.readString();
            if (frame.tracked) {
                valuePointer = jsonPointerChild(frame.pointer, key);
                if (frame.keys.contains(key))
                    map.m_duplicateKeys.append(valuePointer);
                frame.keys.insert(key);
            }
            in.skipWhitespace();
            in.advance(); // the ':'
        } else if (frame.tracked) {
            valuePointer = jsonPointerChild(frame.pointer, frame.nextIndex++);
        }
        expectValue = true;
    }
    return map;
}

int JsonLineMap::lineOf(const QString &pointer) const
{
    QString at = pointer;
    while (true) {
        const auto found = m_lines.constFind(at);
        if (found != m_lines.constEnd())
            return found.value();
        if (at.isEmpty())
            return 0;
        at = jsonPointerParent(at);
    }
}

} // namespace mlab
