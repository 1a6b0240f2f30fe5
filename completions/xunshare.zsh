#compdef xunshare

__xunshare_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__xunshare_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __xunshare_complete "${completions[@]:0:-1}"
    fi
}

__xunshare_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_xunshare() {
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
    local -ar ___propagation=('private' 'shared' 'slave' 'unchanged')
    local -ar ___setgroups=('allow' 'deny')
    local -ar arg_specs=(
        '(-m --mount)'{-m,--mount}'[Create a new mount namespace (made private, see --propagation); with =FILE keep it on FILE.]'
        '(-u --uts)'{-u,--uts}'[Create a new UTS namespace (host and domain name); with =FILE keep it on FILE.]'
        '(-i --ipc)'{-i,--ipc}'[Create a new IPC namespace; with =FILE keep it on FILE.]'
        '(-n --net)'{-n,--net}'[Create a new network namespace; with =FILE keep it on FILE.]'
        '(-p --pid)'{-p,--pid}'[Create a new pid namespace for the children (see --fork); with =FILE keep it on FILE (needs --fork).]'
        '(-U --user)'{-U,--user}'[Create a new user namespace; with =FILE keep it on FILE.]'
        '(-C --cgroup)'{-C,--cgroup}'[Create a new cgroup namespace; with =FILE keep it on FILE.]'
        '(-T --time)'{-T,--time}'[Create a new time namespace for the children (see --monotonic, --boottime); with =FILE keep it on FILE (needs --fork).]'
        '(-f --fork)'{-f,--fork}'[Fork\: COMMAND runs as a child (the first process of a new pid namespace); the parent forwards signals to it, waits, and exits with its status.]'
        '--kill-child[With --fork\: the child gets SIG (default SIGKILL) when the parent dies (PR_SET_PDEATHSIG).]'
        '--init[With --pid --fork\: PID 1 is a minimal init that forwards signals to COMMAND, reaps every orphan, and exits with COMMAND'\''s status.]'
        '--mount-proc[Mount a proc file system on DIR (default /proc) just before COMMAND runs, after making DIR'\''s mount private; implies --mount.]'
        '--propagation[Mount propagation in the new mount namespace (recursive from /); ignored without --mount.]:private|shared|slave|unchanged:{__xunshare_complete "${___propagation[@]}"}'
        '--hostname[With --uts\: set the host name.]:NAME:'
        '--domainname[With --uts\: set the NIS domain name.]:NAME:'
        '--monotonic[With --time\: offset CLOCK_MONOTONIC by SECONDS in the new time namespace.]:SECONDS:'
        '--boottime[With --time\: offset CLOCK_BOOTTIME by SECONDS in the new time namespace.]:SECONDS:'
        '(-r --map-root-user)'{-r,--map-root-user}'[Map your user and group to root in the new user namespace (--map-user=0 --map-group=0); implies --user and --setgroups=deny.]'
        '(-c --map-current-user)'{-c,--map-current-user}'[Map your user and group to themselves in the new user namespace; implies --user and --setgroups=deny.]'
        '--map-user[Map your user to UID (or the user NAME in /etc/passwd) in the new user namespace; implies --user.]:UID|NAME:'
        '--map-group[Map your group to GID (or the group NAME in /etc/group) in the new user namespace; implies --user and --setgroups=deny.]:GID|NAME:'
        '*--map-users[Map COUNT uids from OUTER to INNER (util-linux 2.38'\''s OUTER,INNER,COUNT too), or '\''auto'\''\: your first range in /etc/subuid from 0. Can be repeated; ranges must not overlap; implies --user.]:INNER\:OUTER\:COUNT|auto:'
        '*--map-groups[Map COUNT gids from OUTER to INNER (or OUTER,INNER,COUNT), or '\''auto'\''\: your first range in /etc/subgid from 0. Can be repeated; implies --user.]:INNER\:OUTER\:COUNT|auto:'
        '--map-auto[Map your first ranges in /etc/subuid and /etc/subgid from 0 (--map-users=auto --map-groups=auto); implies --user.]'
        '--setgroups[With --user\: allow or deny setgroups(2) in the new user namespace.]:allow|deny:{__xunshare_complete "${___setgroups[@]}"}'
        '(-S --setuid)'{-S,--setuid}'[Run COMMAND with user id UID (as mapped in the new user namespace).]:UID:'
        '(-G --setgid)'{-G,--setgid}'[Run COMMAND with group id GID and no supplementary groups.]:GID:'
        '--keep-caps[With --user\: raise the capabilities the new user namespace grants into the ambient set, so COMMAND keeps them even when it is not uid 0.]'
        '(-R --root)'{-R,--root}'[Change root to DIR before running COMMAND.]:DIR:'
        '(-w --wd)'{-w,--wd}'[Change the working directory to DIR before running COMMAND.]:DIR:'
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
            "_xunshare_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_xunshare_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _xunshare ]]; then
    _xunshare "${@}"
else
    compdef _xunshare xunshare
fi
