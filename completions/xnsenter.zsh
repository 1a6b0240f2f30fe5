#compdef xnsenter

__xnsenter_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__xnsenter_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __xnsenter_complete "${completions[@]:0:-1}"
    fi
}

__xnsenter_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_xnsenter() {
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
        '(-t --target)'{-t,--target}'[The process whose namespaces (and root, working directory, environment) are taken.]:PID:'
        '(-a --all)'{-a,--all}'[Enter every namespace of the target that xnsenter does not share with it already; a namespace given a FILE comes from the FILE.]'
        '(-m --mount)'{-m,--mount}'[Enter the target'\''s mount namespace, or the one FILE names.]'
        '(-u --uts)'{-u,--uts}'[Enter the target'\''s UTS namespace (host and domain name), or the one FILE names.]'
        '(-i --ipc)'{-i,--ipc}'[Enter the target'\''s IPC namespace, or the one FILE names.]'
        '(-n --net)'{-n,--net}'[Enter the target'\''s network namespace, or the one FILE names.]'
        '(-N --net-socket)'{-N,--net-socket}'[Enter the network namespace of the target'\''s socket FD (pidfd_getfd and SIOCGSKNS, Linux 5.6 and later); instead of --net.]:FD:'
        '(-p --pid)'{-p,--pid}'[Enter the target'\''s pid namespace, or the one FILE names; COMMAND runs as a forked child, a member of it (see --no-fork).]'
        '(-U --user)'{-U,--user}'[Enter the target'\''s user namespace, or the one FILE names; COMMAND then runs as uid 0 and gid 0 (see --setuid, --setgid, --preserve-credentials).]'
        '(-C --cgroup)'{-C,--cgroup}'[Enter the target'\''s cgroup namespace, or the one FILE names.]'
        '(-T --time)'{-T,--time}'[Enter the target'\''s time namespace, or the one FILE names.]'
        '(-S --setuid)'{-S,--setuid}'[Run COMMAND with user id UID (as mapped in the entered user namespace; default 0 after entering one).]:UID:'
        '(-G --setgid)'{-G,--setgid}'[Run COMMAND with group id GID and no supplementary groups (default 0 after entering a user namespace).]:GID:'
        '--preserve-credentials[Keep the caller'\''s uid, gid and supplementary groups after entering a user namespace.]'
        '--keep-caps[With a user namespace\: raise the capabilities it grants into the ambient set, so COMMAND keeps them even when it is not uid 0.]'
        '(-r --root)'{-r,--root}'[Change root to the target'\''s root directory, or to DIR (a path as seen before entering).]'
        '(-w --wd)'{-w,--wd}'[Change to the target'\''s working directory, or to DIR (a path as seen before entering).]'
        '(-W --wdns)'{-W,--wdns}'[Change to DIR, a path inside the entered namespaces and root.]:DIR:'
        '(-e --env)'{-e,--env}'[Run COMMAND with the target'\''s environment (/proc/PID/environ) instead of xnsenter'\''s.]'
        '(-Z --follow-context)'{-Z,--follow-context}'[Run COMMAND in the target'\''s SELinux security context; nothing without SELinux.]'
        '(-F --no-fork)'{-F,--no-fork}'[Do not fork after entering a pid namespace\: COMMAND stays outside it, its children are members.]'
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
            "_xnsenter_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_xnsenter_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _xnsenter ]]; then
    _xnsenter "${@}"
else
    compdef _xnsenter xnsenter
fi
