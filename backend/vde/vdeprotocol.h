#pragma once

// vde_switch's management protocol as data: no I/O here, so the parsing is
// tested on captured sessions (tests/fixtures/vde-*.txt, vde-mgmt-session.bin).
//
// A session is: banner lines, the prompt "vde$ " (no newline), then per
// command an optional "0000 DATA END WITH '.'" block closed by a lone ".",
// a status line "NNNN text", an empty line and the prompt again.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace mlab {

struct VdeReply
{
    static constexpr int Success = 1000;

    QString command; // the command line it answers, when known (sent by us, or echoed in a transcript)
    int code = 0; // 1000 = success; otherwise 1000 + errno (1022 EINVAL, 1017 EEXIST, ...)
    QString text; // "Success", "Invalid argument", ...
    QStringList dataLines; // lines between "0000 DATA END WITH '.'" and "."; may come with an error code too

    bool ok() const { return code == Success; }
    QString statusLine() const { return QString::number(code) + QLatin1Char(' ') + text; }
};

struct VdeEndpoint
{
    int id = 0;
    QString module; // "unix prog"
    QString description; // "vde_plug2tap: user=root pid=4785"
    qint64 pid = 0; // from "pid=N" in the description, 0 when absent
};

struct VdePortInfo
{
    int port = 0;
    int untaggedVlan = 0;
    bool active = false; // something is plugged in
    QString user; // "Current User:", "NONE" when nobody is plugged in
    qint64 inPackets = 0;
    qint64 inBytes = 0;
    qint64 outPackets = 0;
    qint64 outBytes = 0;
    QList<VdeEndpoint> endpoints;
};

struct VdeVlanMember
{
    int port = 0;
    bool tagged = false;
    bool active = false;
    QString status; // "Forwarding", "Learning", ...
};

struct VdeVlanInfo
{
    int vlan = 0;
    QList<VdeVlanMember> members;
};

// Splits a byte stream from the management socket into replies. Feed it bytes
// as they arrive; replies come out whole, in order. Incomplete input stays
// buffered; lines that fit nowhere are kept in unexpectedLines() instead of
// being silently dropped.
class VdeReplyParser
{
public:
    void feed(const QByteArray &bytes);

    bool promptSeen() const { return m_promptSeen; } // the switch greeted us and waits for a command
    QString banner() const { return m_banner.join(QLatin1Char('\n')); }
    bool hasReply() const { return !m_replies.isEmpty(); }
    std::optional<VdeReply> takeReply();
    QStringList takeUnexpectedLines();
    // Waiting for a reply with nothing half-received (false while a reply is truncated).
    bool idle() const;

private:
    enum class State { Banner, AwaitStatus, InData, AwaitStatusAfterData };

    void handleLine(const QString &line);
    bool consumePrompt();

    State m_state = State::Banner;
    QByteArray m_buffer;
    QStringList m_banner;
    bool m_promptSeen = false;
    bool m_afterPrompt = false; // the next line may be a command echoed in a transcript
    VdeReply m_current;
    QList<VdeReply> m_replies;
    QStringList m_unexpected;
};

// Convenience for a whole captured session.
struct VdeSession
{
    QString banner;
    QList<VdeReply> replies;
    QStringList unexpectedLines;
    bool complete = false; // ends at a prompt, nothing truncated
};
VdeSession parseVdeSession(const QByteArray &bytes);

// Text lines of a data block; drops the NUL bytes unixcmd leaves in its output.
QStringList splitVdeLines(const QByteArray &text);

// "port/allprint" or "port/print" data lines. Tolerates NULs and leading
// spaces; a port whose header line is malformed is skipped, not guessed.
QList<VdePortInfo> parsePortPrint(const QStringList &lines);
// "vlan/allprint" or "vlan/print" data lines.
QList<VdeVlanInfo> parseVlanPrint(const QStringList &lines);

} // namespace mlab
