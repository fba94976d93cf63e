#!/bin/sh
# Makes a bootable disk image from the lab's guest, as a stand-in for a user's own image (the tutorial's OpenWRT
# test01.img): a FAT file system with the guest's kernel and initramfs and a syslinux boot loader, whose
# command line carries the node's identity, as the user's own system would carry its own configuration.
# No root needed, nothing mounted.
#
# Usage: make-own-disk.sh GUEST_DIR OUT.img KERNEL_ARGUMENTS...
set -eu
guest=$1 out=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/syslinux.cfg" <<CFG
SERIAL 0 115200
DEFAULT node
PROMPT 0
TIMEOUT 0
LABEL node
  KERNEL vmlinuz
  INITRD initrd.gz
  APPEND console=ttyS0 quiet panic=-1 $*
CFG
rm -f "$out"
# 40 MiB: room for the kernel (~8 MB) and the initramfs (~10 MB).
mkfs.vfat -C -n MLABDISK "$out" 40960 >/dev/null
mcopy -i "$out" "$guest/vmlinuz" "$guest/initrd.gz" "$work/syslinux.cfg" ::/
syslinux --install "$out"
