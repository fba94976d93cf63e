#!/bin/sh
# Installs, builds and runs the default (seed) lab: `mptcplab-cli demo` brings
# it up, sends MPTCP traffic from NodeA to NodeB, breaks path 1 and restores it
# while printing per-path throughput, explains what happened, and takes the
# lab down. `mptcplab-cli script` prints every command as a shell script.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
    exec sudo "$0" "$@"
fi
./scripts/install-deps.sh
./scripts/build.sh
cli=./build/app/mptcplab-cli/mptcplab-cli

trap '$cli down >/dev/null 2>&1 || true' EXIT
# The tutorial's experiment, unattended: iperf through mptcpize from NodeA to
# NodeB for 24 s, path 1 (NodeA:eth0, switch port 10) cut after 6 s and
# restored after 12 s, one live line per second, and a plain-English summary.
$cli demo --duration 24 --break-at 6 --restore-at 12 --report demo-report.json --csv demo-samples.csv "$@"
echo "report: demo-report.json, samples: demo-samples.csv"
