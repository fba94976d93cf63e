// summaryText(): the report in words for someone who has never seen MPTCP.

#include "telemetry/report.h"

namespace mlab {

using namespace Qt::StringLiterals;

namespace {

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1) + u" s"_s;
}

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

} // namespace

QString summaryText(const DemoReport &r)
{
    QStringList text;
    const PhaseStats *before = r.phase(u"before"_s);
    const PhaseStats *during = r.phase(u"during"_s);
    const PhaseStats *after = r.phase(u"after"_s);
    const QString survivors = survivingPaths(r).join(u" and "_s);
    const QString link = r.brokenLink.isEmpty() ? r.brokenPath : r.brokenPath + u" ("_s + r.brokenLink + u')';

    text.append(u"Lab %1: one Multipath TCP (MPTCP) connection sent data from one computer to the other over %2 "
                "network paths (%3) at once, for %4."_s.arg(r.labName)
                    .arg(r.paths.size())
                    .arg(r.paths.join(u", "_s), seconds(r.endMs - r.startMs)));
    if (!before || before->windows == 0) {
        text.append(u"No traffic was recorded before the break, so there is nothing to compare."_s);
        return text.join(u"\n\n"_s);
    }
    text.append(u"Before the break (%1): %2."_s.arg(seconds(before->durationMs()), perPath(*before)));

    if (!during) {
        text.append(u"The recording ended before the break."_s);
        return text.join(u"\n\n"_s);
    }
    text.append(u"At %1, %2 was cut silently: its cable was moved to a dead network, so no error message reached "
                "either computer. The only sign is that the data sent on it is never acknowledged."_s.arg(
                    seconds(r.breakAtMs - r.startMs), link));
    if (r.failoverMs && *r.failoverMs < ReportWindowMs) {
        // Nothing to notice from the outside: the other path simply kept going.
        text.append(u"%1 kept carrying traffic without a pause: MPTCP had data flowing on it already, so losing "
                    "%2 cost only that path's share (failover time 0: from the cut on, %1 carried more than a quarter "
                    "of the usual total)."_s.arg(survivors, r.brokenPath));
    } else if (r.failoverMs) {
        text.append(u"The connection noticed and moved its traffic to %1 %2 after the cut (failover: the first "
                    "moment from which %1 carried more than a quarter of the usual total for half a second)."_s.arg(
                        survivors, seconds(*r.failoverMs)));
    } else {
        text.append(u"The traffic did NOT move to %1 while %2 was cut: %1 never carried more than a quarter of the "
                    "usual total for half a second."_s.arg(survivors, r.brokenPath));
    }
    if (r.outageMs) {
        text.append(u"For %1 in all, almost nothing got through (less than a tenth of the usual total)."_s.arg(
            seconds(*r.outageMs)));
    } else {
        text.append(u"The total never fell below a tenth of the usual rate: there was no outage."_s);
    }
    text.append(u"During the break (%1): %2."_s.arg(seconds(during->durationMs()), perPath(*during)));

    if (!r.restoreAtMs) {
        text.append(u"%1 was not restored during the recording."_s.arg(r.brokenPath));
        return text.join(u"\n\n"_s);
    }
    if (!after) {
        text.append(u"The recording ended at the restore, so the path's return was not seen."_s);
        return text.join(u"\n\n"_s);
    }
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
        text.append(u"%1 was restored at %2 and carried data again %3 later."_s.arg(
            r.brokenPath, seconds(*r.restoreAtMs - r.startMs), seconds(*r.pathReturnMs)));
        if (*r.pathReturnMs >= 1000)
            text.append(why);
    } else {
        text.append(u"%1 was restored at %2 but carried no data again in the %3 recorded after that."_s.arg(
            r.brokenPath, seconds(*r.restoreAtMs - r.startMs), seconds(recordedAfter)));
        text.append(why);
    }
    text.append(u"After the restore (%1): %2."_s.arg(seconds(after->durationMs()), perPath(*after)));
    return text.join(u"\n\n"_s);
}

} // namespace mlab
