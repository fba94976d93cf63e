#!/bin/sh
# Benchmark: time of `mptcplab-cli up` until the lab is ready, and of `down`,
# over several runs of the seed lab. Prints medians; not a test.
# Usage: sudo bench/updown.sh [RUNS]   (build first: scripts/build.sh)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-7}
cli=./build/app/mptcplab-cli/mptcplab-cli
[ -x "$cli" ] || { echo "build first: scripts/build.sh" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "needs root: sudo $0" >&2; exit 1; }
$cli down --lab seed >/dev/null 2>&1 || true

now_ms() { date +%s%3N; }
ups=""; downs=""
i=0
while [ $i -lt "$runs" ]; do
    t0=$(now_ms); $cli up >/dev/null; t1=$(now_ms)
    $cli down >/dev/null; t2=$(now_ms)
    ups="$ups $((t1 - t0))"; downs="$downs $((t2 - t1))"
    i=$((i + 1))
done

stats() { # median, min, max of the numbers given
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "median %d ms (min %d, max %d, %d runs)", m, v[1], v[NR], NR }'
}
echo "up   (to ready): $(stats $ups)"
echo "down (all gone): $(stats $downs)"
