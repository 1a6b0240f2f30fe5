#!/bin/sh
# One timed switch_root out of a simulated initramfs holding FILES small files.
# Run as root under `unshare --mount --propagation private`:
#   switch-root.sh XCHROOT MAKEROOT WORK FILES xchroot|switch_root
# Prints the nanoseconds from the switch command's start until the old root's
# files are deleted (the deleting child has ended) in the new init.
set -eu
xchroot=$1 makeroot=$2 work=$3 files=$4 tool=$5
initramfs=$work/initramfs-$$
mkdir -p "$initramfs"
mount -t tmpfs -o mode=0755 initramfs "$initramfs"
"$makeroot" "$initramfs" >/dev/null
copy_with_libraries() { "$(dirname "$makeroot")/copy-with-libraries" "$@"; }
copy_with_libraries "$initramfs" "$xchroot" xchroot
copy_with_libraries "$initramfs" "$(command -v switch_root)" switch_root
# FILES small files in directories of 1000, as an unpacked initramfs has
# (python3: a loop in sh takes 12 s for 100 000 files, python 1 s).
python3 - "$initramfs/payload" "$files" <<'PY'
import os, sys
top, files = sys.argv[1], int(sys.argv[2])
for i in range(files):
    d = os.path.join(top, f"d{i // 1000}")
    if i % 1000 == 0:
        os.makedirs(d)
    with open(os.path.join(d, f"f{i}"), "w") as f:
        f.write("x\n")
PY

mkdir -p "$initramfs/newroot"
mount -t tmpfs -o mode=0755 realroot "$initramfs/newroot"
"$makeroot" "$initramfs/newroot" >/dev/null
# busybox date has no nanoseconds: the new root gets coreutils date.
copy_with_libraries "$initramfs/newroot" "$(command -v date)" nsdate
# Both tools delete the old root in a child they fork just before exec'ing
# the init (util-linux does, and so does xchroot), so the new init starts
# long before the memory is free. The init inherits that child: the time ends
# when the child has ended (a zombie, as nobody reaps it here). Only shell
# builtins run in the loop: a fork would add a child of its own.
cat > "$initramfs/newroot/sbin/timed-init" <<'INIT'
#!/bin/sh
read -r children < /proc/$$/task/$$/children || true
for pid in $children; do
    while [ -e /proc/$pid/stat ]; do
        read -r stat < /proc/$pid/stat || break
        set -- $stat
        [ "$3" = Z ] && break
    done
done
echo $(( $(/bin/nsdate +%s%N) - START ))
INIT
chmod 0755 "$initramfs/newroot/sbin/timed-init"
mount -t proc proc "$initramfs/proc"

cd "$initramfs"
mount --move . /
if [ "$tool" = xchroot ]; then
    set -- /bin/xchroot --switch-root /newroot /sbin/timed-init
else
    set -- /bin/switch_root /newroot /sbin/timed-init
fi
export START
START=$(date +%s%N)
exec chroot . "$@"
