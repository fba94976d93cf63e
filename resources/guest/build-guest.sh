#!/bin/bash
# Builds the MPTCP Lab guest (kernel + initramfs) from Debian packages only, inside one cache directory.
# Run by `mptcplab-cli image build`, which validates the arguments first; by hand:
#   build-guest.sh CACHE_DIR stable|backports
# Writes CACHE_DIR/guest/{vmlinux,vmlinuz,initrd.gz,kernel-release}. Nothing outside CACHE_DIR is changed:
# packages are fetched with `apt-get download` (no install) and unpacked with dpkg-deb -x; backports lists go to
# a private apt state under CACHE_DIR/apt. Progress: one "STEP n/7 what" line per step on stdout.
set -euo pipefail
export LC_ALL=C
CACHE=$1
SUITE=$2
case $SUITE in stable|backports) ;; *) echo "suite must be stable or backports, not '$SUITE'" >&2; exit 2;; esac
DEBS=$CACHE/debs          # kept between builds: a rebuild downloads only what changed
WORK=$CACHE/work          # rebuilt every time
R=$WORK/rootfs
OUT=$CACHE/guest
step() { echo "STEP $1/7 $2"; }
die() { echo "$*" >&2; exit 1; }
for tool in apt-get apt-cache dpkg-deb readelf strings gzip xz zstd cpio; do
    command -v $tool >/dev/null || die "missing host tool '$tool' (scripts/install-deps.sh installs it)"
done
rm -rf "$WORK"; mkdir -p "$DEBS" "$R" "$OUT.new"

step 1 "package lists ($SUITE kernel)"
# apt may refresh its binary caches under /var/cache/apt when the lists changed: keep them in memory instead.
apt_get() { apt-get -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= "$@"; }
apt_cache() { apt-cache -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= "$@"; }
APTO=()
if [ "$SUITE" = backports ]; then
    # A private apt state: lists for bookworm-backports without touching /etc/apt or /var/lib/apt.
    A=$CACHE/apt; mkdir -p "$A/lists/partial" "$A/cache/archives/partial"
    MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$MIRROR" ] || MIRROR=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$MIRROR" ] || MIRROR=http://deb.debian.org/debian
    echo "deb $MIRROR bookworm-backports main" > "$A/sources.list"
    APTO=(-o Dir::Etc::SourceList="$A/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$A/lists"
          -o Dir::Cache="$A/cache" -o Dir::Cache::archives="$A/cache/archives" -o Debug::NoLocking=1)
    apt_get "${APTO[@]}" update -qq >"$WORK/apt-update.log" 2>&1 || die "apt-get update for bookworm-backports failed: $(tail -3 "$WORK/apt-update.log")"
