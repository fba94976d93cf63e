#include "sampling/samplerscript.h"

#include "core/command.h"

namespace mlab {

Status SamplerRates::validate() const
{
    if (counterHz < 1 || counterHz > 50)
        return fail(QStringLiteral("sampler rates: counterHz is %1, expected 1 to 50").arg(counterHz));
    if (ssHz < 0 || ssHz > counterHz)
        return fail(
            QStringLiteral("sampler rates: ssHz is %1, expected 0 (off) to counterHz (%2)").arg(ssHz).arg(counterHz));
    if (nstatHz < 0 || nstatHz > counterHz)
        return fail(QStringLiteral("sampler rates: nstatHz is %1, expected 0 (off) to counterHz (%2)")
                        .arg(nstatHz)
                        .arg(counterHz));
    if (switchHz < 1 || switchHz > 50)
        return fail(QStringLiteral("sampler rates: switchHz is %1, expected 1 to 50").arg(switchHz));
    return {};
}

namespace {

// A command block that runs on `hz` of the `counterHz` ticks, evenly spread:
// it fires whenever n*hz/counterHz moves to the next integer, so 4 of 10 Hz
// gives ticks 0, 3, 5, 8, 10, ... (every 2.5th tick on average). The output
// is captured and appended to $o, which leaves in one write after all blocks.
// `guard` is a shell condition; when false the block is left empty.
QString periodicBlock(const QString &kind, const QString &last, int hz, const QString &command, const QString &guard)
{
    if (hz <= 0)
        return {};
    QString block = QStringLiteral("  i=$((n*%1/c)); if [ $i != $%2 ]; then %2=$i; o=\"$o@@mlab %3 $n\n\"; r=0\n")
                        .arg(hz)
                        .arg(last, kind);
    if (!guard.isEmpty())
        block
            += QStringLiteral("    if %1; then v=$(%2); r=$?; [ -z \"$v\" ] || o=\"$o$v\n\"; fi\n").arg(guard, command);
    else
        block += QStringLiteral("    v=$(%1); r=$?; [ -z \"$v\" ] || o=\"$o$v\n\"\n").arg(command);
    block += QStringLiteral("    o=\"$o@@mlab end %1 $n $r\n\"; fi\n").arg(kind);
    return block;
}

} // namespace

QString SamplerScript::script(const SamplerRates &rates)
{
    const int periodMs = 1000 / qMax(1, rates.counterHz);
    // Why it looks like this:
    // - /proc/uptime is read with the builtin `read`: a clock without a fork
    //   (CLOCK_BOOTTIME in centiseconds, which equals CLOCK_MONOTONIC unless
    //   the machine was suspended).
    // - `1${u#*.}-100` reads the centiseconds without leading zeros, which
    //   shell arithmetic would take for octal ("09").
    // - ticks are due at t0 + n*period and each nap aims at the next one, so
    //   the work's duration does not make the rate drift; a late tick is
    //   skipped, not queued.
    // - a nap is `read -t` on stdin, the SSH channel, which never carries data:
    //   no fork per tick. dash has no -t and an already closed stdin returns at
    //   once, so a probe nap (and any nap that wakes early) switches to `sleep`.
    // - the counters leave in one printf as soon as they are read; ss and
    //   nstat follow in a second one: at most two SSH packets per tick.
    // - ss costs most (a fork and 17 libraries): it runs only while the node
    //   has an MPTCP socket (/proc/net/protocols, read without a fork).
    // - a write to a closed channel ends the script (SIGPIPE, or `|| exit`
    //   where SIGPIPE is ignored), so it stops when the SSH channel does.
    QString s;
    s += QStringLiteral("p=%1 c=%2 rt=1\n").arg(periodMs).arg(rates.counterHz);
    s += QStringLiteral("export NSTAT_HISTORY=/dev/null\n");
    s += QStringLiteral("ms() { read u x </proc/uptime; now=$(( ${u%.*}*1000 + (1${u#*.}-100)*10 )); }\n");
    s += QStringLiteral(
        "nap() { f=$(($1%1000)); case $f in [0-9]) f=00$f;; [0-9][0-9]) f=0$f;; esac\n"
        "  if [ $rt = 1 ]; then read -t $(($1/1000)).$f x 2>/dev/null; else sleep $(($1/1000)).$f; fi; }\n");
    // Stops at the two MPTCP lines, near the top: reading all ~30 lines cost 0.3 % of a core.
    s += QStringLiteral("mp() { m=0 j=0; while read a b k x; do case $a in MPTCP|MPTCPv6) m=$((m+k)) j=$((j+1));"
                        " [ $j -lt 2 ] || break;; esac; done </proc/net/protocols; [ $m -gt 0 ]; }\n");
    s += QStringLiteral("ms; a=$now; nap 50; ms; [ $((now-a)) -ge 30 ] || rt=0\n");
    s += QStringLiteral("t0=$now; n=0; ls=-1; lq=-1\n");
    s += QStringLiteral("while :; do\n");
    s += QStringLiteral("  ms; [ $now -ge $((t0+n*p-10)) ] || { rt=0; nap $((t0+n*p-now)); ms; }\n");
    s += QStringLiteral("  [ $now -lt $((t0+(n+1)*p)) ] || n=$(( (now-t0)/p ))\n");
    s += QStringLiteral("  b=\"@@mlab counters $n $now\"\n");
    s += QStringLiteral("  while IFS= read -r l; do b=\"$b\n$l\"; done </proc/net/dev\n");
    s += QStringLiteral("  printf '%s\\n@@mlab end counters %s\\n' \"$b\" $n || exit 0\n");
    s += QStringLiteral("  o=\n");
    s += periodicBlock(
        QStringLiteral("ss"), QStringLiteral("ls"), rates.ssHz, QStringLiteral("ss -tniM"), QStringLiteral("mp"));
    s += periodicBlock(
        QStringLiteral("nstat"), QStringLiteral("lq"), rates.nstatHz, QStringLiteral("nstat -asz 'MPTcp*'"), {});
    s += QStringLiteral("  [ -z \"$o\" ] || printf %s \"$o\" || exit 0\n");
    s += QStringLiteral("  n=$((n+1)); ms; d=$((t0+n*p-now)); [ $d -le 0 ] || nap $d\n");
    s += QStringLiteral("done\n");
    return s;
}

QString SamplerScript::command(const SamplerRates &rates)
{
    // bash where there is one: its `read -t` naps without a fork, measured at
    // half the CPU of dash, which forks `sleep` every tick. Otherwise /bin/sh
    // (busybox ash naps with `read -t` as well).
    return QStringLiteral("exec \"$(command -v bash || echo /bin/sh)\" -c ") + shellQuote(script(rates));
}

QString SamplerScript::monitorCommand()
{
    return QStringLiteral("exec ip mptcp monitor");
}

} // namespace mlab
