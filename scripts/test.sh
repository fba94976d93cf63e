#!/bin/sh
# The whole test suite on a fresh Debian 12: installs dependencies, builds,
# runs every test (unit and, as root, integration). CI runs exactly this.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
    exec sudo "$0" "$@"
fi
./scripts/install-deps.sh
./scripts/build.sh -DMPTCPLAB_WERROR=ON
ctest --test-dir build --output-on-failure --timeout 300 "$@"
