// summaryText(): the report in words for someone who has never seen MPTCP.

#include "telemetry/report.h"
#include "telemetry/wording.h"

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

QString mbits(double bitsPerSecond)
{
    return QString::number(bitsPerSecond / 1e6, 'f', 1) + u" Mbit/s"_s;
}

QString perPath(const PhaseStats &p)
{
    QStringList parts;
    for (auto it = p.meanBits.cbegin(); it != p.meanBits.cend(); ++it)
        parts.append(it.key() + u" carried "_s + mbits(it.value()));
    return parts.join(u", "_s) + u" (" + mbits(p.totalMeanBits) + u" in total, on average)"_s;
}

QStringList survivingPaths(const DemoReport &r)
{
    QStringList out = r.paths;
    out.removeAll(r.brokenPath);
    return out;
}

// "NodeA:eth0" -> "NodeA"; the link may also be a bare port number.
QString brokenNode(const DemoReport &r)
{
    return r.brokenLink.contains(u':') ? r.brokenLink.section(u':', 0, 0) : u"the computer"_s;
}

// A cut is silent; an unplug is seen by the node whose interface it takes down.
QString breakSentence(const DemoReport &r, const QString &link)
{
    const QString at = secondsText(r.breakAtMs - r.startMs);
    if (r.isUnplug()) {
        return u"At %1, %2 was unplugged: %3's network interface lost its carrier and went down, as when the cable is "
               "pulled out of the computer, so %3 itself sees that this path is gone. The other computer is not "
               "told: it only notices that nothing arrives on that path any more."_s.arg(at, link, brokenNode(r));
    }
    return u"At %1, %2 was cut silently: its cable was moved to a dead network, so no error message reached either "
           "computer. The only sign is that the data sent on it is never acknowledged."_s.arg(at, link);
}

QString failoverSentence(const DemoReport &r, const QString &survivors, const QString &breakNoun)
{
    const QString its = survivingPaths(r).size() > 1 ? u"their"_s : u"its"_s;
    const QString rule = u"at least 80% of %1 usual rate and at least a quarter of the usual total"_s.arg(its);
    if (!r.failoverMs) {
        return u"The traffic did NOT move to %1 while %2 was %3: %1 never carried %4 for half a second."_s.arg(
            survivors, r.brokenPath, r.isUnplug() ? u"unplugged"_s : u"cut"_s, rule);
    }
    if (*r.failoverMs < ReportWindowMs) {
        // Nothing to notice from the outside: the other path simply kept going.
        return u"%1 kept carrying traffic without a pause: MPTCP had data flowing on it already, so losing %2 cost "
               "only that path's share (failover time 0: from %3 on, %1 carried %4)."_s.arg(
                   survivors, r.brokenPath, breakNoun, rule);
    }
    const QString definition
        = u"(failover: the first moment from which %1 carried %2, for half a second)"_s.arg(survivors, rule);
    if (*r.failoverMs < SlowFailoverMs) {
        return u"%1 took over %2 after %3 — under a second, so a viewer sees at most a brief dip %4."_s.arg(
            survivors, secondsText(*r.failoverMs), breakNoun, definition);
    }
    return u"%1 took over only %2 after %3: long enough for a viewer to see the stream stall %4."_s.arg(
        survivors, secondsText(*r.failoverMs), breakNoun, definition);
}

// Which half-open joins held MPTCP's connection-level retransmit timer back, and why that matters.
QStringList slowFailoverText(const DemoReport &r, const QString &survivors)
{
    QStringList text;
    const QList<SlowFailoverCause> &causes = r.slowFailoverCauses;
    if (!causes.isEmpty()) {
        QStringList joins;
        for (const SlowFailoverCause &c : causes) {
            const QString paths = c.crossPath ? c.path + u" to "_s + c.remotePath : c.path;
            joins.append(u"%1 %2 -> %3 (%4, SYN retransmissions: %5, backoff: %6)"_s.arg(c.node, c.localEndpoint,
                c.remoteEndpoint, paths, QString::number(c.retransmits), QString::number(c.backoff)));
        }
        const bool one = causes.size() == 1;
        const QString their = one ? u"its"_s : u"their"_s;
        text.append(
            u"Why it took so long: %1 of the connection's extra subflows (joins: MPTCP tries one between each "
            "address of one computer and each of the other) never completed %2 handshake and %3 still "
            "waiting for an answer during the break: %4. MPTCP uses the longest retransmit timer among its "
            "subflows as its own; after the break the data lost on %5 is resent on %6 only when that "
            "connection-level timer fires, and %7, resending %2 SYN with ever longer waits, held it back."_s.arg(
                one ? u"one"_s : QString::number(causes.size()), their, one ? u"was"_s : u"were"_s, joins.join(u"; "_s),
                r.brokenPath, survivors, one ? u"this half-open join"_s : u"these half-open joins"_s));
    }
    if (r.tutorialRouting()) {
        QString server = u"the server"_s;
        QString client = u"the client"_s;
        for (const SlowFailoverCause &c : causes) {
            if (c.crossPath && !c.remoteNode.isEmpty()) {
                server = c.remoteNode;
                client = c.node;
                break;
            }
        }
        text.append(u"This lab uses the tutorial's routing (failover.routing \"tutorial\"): %1 sends its answer to a "
                    "cross-path join (from %2's address on one path to %1's address on the other) back over the other "
                    "path, where %2 resets it, so such joins never complete. With failover.routing \"symmetric\" "
                    "every join completes on its own path; in our measurements failover then took at most about a "
                    "second."_s.arg(server, client));
    }
    return text;
}

} // namespace

