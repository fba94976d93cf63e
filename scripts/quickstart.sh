#!/bin/sh
# Installs, builds and runs the default (seed) lab: brings it up, sends MPTCP
# traffic from NodeA to NodeB for 12 s, breaks path 1 after 4 s, restores it
# after 8 s, and takes the lab down. Every command the lab runs is listed in
# its transcript; `mptcplab-cli script` prints them as a shell script.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
    exec sudo "$0" "$@"
fi
./scripts/install-deps.sh
./scripts/build.sh
cli=./build/app/mptcplab-cli/mptcplab-cli

trap '$cli down' EXIT
$cli up "$@"
echo
echo "== iperf server on NodeB, MPTCP client on NodeA (through mptcpize), 12 s"
$cli exec NodeB sh -c 'mptcpize run iperf -s -i 10 >/dev/null 2>&1 &'
sleep 0.3
$cli exec NodeA mptcpize run iperf -c 10.168.1.2 -i 1 -t 12 &
client=$!
sleep 4
echo "== break path 1: switch port 10 (NodeA:eth0) moves to the dead VLAN"
$cli break NodeA:eth0
sleep 4
echo "== subflows on NodeA while path 1 is down"
$cli exec NodeA ss -tniM | grep -E '^(tcp|mptcp) ' || true
echo "== restore path 1 (the old subflow resumes at its next retransmission; TCP backs off exponentially)"
$cli restore NodeA:eth0
wait $client
echo
$cli status
