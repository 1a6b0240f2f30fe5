# fish completion for xmountapi, made from its option table (xns-docgen).
# Options stop at -- or at the first word that is not an option.
function __xns_xmountapi_options_done
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case --
                return 0
            case --root --mount --wait --bind --ro-bind --dev-bind --bind-try --ro-bind-try --tmpfs --overlay --ro-overlay --dir --symlink --remount-ro --read-only --inaccessible --read-write --host --container --propagation --generate-completion-script
                set skip 1
            case '-*'
            case '*'
                return 0
        end
    end
    return 1
end
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l root -x -a '(__fish_complete_directories)' -d 'Every destination is inside DIR (default /).'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l api -d 'Mount /proc, /sys, /dev, /dev/pts, /dev/shm, /dev/mqueue, /run and /tmp as systemd-nspawn does.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l initramfs -d 'For an initramfs /init (PID 1, the initial mount namespace, a ramfs or tmpfs root): proc on /proc, sysfs on /sys, devtmpfs on /dev, devpts on /dev/pts, tmpfs on /dev/shm and /run, without the masks of --api.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l proc -F -d 'proc on DEST (default /proc), nosuid,nodev,noexec, /proc/sys read-only and the revealing files hidden.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l sys -F -d 'sysfs on DEST (default /sys), read-only, nosuid,nodev,noexec.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l dev -F -d 'A tmpfs on DEST (default /dev) with null, zero, full, random, urandom, tty and the usual symlinks.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l devpts -d 'devpts (newinstance,ptmxmode=0666,mode=0620) on /dev/pts.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l shm -d 'A tmpfs (mode 1777) on /dev/shm.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l mqueue -F -d 'The POSIX message queue file system on DEST (default /dev/mqueue).'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l run -d 'A tmpfs (mode 0755) on /run.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l tmp -d 'A tmpfs (mode 1777) on /tmp.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l cgroup -d 'cgroup2 on /sys/fs/cgroup, read-only unless rw.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l mount -x -d 'Mount the block device SOURCE (a path, LABEL=, UUID=, PARTUUID= or PARTLABEL=) on DEST, read-only unless OPTIONS say rw, of type FSTYPE (default: read from the device), waiting for it to appear (see --wait).'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l wait -x -d 'How long --mount waits for its device to appear, as the kernel\'s rootdelay= (default 10).'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l bind -r -F -d 'Bind SRC (a host path) on DEST recursively, nosuid,nodev; SRC:DEST:idmap=/proc/PID/ns/user idmaps it.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l ro-bind -r -F -d 'Bind SRC on DEST recursively, read-only (every submount too), nosuid,nodev.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l dev-bind -r -F -d 'Bind SRC on DEST recursively, with device access.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l bind-try -r -F -d 'Like --bind, but skip a SRC that does not exist.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l ro-bind-try -r -F -d 'Like --ro-bind, but skip a SRC that does not exist.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l tmpfs -x -d 'A tmpfs on DEST with mount(8) OPTIONS (default mode=0755,nosuid,nodev).'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l overlay -x -d 'An overlay on DEST of the host directories LOWER…, with UPPER and its WORK directory.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l ro-overlay -x -d 'A read-only overlay on DEST of the host directories LOWER… (at least two).'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l dir -r -F -d 'Make the directory DEST (and its parents).'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l symlink -x -d 'Make DEST a symlink to TARGET.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l remount-ro -r -F -d 'Make the mount at DEST read-only (not the mounts below it).'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l read-only -r -F -d 'Make PATH and every mount below it read-only.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l inaccessible -r -F -d 'Hide PATH (a directory or a file) under an empty node of mode 0000.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l read-write -r -F -d 'Make PATH and every mount below it writable again (a hole in a read-only tree).'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l host -x -d 'Bind host files read-only: resolv.conf, hosts, passwd, group, localtime, etc (all five), or absolute paths.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l console -d 'Bind the terminal on stdin (the pseudo-terminal of xunshare --console) on /dev/console, as systemd-nspawn does; after --api or --dev.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l container -x -d 'Tell a booting init it runs in a container (systemd\'s container interface): container=NAME and container_uuid in COMMAND\'s environment, NAME in /run/host/container-manager; after --api or --run.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l propagation -x -a 'private slave shared unchanged' -d 'Propagation of what is mounted: private (default), slave, shared or unchanged.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l force -d 'Run even in the host\'s initial mount namespace (or where that cannot be told, without /proc).'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l trace -d 'Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l dry-run -d 'Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -l generate-completion-script -x -a 'bash zsh fish' -d 'Print the completion script for SHELL (bash, zsh or fish) and exit.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -s V -l version -d 'Show the version.'
complete -c xmountapi -n 'not __xns_xmountapi_options_done' -s h -l help -d 'Show help information.'
complete -c xmountapi -n '__xns_xmountapi_options_done' -x -a '(__fish_complete_subcommand)'