QString summaryText(const DemoReport &r)
{
    QStringList text;
    const PhaseStats *before = r.phase(u"before"_s);
    const PhaseStats *during = r.phase(u"during"_s);
    const PhaseStats *after = r.phase(u"after"_s);
    const QString survivors = survivingPaths(r).join(u" and "_s);
    const QString link = r.brokenLink.isEmpty() ? r.brokenPath : r.brokenPath + u" ("_s + r.brokenLink + u')';
    const QString breakNoun = r.isUnplug() ? u"the unplug"_s : u"the cut"_s;

    text.append(u"Lab %1: one Multipath TCP (MPTCP) connection sent data from one computer to the other over %2 "
                "network paths (%3) at once, for %4."_s.arg(r.labName)
                    .arg(r.paths.size())
                    .arg(r.paths.join(u", "_s), secondsText(r.endMs - r.startMs)));
    if (!before || before->windows == 0) {
        text.append(u"No traffic was recorded before the break, so there is nothing to compare."_s);
        return text.join(u"\n\n"_s);
    }
    text.append(u"Before the break (%1): %2."_s.arg(secondsText(before->durationMs()), perPath(*before)));

    if (!during) {
        text.append(u"The recording ended before the break."_s);
        return text.join(u"\n\n"_s);
    }
    text.append(breakSentence(r, link));
    text.append(failoverSentence(r, survivors, breakNoun));
    if (r.failoverIsSlow())
        text.append(slowFailoverText(r, survivors));
    if (r.outageMs) {
        text.append(u"For %1 in all, almost nothing got through (less than a tenth of the usual total)."_s.arg(
            secondsText(*r.outageMs)));
    } else {
        text.append(u"The total never fell below a tenth of the usual rate: there was no outage."_s);
    }
    text.append(u"During the break (%1): %2."_s.arg(secondsText(during->durationMs()), perPath(*during)));

    if (!r.restoreAtMs) {
        text.append(u"%1 was not restored during the recording."_s.arg(r.brokenPath));
        return text.join(u"\n\n"_s);
    }
    if (!after) {
        text.append(u"The recording ended at the restore, so the path's return was not seen."_s);
        return text.join(u"\n\n"_s);
    }
    const QString restoredAt = u"At %1, %2 was restored (%3)"_s.arg(secondsText(*r.restoreAtMs - r.startMs),
        r.brokenPath, r.isUnplug() ? u"its interface brought back up"_s : u"its cable moved back to its network"_s);
    const qint64 recordedAfter = r.endMs - *r.restoreAtMs;
    const QString backoff = during->maxBackoffOnBrokenPath > 0
        ? u" (here it had doubled its wait %1 times)"_s.arg(during->maxBackoffOnBrokenPath)
        : QString();
    const QString why
        = u"Why the wait: while the path was dead, TCP kept resending the unacknowledged data on it and doubled its "
          "waiting time (the retransmission timeout) after every failed try%1. This exponential backoff is normal "
          "TCP behaviour, not a fault: the old subflow only finds out that the path works again at its next "
          "retransmission, which can come seconds after the restore."_s.arg(backoff);
    if (r.pathReturnMs) {
        text.append(u"%1; %2 carried data again %3 after the restore."_s.arg(
            restoredAt, r.brokenPath, secondsText(*r.pathReturnMs)));
        if (*r.pathReturnMs >= 1000)
            text.append(why);
    } else {
        text.append(u"%1, but %2 carried no data again in the %3 recorded after that."_s.arg(
            restoredAt, r.brokenPath, secondsText(recordedAfter)));
        text.append(why);
    }
    text.append(u"After the restore (%1): %2."_s.arg(secondsText(after->durationMs()), perPath(*after)));
    return text.join(u"\n\n"_s);
}

} // namespace mlab
