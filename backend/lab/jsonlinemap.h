#pragma once

// nlohmann_json keeps no positions, so this scanner walks the (already valid) text once more and remembers the
// line of every value by its JSON pointer: enough to point a person at the offending line.

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace mlab {

class JsonLineMap
{
public:
    // The text must be valid JSON (nlohmann accepted it); the scanner does not check the grammar.
    static JsonLineMap scan(const QByteArray &json);

    // Line (1-based) of the value at pointer, or of its nearest ancestor when the pointer names nothing (a missing
    // key is reported on its object's line); 0 when not even the root is known.
    int lineOf(const QString &pointer) const;

    // Pointers of keys written twice in one object: nlohmann silently keeps the last one.
    const QStringList &duplicateKeys() const { return m_duplicateKeys; }

private:
    QHash<QString, int> m_lines;
    QStringList m_duplicateKeys;
};

// JSON pointer (RFC 6901) of a member: "~" -> "~0", "/" -> "~1".
QString jsonPointerChild(const QString &parent, const QString &key);
QString jsonPointerChild(const QString &parent, qsizetype index);
// The parent of "/a/b" is "/a"; the parent of "/a" is "" (the root).
QString jsonPointerParent(const QString &pointer);

} // namespace mlab
