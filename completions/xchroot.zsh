#compdef xchroot

__xchroot_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__xchroot_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __xchroot_complete "${completions[@]:0:-1}"
    fi
}

__xchroot_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_xchroot() {
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
        '--pivot-root[Change root with pivot_root(2) in a private mount namespace and detach the old root.]'
        '--switch-root[Switch from an initramfs to NEWROOT (util-linux switch_root semantics, checked before anything is touched).]'
        '--force[With --pivot-root\: run even in the host'\''s initial mount namespace. With --switch-root\: skip the check that the current root is a ramfs or tmpfs.]'
        '--userspec[Run COMMAND as USER and GROUP, names or ids; names are looked up in the new root.]:USER\:GROUP:'
        '--groups[Set the supplementary groups to G1,G2,... (names or ids, looked up in the new root).]:G1,G2,...:'
        '--skip-chdir[Do not change the working directory to / (only with NEWROOT '\''/'\'', as coreutils chroot).]'
        '--wd[Change to DIR (inside the new root) before running COMMAND.]:DIR:'
        '--console[Reopen stdin, stdout and stderr on DEV (inside the new root) before running COMMAND, like busybox switch_root -c.]:DEV:'
        '--no-new-privs[Set no_new_privs, so COMMAND and its children can never gain privileges through exec (setuid bits, file capabilities).]'
        '--drop-caps[Drop every capability from every set (bounding, ambient, effective, permitted, inheritable).]'
        '--keep-caps[Drop every capability but LIST (comma-separated names such as net_bind_service,sys_admin); keep those also in the ambient set.]:LIST:'
        '--trace[Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.]'
        '--dry-run[Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.]'
        ':NEWROOT:'
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
            "_xchroot_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_xchroot_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _xchroot ]]; then
    _xchroot "${@}"
else
    compdef _xchroot xchroot
fi
