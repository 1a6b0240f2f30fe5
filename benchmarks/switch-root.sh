#!/bin/sh
# One timed switch_root out of a simulated initramfs holding FILES small files.
# Run as root under `unshare --mount --propagation private`:
#   switch-root.sh XCHROOT MAKEROOT WORK FILES xchroot|switch_root
# Prints the nanoseconds from the switch command's start to the new init's start.
set -eu
xchroot=$1 makeroot=$2 work=$3 files=$4 tool=$5
initramfs=$work/initramfs-$$
mkdir -p "$initramfs"
mount -t tmpfs -o mode=0755 initramfs "$initramfs"
"$makeroot" "$initramfs" >/dev/null
copy_with_libraries() { "$(dirname "$makeroot")/copy-with-libraries" "$@"; }
copy_with_libraries "$initramfs" "$xchroot" xchroot
copy_with_libraries "$initramfs" "$(command -v switch_root)" switch_root
# FILES small files in directories of 1000, as an unpacked initramfs has.
mkdir -p "$initramfs/payload"
(cd "$initramfs/payload" && i=0 && while [ $i -lt "$files" ]; do
    d=d$((i / 1000)); [ -d $d ] || mkdir $d; echo x > $d/f$i; i=$((i + 1)); done)

mkdir -p "$initramfs/newroot"
mount -t tmpfs -o mode=0755 realroot "$initramfs/newroot"
"$makeroot" "$initramfs/newroot" >/dev/null
# busybox date has no nanoseconds: the new root gets coreutils date.
copy_with_libraries "$initramfs/newroot" "$(command -v date)" nsdate
printf '#!/bin/sh\necho $(( $(/bin/nsdate +%%s%%N) - START ))\n' > "$initramfs/newroot/sbin/timed-init"
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
