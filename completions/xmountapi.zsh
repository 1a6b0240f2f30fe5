#compdef xmountapi

__xmountapi_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__xmountapi_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __xmountapi_complete "${completions[@]:0:-1}"
    fi
}

__xmountapi_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_xmountapi() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--root[Every destination is inside DIR (default /).]:DIR:'
        '--api[Mount /proc, /sys, /dev, /dev/pts, /dev/shm, /dev/mqueue, /run and /tmp as systemd-nspawn does.]'
        '*--proc[--proc\[=DEST\]\: proc on DEST (default /proc), nosuid,nodev,noexec, /proc/sys read-only and the revealing files hidden.]:DEST:'
        '*--sys[--sys\[=DEST\]\: sysfs on DEST (default /sys), read-only, nosuid,nodev,noexec.]:DEST:'
        '*--dev[--dev\[=DEST\]\: a tmpfs on DEST (default /dev) with null, zero, full, random, urandom, tty and the usual symlinks.]:DEST:'
        '--devpts[devpts (newinstance,ptmxmode=0666,mode=0620) on /dev/pts.]'
        '--shm[A tmpfs (mode 1777) on /dev/shm.]'
        '*--mqueue[--mqueue\[=DEST\]\: the POSIX message queue file system on DEST (default /dev/mqueue).]:DEST:'
        '--run[A tmpfs (mode 0755) on /run.]'
        '--tmp[A tmpfs (mode 1777) on /tmp.]'
        '*--cgroup[--cgroup\[=rw\]\: cgroup2 on /sys/fs/cgroup, read-only unless rw.]:ro|rw:'
        '*--bind[Bind SRC (a host path) on DEST recursively, nosuid,nodev; SRC\:DEST\:idmap=/proc/PID/ns/user idmaps it.]:SRC\:DEST:'
        '*--ro-bind[Bind SRC on DEST recursively, read-only (every submount too), nosuid,nodev.]:SRC\:DEST:'
        '*--dev-bind[Bind SRC on DEST recursively, with device access.]:SRC\:DEST:'
        '*--bind-try[Like --bind, but skip a SRC that does not exist.]:SRC\:DEST:'
        '*--ro-bind-try[Like --ro-bind, but skip a SRC that does not exist.]:SRC\:DEST:'
        '*--tmpfs[A tmpfs on DEST with mount(8) OPTIONS (default mode=0755,nosuid,nodev).]:DEST\[\:OPTIONS\]:'
        '*--overlay[An overlay on DEST of the host directories LOWER…, with UPPER and its WORK directory.]:LOWER\[\:LOWER...\]\:UPPER\:WORK\:DEST:'
        '*--ro-overlay[A read-only overlay on DEST of the host directories LOWER… (at least two).]:LOWER\[\:LOWER...\]\:DEST:'
        '*--dir[Make the directory DEST (and its parents).]:DEST:'
        '*--symlink[Make DEST a symlink to TARGET.]:TARGET\:DEST:'
        '*--remount-ro[Make the mount at DEST read-only (not the mounts below it).]:DEST:'
        '*--read-only[Make PATH and every mount below it read-only.]:PATH:'
        '*--inaccessible[Hide PATH (a directory or a file) under an empty node of mode 0000.]:PATH:'
        '*--read-write[Make PATH and every mount below it writable again (a hole in a read-only tree).]:PATH:'
        '*--host[Bind host files read-only\: resolv.conf, hosts, passwd, group, localtime, etc (all five), or absolute paths.]:LIST:'
        '--propagation[Propagation of what is mounted\: private (default), slave, shared or unchanged.]:MODE:'
        '--force[Run even in the host'\''s initial mount namespace (or where that cannot be told, without /proc).]'
        '--trace[Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.]'
        '--dry-run[Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.]'
        '*:COMMAND:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        help)
            "_xmountapi_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_xmountapi_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _xmountapi ]]; then
    _xmountapi "${@}"
else
    compdef _xmountapi xmountapi
fi
