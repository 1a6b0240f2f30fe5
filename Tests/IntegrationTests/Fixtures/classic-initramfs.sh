#!/bin/sh
# Simulates an initramfs for the binary under its classic name, switch_root.
# Run it as root, and only in new mount and pid namespaces of its own:
#   unshare --mount --propagation private --pid --fork --kill-child -- \
#       sh classic-initramfs.sh XNS MAKEROOT WORK 'STEP'
# It builds a tmpfs "initramfs" that holds only busybox (with its applet
# links, but no /bin/switch_root link; busybox sh still runs its own applet
# for a bare `switch_root`, so call it by path) and XNS installed as /sbin/switch_root
# with the libraries it loads, plus 300 junk files; moves it onto / of this
# mount namespace; and starts its /init as PID 1 with the environment a
# kernel gives (HOME=/ TERM=linux). /init, in busybox sh, mounts /proc,
# /sys, /dev (a tmpfs) and /run, mounts a second tmpfs, the "real root", on
# /newroot and fills it (busybox, and /realroot-init below as /sbin/init,
# which reports what the switch handed over), notes
# what the switch must keep (mount ids and devices of the API mounts in
# /newroot/api-before, its environment in /newroot/environ-before, the mount
# table in /mountinfo-before), keeps fd 9 open on its root, and runs STEP
# (sourced, so STEP may `exec /sbin/switch_root …`). `after_failure`, for
# STEP, prints what a failed switch_root left behind.
set -eu
xns=$1 makeroot=$2 work=$3 step=$4

# Refuse anywhere but new mount and pid namespaces: this moves a tmpfs onto /.
[ $$ = 1 ] || { echo "classic-initramfs.sh: not PID 1 of a new pid namespace" >&2; exit 99; }
[ "$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/1/ns/mnt)" ] || { echo "classic-initramfs.sh: not in a mount namespace of its own" >&2; exit 99; }

initramfs=$work/initramfs
mkdir -p "$initramfs"
mount -t tmpfs -o mode=0755 initramfs "$initramfs"
"$makeroot" "$initramfs"
# busybox's own switch_root applet must not be in the image.
rm -f "$initramfs/bin/switch_root"
"$(dirname "$makeroot")/copy-with-libraries" "$initramfs" "$xns" switch_root
mv "$initramfs/bin/switch_root" "$initramfs/sbin/switch_root"
# copy-with-libraries also copies PROGRAM itself to its own path in ROOT.
case $xns in /*) rm -f "$initramfs$xns" ;; esac
mkdir -p "$initramfs/junk/a/b/c"
i=0
while [ $i -lt 300 ]; do : > "$initramfs/junk/a/file$i"; i=$((i + 1)); done
ln -s /etc/passwd "$initramfs/junk/a/b/link"
printf '%s\n' "$step" > "$initramfs/step"

cat > "$initramfs/init" <<'INIT'
#!/bin/sh
# The initramfs's /init, PID 1, in busybox sh.
set -u
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs -o mode=0755 dev /dev
mknod -m 0666 /dev/null c 1 3
mount -t tmpfs -o mode=0755 run /run
: > /run/initramfs-was-here

mkdir -p /newroot
mount -t tmpfs -o mode=0755 realroot /newroot
mkdir -p /newroot/bin /newroot/sbin /newroot/etc /newroot/proc /newroot/sys /newroot/dev /newroot/run /newroot/tmp
cp /bin/busybox /newroot/bin/busybox
for applet in $(busybox --list); do [ "$applet" = busybox ] || ln -s busybox "/newroot/bin/$applet"; done
cp /realroot-init /newroot/sbin/init
chmod 0755 /newroot/sbin/init
echo "inside the real root" > /newroot/etc/marker

# What the switch must keep: each API mount's id and device, the environment.
api() { for m in /proc /dev /sys /run; do echo "$m $(awk -v m="$m" '$5 == m { print $1 }' /proc/self/mountinfo) $(stat -c %d "$m")"; done; }
api > /newroot/api-before
export INITRD_MARK='set by the initramfs'
cat /proc/self/environ > /newroot/environ-before
cat /proc/self/mountinfo > /mountinfo-before
exec 9</
echo "$(stat -c %d /) $(ls -A /proc/self/fd/9 | wc -l)" > /newroot/initramfs-before

# After a switch_root that failed: was anything moved or emptied?
after_failure() {
    sleep 0.3   # time for a stray background deletion to show
    test -r /proc/self/status && echo "proc: still mounted" || echo "proc: GONE"
    if cmp -s /mountinfo-before /proc/self/mountinfo; then echo "mounts: unchanged"; else echo "mounts: CHANGED"; diff /mountinfo-before /proc/self/mountinfo; fi
    if [ "$(api)" = "$(cat /newroot/api-before)" ]; then echo "api: unchanged"; else echo "api: CHANGED"; api; fi
    echo "initramfs: $(ls /junk/a | wc -l) junk, run $(ls /run), newroot $(ls /newroot/etc)"
    echo "cwd: $(readlink /proc/self/cwd)"
}

. /step
INIT
chmod 0755 "$initramfs/init"

cat > "$initramfs/realroot-init" <<'REPORT'
#!/bin/sh
# The real root's /sbin/init: report what the switch handed over.
echo "pid: $$"
echo "argv: $0 $*"
echo "cmdline: $(tr '\0' ' ' < /proc/1/cmdline)"
if cmp -s /proc/1/environ /environ-before; then echo "environment: as given"; else echo "environment: CHANGED"; fi
tr '\0' '\n' < /proc/1/environ | sort | sed 's/^/env: /'
echo "root-fs: $(stat -f -c %T /)"
echo "marker: $(cat /etc/marker)"
while read -r path id dev; do
    now="$(awk -v m="$path" '$5 == m { print $1 }' /proc/self/mountinfo) $(stat -c %d "$path")"
    if [ -n "$id" ] && [ "$id $dev" = "$now" ]; then echo "$path: the same mount"; else echo "$path: was '$id $dev', now '$now'"; fi
done < /api-before
echo "run: $(ls /run)"
echo "mounts: $(awk '{ print $5 }' /proc/self/mountinfo | sort | tr '\n' ' ')"
read -r dev entries < /initramfs-before
if [ "$(stat -L -c %d /proc/self/fd/9)" = "$dev" ] && [ "$entries" -gt 10 ]; then echo "fd 9: the initramfs"; else echo "fd 9: NOT the initramfs ($dev $entries)"; fi
# The old root is emptied by a child of switch_root, in the background: wait for it (5 s at most).
tries=0
while [ "$(ls -A /proc/self/fd/9 | wc -l)" != 0 ] && [ $tries -lt 100 ]; do sleep 0.05; tries=$((tries + 1)); done
echo "old-root-entries: $(ls -A /proc/self/fd/9 | wc -l)"
echo "cwd: $(readlink /proc/self/cwd)"
echo "root: $(readlink /proc/1/root)"
REPORT

cd "$initramfs"
mount --move . /
chroot=$(command -v chroot)
exec env -i HOME=/ TERM=linux "$chroot" . /init
