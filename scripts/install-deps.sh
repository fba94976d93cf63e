#!/bin/sh
# Installs everything MPTCP Lab needs to build, test and run, from Debian 12 packages.
set -eu
if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps.sh: run as root (sudo $0)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    build-essential cmake ninja-build pkg-config \
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev \
    libqcustomplot-dev libssh-dev nlohmann-json3-dev \
    vde2 openssh-server openssh-client iproute2 procps psmisc \
    iperf iperf3 mptcpize busybox \
    qemu-system-x86 binutils xz-utils zstd cpio syslinux mtools dosfstools \
    xvfb xauth >/dev/null
echo "install-deps.sh: dependencies installed"
