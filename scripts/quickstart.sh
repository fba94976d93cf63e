#!/bin/sh
# Installs, builds and opens the desktop app on the default (seed) lab: press Start (F5), then Traffic (F6),
# and click path 1's cable to break it. Without a graphical display it runs the command-line demo instead:
# `mptcplab-cli demo` brings the lab up, sends MPTCP traffic from NodeA to NodeB, breaks path 1 and restores
# it while printing per-path throughput, explains what happened, and takes the lab down.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
    exec sudo "$0" "$@"
fi
./scripts/install-deps.sh
./scripts/build.sh

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    # The window runs as root here, so Start needs no password; the lab keeps running if the window closes
    # (Stop, or `mptcplab-cli down`, takes it away).
    exec ./build/app/mptcplab/mptcplab "$@"
fi

echo "quickstart: no graphical display (DISPLAY and WAYLAND_DISPLAY are unset): running the command-line demo"
cli=./build/app/mptcplab-cli/mptcplab-cli
trap '$cli down >/dev/null 2>&1 || true' EXIT
# The tutorial's experiment, unattended: iperf through mptcpize from NodeA to
# NodeB for 24 s, path 1 (NodeA:eth0, switch port 10) cut after 6 s and
# restored after 12 s, one live line per second, and a plain-English summary.
$cli demo --duration 24 --break-at 6 --restore-at 12 --report demo-report.json --csv demo-samples.csv
echo "report: demo-report.json, samples: demo-samples.csv"
