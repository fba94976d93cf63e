#include "transcript/transcriptscript.h"

#include <optional>

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

// The words of a line in shellQuote()'s dialect: plain words, '...' quoting, and \' between quoted parts.
std::optional<QStringList> shellWords(const QString &line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == u'\'')
                quoted = false;
            else
                word += c;
            continue;
        }
        if (c == u' ') {
            if (inWord)
                words << std::exchange(word, {});
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == u'\'') {
            quoted = true;
        } else if (c == u'\\') {
            if (++i == line.size())
                return std::nullopt;
            word += line.at(i);
        } else {
            word += c;
        }
    }
    if (quoted)
        return std::nullopt;
    if (inWord)
        words << word;
    return words;
}

} // namespace

Command commandFromLine(const QString &where, const QString &line, const QString &why)
{
    Command command { where, {}, why };
    QString text = line;
    // ProcessGroup and the switch start write a daemon as "COMMAND &".
    if (where == u"host"_s && text.endsWith(u" &"_s)) {
        text.chop(2);
        command.background = true;
    }
    if (const std::optional<QStringList> words = shellWords(text); words && !words->isEmpty()) {
        command.argv = *words;
        if (command.toShell() == text)
            return command;
    }
    command.argv = QStringList { u"sh"_s, u"-c"_s, text };
    return command;
}

TranscriptCommands commandsFromTranscript(const QList<TranscriptEntry> &entries)
{
    TranscriptCommands out;
    for (const TranscriptEntry &entry : entries) {
        // vde_switch management commands go to its socket, not a shell; "# ..." lines are the engine's notes.
        if (entry.where == u"switch"_s || entry.command.trimmed().isEmpty() || entry.command.startsWith(u'#')) {
            ++out.skipped;
            continue;
        }
        Command command = commandFromLine(entry.where, entry.command, entry.why);
        command.mayFail = entry.exitCode != 0;
        if (entry.where == u"host"_s)
            out.host << command;
        else
            out.nodes[entry.where] << command;
    }
    return out;
}

} // namespace mlab
