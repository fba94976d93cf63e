#!/bin/sh
# Benchmark: how fast MPTCP moves the traffic to the surviving path when a link breaks, and how fast the broken
# path carries data again after the restore. Repeats break/restore cycles on one running lab, each cycle a fresh
# MPTCP connection (the engine's demo scenario: traffic, break, restore, report). Prints per-run figures and the
# median, p90 and max of each; not a test.
#
# Figures come from the engine's report (docs/failover.md has the exact definitions):
#   failover  break -> path 2 carries 80% or more of its own pre-break rate (and a quarter of the total) for 0.5 s
#   outage    time after the break during which the total stayed below 10% of its pre-break rate
#   return    restore -> the broken path carries data again (over 5% of its pre-break rate)
#
# Usage: sudo bench/failover.sh [RUNS] [--breaks "2 6 10"] [--modes "cut unplug"] [--link NodeA:eth0]
#                               [--lab FILE] [--vs-tutorial]
#   RUNS           cycles per break length and mode (default 10)
#   --vs-tutorial  also run every cycle on a copy of the lab with the tutorial's routing and no fastRecovery:
#                  the reference measured in the same run, on the same machine
set -eu
cd "$(dirname "$0")/.."
cli=./build/app/mptcplab-cli/mptcplab-cli
[ -x "$cli" ] || { echo "build first: scripts/build.sh" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "needs root: sudo $0" >&2; exit 1; }

runs=10 breaks="2 6 10" modes="cut unplug" link=NodeA:eth0 lab=resources/labs/seed.json reference=no
while [ $# -gt 0 ]; do
    case $1 in
    --breaks) breaks=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --link) link=$2; shift 2 ;;
    --lab) lab=$2; shift 2 ;;
    --vs-tutorial) reference=yes; shift ;;
    [0-9]*) runs=$1; shift ;;
    *) echo "failover.sh: unknown argument \"$1\" (see the usage at the top of $0)" >&2; exit 2 ;;
    esac
done
lead=4 tail=4 # seconds of traffic before the break and after the restore

work=$(mktemp -d)
labs_up=""
cleanup() {
    for name in $labs_up; do $cli down --lab "$name" >/dev/null 2>&1 || echo "could not take lab $name down" >&2; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The lab's name, from its file (the CLI validated it when it came up).
lab_name() { sed -n 's/^ *"name": *"\([A-Za-z0-9_-]*\)".*/\1/p' "$1" | head -n 1; }

# A top-level number of the report ("null" when it did not happen). QJsonDocument indents top-level keys by four
# spaces, which keeps the nested phases' keys out.
report_ms() { sed -n "s/^    \"$1\": *\([0-9.]*\|null\),\{0,1\}\$/\1/p" "$2"; }

# One figure in seconds, or "never".
seconds() { [ "$1" = null ] && echo never || awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }

# median, p90 and max of the values in a file (one per line, "never" counts as beyond every number), and how many
# were within a second.
summarize() {
    sort -g "$1" | awk -v what="$2" '
        { v[NR] = ($1 == "never") ? 1e9 : $1; if (v[NR] <= 1.0) fast++ }
        function show(x) { return (x >= 1e9) ? "never" : sprintf("%.2f s", x) }
        END {
            if (NR == 0) { printf "  %-9s no runs\n", what; exit }
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            p = v[int(0.9 * NR + 0.999)]
            printf "  %-9s median %s  p90 %s  max %s  within 1 s: %d of %d\n", what, show(m), show(p), show(v[NR]), fast, NR
        }'
}

# Runs every cycle of one lab file; label says which configuration it is.
bench_lab() { # file label
    file=$1 label=$2 name=$(lab_name "$1")
    $cli up --lab "$file" >/dev/null || { echo "lab $name did not come up" >&2; exit 1; }
    labs_up="$labs_up $name"
    for mode in $modes; do
        for length in $breaks; do
            : >"$work/failover" && : >"$work/outage" && : >"$work/return"
            i=1
            while [ $i -le "$runs" ]; do
                report="$work/report.json"
                rm -f "$report"
                if ! $cli demo --lab "$file" --mode "$mode" --link "$link" --break-at $lead \
                    --restore-at $((lead + length)) --duration $((lead + length + tail)) --report "$report" \
                    >"$work/demo.log" 2>&1; then
                    echo "$label $mode ${length}s run $i: the demo failed:" >&2
                    tail -n 5 "$work/demo.log" >&2
                    exit 1
                fi
                failover=$(seconds "$(report_ms failoverMs "$report")")
                outage=$(report_ms outageMs "$report")
                outage=$(seconds "$([ "$outage" = null ] && echo 0 || echo "$outage")")
                back=$(seconds "$(report_ms pathReturnMs "$report")")
                echo "$label $mode ${length}s run $i/$runs: failover $failover  outage $outage  return $back"
                echo "$failover" >>"$work/failover" && echo "$outage" >>"$work/outage" && echo "$back" >>"$work/return"
                i=$((i + 1))
            done
            echo "$label, $mode, ${length} s break on $link, $runs runs:"
            summarize "$work/failover" failover
            summarize "$work/outage" outage
            summarize "$work/return" return
        done
    done
    $cli down --lab "$name" >/dev/null
    labs_up=$(echo "$labs_up" | sed "s/ $name\$//")
}

echo "kernel $(uname -r), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
bench_lab "$lab" "$(lab_name "$lab")"
if [ $reference = yes ]; then
    # The same lab with the tutorial's tables and TCP's default backoff, under its own name.
    tutorial="$work/tutorial.json"
    sed -e 's/"routing": *"symmetric"/"routing": "tutorial"/' -e 's/"fastRecovery": *true/"fastRecovery": false/' \
        -e "0,/\"name\": *\"[^\"]*\"/s//\"name\": \"tutorial\"/" "$lab" >"$tutorial"
    grep -q '"routing": "tutorial"' "$tutorial" || { echo "--vs-tutorial: $lab has no failover.routing" >&2; exit 1; }
    bench_lab "$tutorial" tutorial
fi
