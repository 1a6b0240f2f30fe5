#!/bin/sh
# Simulates an initramfs, safely: run it as root under
#   unshare --mount --propagation private sh initramfs.sh XCHROOT MAKEROOT WORK 'COMMAND'
# It builds a tmpfs "initramfs" (busybox, XCHROOT and the libraries it needs,
# /proc, /run and /dev mounted, 300 junk files) with a second tmpfs, the "real
# root", mounted on /newroot; moves the initramfs onto / of this private mount
# namespace; and runs COMMAND there with /bin/sh, as an initramfs /init would.
# fd 9 stays open on the initramfs so COMMAND can look at what is left of it.
set -eu
xchroot=$1 makeroot=$2 work=$3 command=$4
initramfs=$work/initramfs

mkdir -p "$initramfs"
mount -t tmpfs -o mode=0755 initramfs "$initramfs"
"$makeroot" "$initramfs"
"$(dirname "$makeroot")/copy-with-libraries" "$initramfs" "$xchroot" xchroot
mkdir -p "$initramfs/junk/a/b/c"
i=0
while [ $i -lt 300 ]; do : > "$initramfs/junk/a/file$i"; i=$((i + 1)); done
ln -s /etc/passwd "$initramfs/junk/a/b/link"

mkdir -p "$initramfs/newroot"
mount -t tmpfs -o mode=0755 realroot "$initramfs/newroot"
"$makeroot" "$initramfs/newroot"
cat > "$initramfs/newroot/sbin/init" <<'INIT'
#!/bin/sh
# The "real" init: report what the switch left behind.
echo "init: $0 $*"
echo "root-fs: $(stat -f -c %T /)"
echo "marker: $(cat /etc/marker)"
echo "proc: $(test -r /proc/self/status && echo mounted || echo missing)"
echo "run: $(grep -c ' /run ' /proc/self/mounts)"
echo "dev: $(grep -c ' /dev ' /proc/self/mounts)"
# The old root is emptied by a child of the switch, in the background: wait for it (5 s at most).
tries=0
while [ "$(ls -A /proc/self/fd/9 | wc -l)" != 0 ] && [ $tries -lt 100 ]; do sleep 0.05; tries=$((tries + 1)); done
echo "old-root-entries: $(ls -A /proc/self/fd/9 | wc -l)"
echo "cwd: $(pwd)"
INIT
chmod 0755 "$initramfs/newroot/sbin/init"
echo "inside the real root" > "$initramfs/newroot/etc/marker"

mount -t proc proc "$initramfs/proc"
mount -t tmpfs -o mode=0755 run "$initramfs/run"
mount -t tmpfs -o mode=0755 dev "$initramfs/dev"
# /dev has no place in the real root: xchroot must detach it, not fail.
rmdir "$initramfs/newroot/dev"

exec 9<"$initramfs"
cd "$initramfs"
mount --move . /
exec chroot . /bin/sh -c "$command"