fi
KPKG=$(apt_cache "${APTO[@]}" depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
[ -n "$KPKG" ] || die "apt-cache knows no linux-image-amd64 (run apt-get update once as root)"
KVER=${KPKG#linux-image-}

step 2 "download $KPKG and the tools"
PKGS="busybox iproute2 iperf iperf3 libiperf0 mptcpize libmptcpwrap0 dropbear-bin tcpdump libpcap0.8
 libc6 libstdc++6 libgcc-s1 libbpf1 libelf1 zlib1g libmnl0 libbsd0 libmd0 libcap2 libxtables12
 libtomcrypt1 libtommath1 libgmp10 libcrypt1 libssl3 libsctp1 libselinux1 libpcre2-8-0
 libtirpc3 libgssapi-krb5-2 libkrb5-3 libk5crypto3 libcom-err2 libkrb5support0 libkeyutils1
 libdbus-1-3 libsystemd0 liblzma5 libzstd1 liblz4-1 libgcrypt20 libgpg-error0 libcap-ng0
 libibverbs1 libnl-3-200 libnl-route-3-200"
# Only what is not in DEBS yet: --print-uris names each file exactly.
fetch() { # system|suite packages...: the tools come from the system's lists, the kernel from the suite's
    local opts=() missing=()
    [ "$1" = suite ] && opts=("${APTO[@]}")
    shift
    while read -r uri file _; do
        [ -f "$DEBS/$file" ] || missing+=("$file")
    done < <(apt_get "${opts[@]}" --print-uris download "$@" 2>/dev/null | tr -d "'")
    [ ${#missing[@]} -eq 0 ] && return 0
    ( cd "$DEBS" && apt_get -qq "${opts[@]}" download "$@" >"$WORK/download.log" 2>&1 ) \
        || die "apt-get download failed: $(tail -3 "$WORK/download.log")"
}
# One apt run when the kernel comes from the system's own lists (each run costs seconds of cache loading).
if [ ${#APTO[@]} -eq 0 ]; then fetch system $PKGS "$KPKG"; else fetch system $PKGS; fetch suite "$KPKG"; fi

step 3 "unpack packages"
# Unpacked trees are kept per kernel release and per set of tool packages: a rebuild with nothing new unpacks
# nothing (the kernel package alone takes most of a minute to decompress).
# Under load every fork costs tens of milliseconds: map package names to files in bash, not with ls per package.
declare -A DEB=()
for f in "$DEBS"/*.deb; do n=${f##*/}; DEB[${n%%_*}]=$f; done
debOf() { echo "${DEB[$1]:-}"; }
TOOLDEBS=""
for p in $PKGS; do
    f=$(debOf "$p"); [ -n "$f" ] || die "package $p was not downloaded"
    TOOLDEBS="$TOOLDEBS $f"
done
XT=$CACHE/unpacked/tools-$(echo $TOOLDEBS | md5sum | cut -c1-12)
if [ ! -f "$XT/.complete" ]; then
    rm -rf "$CACHE"/unpacked/tools-*; mkdir -p "$XT"
    for f in $TOOLDEBS; do dpkg-deb -x "$f" "$XT"; done
    touch "$XT/.complete"
fi
KX=$CACHE/unpacked/kernel-$KVER
if [ ! -f "$KX/.complete" ]; then
    rm -rf "$CACHE"/unpacked/kernel-*; mkdir -p "$KX"
    f=$(debOf "$KPKG"); [ -n "$f" ] || die "package $KPKG was not downloaded"
    # Only the kernel and the module directories the guest draws from.
    dpkg-deb --fsys-tarfile "$f" | tar -x -C "$KX" --wildcards './boot/*' './lib/modules/*/modules.builtin' \
        './lib/modules/*/kernel/net/*' './lib/modules/*/kernel/drivers/net/*' './lib/modules/*/kernel/drivers/virtio/*' \
        './lib/modules/*/kernel/drivers/input/*' './lib/modules/*/kernel/drivers/acpi/*' './lib/modules/*/kernel/lib/*'
    touch "$KX/.complete"
fi

# Same packages, same kernel, same builder: the guest in OUT is what this build would make.
STAMP="$KVER ${XT##*/} $(md5sum < "$0" | cut -c1-12)"
if [ -f "$OUT/stamp" ] && [ "$(cat "$OUT/stamp")" = "$STAMP" ] && [ -f "$OUT/initrd.gz" ]; then
    rm -rf "$WORK" "$OUT.new"
    echo "DONE kernel=$KVER initrd=$(du -h "$OUT/initrd.gz" | cut -f1) image=$OUT (up to date: nothing changed)"
    exit 0
fi

step 4 "kernel $KVER"
CONFIG=$KX/boot/config-$KVER
grep -q '^CONFIG_MPTCP=y' "$CONFIG" || die "kernel $KVER has no CONFIG_MPTCP=y"
cp "$KX/boot/vmlinuz-$KVER" "$OUT.new/vmlinuz"
# The ELF vmlinux inside the bzImage has a PVH entry note, so QEMU boots it directly: no in-guest
# decompression, about twice as fast under TCG.
if grep -q '^CONFIG_KERNEL_ZSTD=y' "$CONFIG"; then MAGIC='\x28\xb5\x2f\xfd'; DEC="zstd -qdc"; else MAGIC='\xfd7zXZ\x00'; DEC="xz -dc --single-stream"; fi
off=$(set +o pipefail; grep -obUaP "$MAGIC" "$OUT.new/vmlinuz" | head -1 | cut -d: -f1)
(set +o pipefail; tail -c +$((off+1)) "$OUT.new/vmlinuz" | $DEC 2>/dev/null > "$OUT.new/vmlinux" || true)
if ! readelf -n "$OUT.new/vmlinux" 2>/dev/null | grep -q 'Unknown note type: (0x00000012)'; then
    echo "note: no PVH entry in vmlinux; nodes boot the compressed vmlinuz (slower)"; rm -f "$OUT.new/vmlinux"
fi
echo "$KVER" > "$OUT.new/kernel-release"
echo "$STAMP" > "$OUT.new/stamp"

step 5 "kernel modules"
mkdir -p "$R/lib/modules"
# Virtio NICs, ss -M (inet_diag, mptcp_diag), tbf shaping and the ACPI power button are modules in Debian's
# kernel; the .deb has no modules.dep (depmod runs in postinst), so the load order comes from each "depends=".
WANT="virtio_pci virtio_net inet_diag tcp_diag udp_diag mptcp_diag sch_tbf evdev button"
declare -A MDONE=(); ORDER=""
add_mod() {
    local m=$1 f d
    [ -n "${MDONE[$m]:-}" ] && return 0; MDONE[$m]=1
    f=$(find "$KX/lib/modules/$KVER" \( -name "$m.ko*" -o -name "${m//_/-}.ko*" \) | head -1)
    if [ -z "$f" ]; then
        grep -q "/$m.ko" "$KX/lib/modules/$KVER/modules.builtin" && return 0
        die "kernel $KVER: module $m not found"
    fi
    case $f in *.xz) xz -dc "$f";; *.zst) zstd -qdc "$f";; *) cat "$f";; esac > "$R/lib/modules/$m.ko"
    # Without the signature Debian appends (strip rewrites the ELF and drops it): checking it costs each insmod
    # tens of ms of RSA under TCG, ~0.3 s per boot; the kernel does not enforce signatures without Secure Boot.
    strip --strip-debug "$R/lib/modules/$m.ko"
    for d in $(strings -a "$R/lib/modules/$m.ko" | sed -n 's/^depends=//p' | tr , ' '); do add_mod "$d"; done
    ORDER="$ORDER $m"
}
for m in $WANT; do add_mod $m; done
echo "$ORDER" > "$R/lib/modules/load-order"

step 6 "programs and libraries"
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,lib/x86_64-linux-gnu,lib64,etc/dropbear,etc/acpi/PWRF,root/.ssh,proc,sys,dev,tmp,run,var/log}
# The dynamic busybox, not busybox-static: the static one runs its own "ip" applet (no `ip mptcp`) even when
# iproute2's ip comes first in PATH.
cp "$XT/bin/busybox" "$R/bin/busybox"
cp "$XT/bin/ip" "$XT/bin/ss" "$XT/sbin/tc" "$R/sbin/"
cp "$XT/usr/bin/iperf" "$XT/usr/bin/iperf3" "$XT/usr/bin/mptcpize" "$XT/usr/bin/dropbearkey" "$XT/usr/bin/nstat" \
   "$XT/usr/bin/tcpdump" "$R/usr/bin/"
cp "$XT/usr/sbin/dropbear" "$R/usr/sbin/"
# mptcpize only sets LD_PRELOAD to libmptcpwrap (package libmptcpwrap0); without it iperf silently uses TCP.
mkdir -p "$R/usr/lib/x86_64-linux-gnu/mptcpize"
cp -a "$XT/usr/lib/x86_64-linux-gnu/mptcpize/." "$R/usr/lib/x86_64-linux-gnu/mptcpize/"
# busybox applets as symlinks (one perl process, not one ln per applet), never shadowing the real tools above.
"$R/bin/busybox" --list | R="$R" perl -ne 'chomp; next if /\//; my $r = $ENV{R};
    next if -e "$r/bin/$_" || -e "$r/sbin/$_" || -e "$r/usr/bin/$_" || -e "$r/usr/sbin/$_";
    symlink("busybox", "$r/bin/$_") or die "symlink $_: $!\n";'
ln -sf ../sbin/ip "$R/bin/ip"; ln -sf ../sbin/ss "$R/bin/ss"; ln -sf ../sbin/tc "$R/bin/tc"
find_lib() { for d in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu; do [ -e "$XT/$d/$1" ] && { echo "$XT/$d/$1"; return 0; }; done; return 1; }
declare -A seen=()
# The closure of DT_NEEDED, one readelf per round rather than one per file.
queue=$(find "$R" -type f \( -path '*/bin/*' -o -path '*/sbin/*' -o -name '*.so*' \))
while [ -n "$queue" ]; do
    next=""
    for so in $(readelf -d $queue 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u); do
        [ -n "${seen[$so]:-}" ] && continue; seen[$so]=1
        p=$(find_lib "$so") || die "library $so is in none of the downloaded packages"
        cp -L "$p" "$R/lib/x86_64-linux-gnu/$so"; next="$next $R/lib/x86_64-linux-gnu/$so"
    done
    queue=$next
done
cp -L "$XT/lib64/ld-linux-x86-64.so.2" "$R/lib64/"

cat > "$R/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
tcpdump:x:101:101::/nonexistent:/bin/false
PASSWD
echo 'root:*:19000:0:99999:7:::' > "$R/etc/shadow"; chmod 600 "$R/etc/shadow"
printf 'root:x:0:\ntty:x:5:\ntcpdump:x:101:\n' > "$R/etc/group"
echo /bin/sh > "$R/etc/shells"
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files\n' > "$R/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n' > "$R/etc/hosts"
echo 'export PATH=/usr/sbin:/usr/bin:/sbin:/bin' > "$R/etc/profile"
chmod 700 "$R/root" "$R/root/.ssh"
# busybox acpid runs PWRF/00000080 on the ACPI power button (QMP system_powerdown): a quick, clean power-off.
printf '#!/bin/sh\nsync\npoweroff -f\n' > "$R/etc/acpi/PWRF/00000080"; chmod 755 "$R/etc/acpi/PWRF/00000080"

cat > "$R/init" <<'INIT'
#!/bin/sh
# pid 1 of a lab node. Its identity comes from the kernel command line, written by the engine from the lab file:
#   mlab.host=NAME  mlab.nic=MAC,IFNAME (one per NIC)  mlab.mgmt=IFNAME,ADDRESS/LEN  mlab.key=TYPE,BASE64
#   mlab.pw=CRYPT   root's password hash, which allows password logins (for a disk image made from this guest;
#                   the engine's own command line never sets it)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc; mount -t sysfs sys /sys
mkdir -p /dev/pts /dev/shm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mount -t tmpfs tmpfs /tmp; mount -t tmpfs tmpfs /run   # mptcpize writes its preload library to /tmp
for m in $(cat /lib/modules/load-order); do insmod /lib/modules/$m.ko 2>/dev/null || echo "mlab: insmod $m failed"; done
HOST=node; NICS=""; MGMT=""; KEY=""; PW=""
for a in $(cat /proc/cmdline); do
    case $a in
        mlab.host=*) HOST=${a#*=};; mlab.nic=*) NICS="$NICS ${a#*=}";;
        mlab.mgmt=*) MGMT=${a#*=};; mlab.key=*) KEY=${a#*=};; mlab.pw=*) PW=${a#*=};;
    esac
done
hostname "$HOST"; echo "127.0.1.1 $HOST" >> /etc/hosts
busybox ip link set lo up
want=$(echo $NICS | wc -w); i=0
while [ "$(ls /sys/class/net | grep -vc '^lo$')" -lt "$want" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
# Names by MAC, as the lab file says. The engine puts the NICs in PCI slots in the lab file's order, so they
# usually come up with the right names already: each `ip` run costs ~0.3 s under TCG, so only misnamed ones are
# renamed, through temporary names (swapping two names cannot collide), with busybox's ip (no libraries to load).
n=0; pending=""
for nic in $NICS; do
    cur=""
    for dev in /sys/class/net/*; do read -r a < $dev/address; [ "$a" = "${nic%%,*}" ] && cur=${dev##*/}; done
    if [ -z "$cur" ]; then echo "mlab: no NIC with MAC ${nic%%,*}"
    elif [ "$cur" != "${nic#*,}" ]; then busybox ip link set dev $cur name mlabtmp$n; pending="$pending $n,${nic#*,}"; fi
    n=$((n+1))
done
for p in $pending; do busybox ip link set dev mlabtmp${p%%,*} name ${p#*,}; done
if [ -n "$MGMT" ]; then
    busybox ip addr add ${MGMT#*,} dev ${MGMT%%,*}; busybox ip link set dev ${MGMT%%,*} up
fi
[ -n "$KEY" ] && echo "${KEY%%,*} ${KEY#*,} mptcplab" > /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys
# ed25519: RSA key generation takes seconds under TCG.
dropbearkey -t ed25519 -f /etc/dropbear/dropbear_ed25519_host_key >/dev/null 2>&1
acpid -c /etc/acpi 2>/dev/null
# -s: key logins only, unless a password was given.
LOGINS=-s
if [ -n "$PW" ]; then echo "root:$PW:19000:0:99999:7:::" > /etc/shadow; LOGINS=; fi
dropbear $LOGINS -r /etc/dropbear/dropbear_ed25519_host_key -p 22 -P /run/dropbear.pid
echo "MLAB-HOSTKEY $(dropbearkey -y -f /etc/dropbear/dropbear_ed25519_host_key | grep '^ssh-' | cut -d' ' -f1,2)"
echo "MLAB-READY $HOST kernel=$(uname -r) uptime=$(cut -d' ' -f1 /proc/uptime) mptcp=$(cat /proc/sys/net/mptcp/enabled)"
while :; do setsid cttyhack sh -l; sleep 1; done
INIT
chmod 755 "$R/init"

step 7 "initramfs"
( cd "$R" && find . | sort | cpio -o -H newc --quiet ) | gzip -6 > "$OUT.new/initrd.gz"
rm -rf "$OUT"; mv "$OUT.new" "$OUT"; rm -rf "$WORK"
echo "DONE kernel=$KVER initrd=$(du -h "$OUT/initrd.gz" | cut -f1) image=$OUT"
