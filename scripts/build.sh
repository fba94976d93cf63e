#!/bin/sh
# Configures and builds MPTCP Lab into ./build (extra arguments go to cmake).
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j "$(nproc)"
