#!/bin/sh
# Benchmark: the guest image build, and boot-to-SSH-ready of the two-VM seed lab (resources/labs/seed-qemu.json)
# under whatever accelerator QEMU gets here (TCG without KVM). Prints medians; not a test.
#   image build: a full rebuild with the downloads and unpacked packages already in the cache, and a build
#                where nothing changed (the first build of a fresh cache also downloads ~90 MB: shown once, "cold")
#   boot:        per run, the later of the two VMs' QEMU start -> "sshd ready" on its console (status bootMs),
#                and the whole `up` (switch, boot, SSH, MPTCP configured)
#   reference:   in the same run, two bare QEMUs started together from this script with the same kernel and
#                initramfs (no NICs, no switch, no engine) until both print their ready line: what this machine
#                takes to boot the guest at all. The ratio says what the lab adds.
# Usage: sudo bench/qemu-boot.sh [RUNS] [CACHE]   (build first: scripts/build.sh)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
cache=${2:-$(pwd)/build/qemu-image-cache}
cli=./build/app/mptcplab-cli/mptcplab-cli
[ -x "$cli" ] || { echo "build first: scripts/build.sh" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "needs root: sudo $0" >&2; exit 1; }
work=$(mktemp -d)
lab=$work/seed-qemu.json
trap '$cli down --lab seed-qemu >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
$cli down --lab seed-qemu >/dev/null 2>&1 || true

now_ms() { date +%s%3N; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stats() { # median, min, max of the numbers given
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "median %d ms (min %d, max %d, %d runs)", m, v[1], v[NR], NR }'
}

builds=""
if [ ! -f "$cache/guest/initrd.gz" ]; then
    t0=$(now_ms); $cli image build --cache "$cache" >/dev/null; t1=$(now_ms)
    echo "image build (cold, downloads included): $((t1 - t0)) ms"
fi
noops=""
i=0
while [ $i -lt 3 ]; do
    rm -f "$cache/guest/stamp" # a full rebuild from the packages already downloaded and unpacked
    t0=$(now_ms); $cli image build --cache "$cache" >/dev/null; t1=$(now_ms)
    $cli image build --cache "$cache" >/dev/null; t2=$(now_ms)
    builds="$builds $((t1 - t0))"; noops="$noops $((t2 - t1))"; i=$((i + 1))
done
echo "image build (packages cached): $(stats $builds)"
echo "image build (nothing changed): $(stats $noops)"

sed "s|\"qemu\": { |\"qemu\": { \"image\": \"$cache/guest\", |" resources/labs/seed-qemu.json > "$lab"
# Both bare VMs started at once, like the lab's two; the later ready line ends the run.
bare_boot() {
    t0=$(now_ms)
    for n in A B; do
        rm -f "$work/bare$n.log"
        qemu-system-x86_64 -accel tcg,tb-size=64 -machine pc -cpu max -smp 1 -m 128 -nodefaults -display none \
            -no-reboot -kernel "$cache/guest/vmlinux" -initrd "$cache/guest/initrd.gz" \
            -append "console=ttyS0 quiet panic=-1 mlab.host=Node$n" -serial "file:$work/bare$n.log" 2>/dev/null &
        eval "pid$n=\$!"
    done
    until grep -q MLAB-READY "$work/bareA.log" 2>/dev/null && grep -q MLAB-READY "$work/bareB.log" 2>/dev/null; do
        sleep 0.1 # a faster poll would take CPU from the two VMs it waits for
    done
    t1=$(now_ms)
    kill "$pidA" "$pidB"; wait "$pidA" "$pidB" 2>/dev/null || true
    echo $((t1 - t0))
}

boots=""; ups=""; accel=""; bares=""
i=0
while [ $i -lt "$runs" ]; do
    bares="$bares $(bare_boot)"
    t0=$(now_ms); $cli up --lab "$lab" >/dev/null; t1=$(now_ms)
    status=$($cli status --lab seed-qemu --json)
    slowest=$(printf '%s' "$status" | grep -o '"bootMs": *[0-9]*' | grep -o '[0-9]*$' | sort -n | tail -1)
    accel=$(printf '%s' "$status" | grep -o '"accelerator": *"[a-z]*"' | head -1 | grep -o '[a-z]*"$' | tr -d '"')
    $cli down --lab seed-qemu >/dev/null
    boots="$boots $slowest"; ups="$ups $((t1 - t0))"; i=$((i + 1))
done
echo "two VMs SSH-ready ($accel):     $(stats $boots)"
echo "reference, two bare QEMUs:    $(stats $bares)"
echo "ratio lab / bare (medians):   $(awk -v a="$(median $boots)" -v b="$(median $bares)" 'BEGIN { printf "%.2f", a / b }')"
echo "up, MPTCP configured:         $(stats $ups)"
