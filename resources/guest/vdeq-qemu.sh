#!/bin/bash
# The program `vdeq` starts in launch mode "vdeq": the tutorial's wrapper turns each "-net vde,vlan=N,..." into
# "-net tap,vlan=N,fd=F" (F one end of a socket pair it relays to the switch), a syntax QEMU 3.0 removed. This
# rewrites what vdeq produces into today's syntax: "-netdev dgram" on that fd (a "tap,fd=" fails: TUNGETIFF on
# a socket pair) and a virtio NIC with the MAC and PCI slot the lab file gives, then runs QEMU.
# Nothing goes to stdout: vdeq reads "qemu -h" through this script to pick the syntax it writes.
args=()
while [ $# -gt 0 ]; do
    a=$1; shift
    if [ "$a" = -net ] && [[ $1 == tap,vlan=* ]]; then
        v=${1#tap,vlan=}; v=${v%%,*}; fd=${1##*fd=}; fd=${fd%%,*}
        args+=(-netdev "dgram,id=n$v,local.type=fd,local.str=$fd"); shift
    elif [ "$a" = -net ] && [[ $1 == nic,vlan=* ]]; then
        v=${1#nic,vlan=}; v=${v%%,*}; mac=${1##*macaddr=}; mac=${mac%%,*}
        args+=(-device "virtio-net-pci,netdev=n$v,mac=$mac,addr=0x$(printf %x $((3 + v)))"); shift
    else
        args+=("$a")
    fi
done
exec qemu-system-x86_64 "${args[@]}"
