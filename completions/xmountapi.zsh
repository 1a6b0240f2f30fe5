#compdef xmountapi
# zsh completion for xmountapi, made from its option table (xns-docgen).
_arguments -s -S -A '-*' \
    '(--root)--root=[Every destination is inside DIR (default /).]:DIR:_directories' \
    '(--api)--api[Mount /proc, /sys, /dev, /dev/pts, /dev/shm, /dev/mqueue, /run and /tmp as systemd-nspawn does.]' \
    '(--initramfs)--initramfs[For an initramfs /init (PID 1, the initial mount namespace, a ramfs or tmpfs root)\: proc on /proc, sysfs on /sys, devtmpfs on /dev, devpts on /dev/pts, tmpfs on /dev/shm and /run, without the masks of --api.]' \
    '*--proc=-[proc on DEST (default /proc), nosuid,nodev,noexec, /proc/sys read-only and the revealing files hidden.]::DEST:_files' \
    '*--sys=-[sysfs on DEST (default /sys), read-only, nosuid,nodev,noexec.]::DEST:_files' \
    '*--dev=-[A tmpfs on DEST (default /dev) with null, zero, full, random, urandom, tty and the usual symlinks.]::DEST:_files' \
    '(--devpts)--devpts[devpts (newinstance,ptmxmode=0666,mode=0620) on /dev/pts.]' \
    '(--shm)--shm[A tmpfs (mode 1777) on /dev/shm.]' \
    '*--mqueue=-[The POSIX message queue file system on DEST (default /dev/mqueue).]::DEST:_files' \
    '(--run)--run[A tmpfs (mode 0755) on /run.]' \
    '(--tmp)--tmp[A tmpfs (mode 1777) on /tmp.]' \
    '(--cgroup)--cgroup=-[cgroup2 on /sys/fs/cgroup, read-only unless rw.]::ro|rw:' \
    '*--mount=[Mount the block device SOURCE (a path, LABEL=, UUID=, PARTUUID= or PARTLABEL=) on DEST, read-only unless OPTIONS say rw, of type FSTYPE (default\: read from the device), waiting for it to appear (see --wait).]:SOURCE\:DEST\[\:FSTYPE\[\:OPTIONS\]\]:' \
    '(--wait)--wait=[How long --mount waits for its device to appear, as the kernel'\''s rootdelay= (default 10).]:SECONDS:' \
    '*--bind=[Bind SRC (a host path) on DEST recursively, nosuid,nodev; SRC\:DEST\:idmap=/proc/PID/ns/user idmaps it.]:SRC\:DEST:_files' \
    '*--ro-bind=[Bind SRC on DEST recursively, read-only (every submount too), nosuid,nodev.]:SRC\:DEST:_files' \
    '*--dev-bind=[Bind SRC on DEST recursively, with device access.]:SRC\:DEST:_files' \
    '*--bind-try=[Like --bind, but skip a SRC that does not exist.]:SRC\:DEST:_files' \
    '*--ro-bind-try=[Like --ro-bind, but skip a SRC that does not exist.]:SRC\:DEST:_files' \
    '*--tmpfs=[A tmpfs on DEST with mount(8) OPTIONS (default mode=0755,nosuid,nodev).]:DEST\[\:OPTIONS\]:' \
    '*--overlay=[An overlay on DEST of the host directories LOWER…, with UPPER and its WORK directory.]:LOWER\[\:LOWER...\]\:UPPER\:WORK\:DEST:' \
    '*--ro-overlay=[A read-only overlay on DEST of the host directories LOWER… (at least two).]:LOWER\[\:LOWER...\]\:DEST:' \
    '*--dir=[Make the directory DEST (and its parents).]:DEST:_files' \
    '*--symlink=[Make DEST a symlink to TARGET.]:TARGET\:DEST:' \
    '*--remount-ro=[Make the mount at DEST read-only (not the mounts below it).]:DEST:_files' \
    '*--read-only=[Make PATH and every mount below it read-only.]:PATH:_files' \
    '*--inaccessible=[Hide PATH (a directory or a file) under an empty node of mode 0000.]:PATH:_files' \
    '*--read-write=[Make PATH and every mount below it writable again (a hole in a read-only tree).]:PATH:_files' \
    '*--host=[Bind host files read-only\: resolv.conf, hosts, passwd, group, localtime, etc (all five), or absolute paths.]:LIST:' \
    '(--console)--console[Bind the terminal on stdin (the pseudo-terminal of xunshare --console) on /dev/console, as systemd-nspawn does; after --api or --dev.]' \
    '(--container)--container=[Tell a booting init it runs in a container (systemd'\''s container interface)\: container=NAME and container_uuid in COMMAND'\''s environment, NAME in /run/host/container-manager; after --api or --run.]:NAME:' \
    '(--propagation)--propagation=[Propagation of what is mounted\: private (default), slave, shared or unchanged.]:MODE:(private slave shared unchanged)' \
    '(--force)--force[Run even in the host'\''s initial mount namespace (or where that cannot be told, without /proc).]' \
    '(--trace)--trace[Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.]' \
    '(--dry-run)--dry-run[Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.]' \
    '(--generate-completion-script)--generate-completion-script=[Print the completion script for SHELL (bash, zsh or fish) and exit.]:SHELL:(bash zsh fish)' \
    '(-V --version)-V[Show the version.]' \
    '(-V --version)--version[Show the version.]' \
    '(-h --help)-h[Show help information.]' \
    '(-h --help)--help[Show help information.]' \
    '*::command:_normal'
