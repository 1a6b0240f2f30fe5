#compdef xveth

__xveth_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__xveth_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __xveth_complete "${completions[@]:0:-1}"
    fi
}

__xveth_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_xveth() {
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
        '--netns[Put the peer end into the network namespace persisted at FILE (e.g. /run/netns/NAME).]:FILE:'
        '--pid[Put the peer end into the network namespace of process PID.]:PID:'
        '--netns-fd[Put the peer end into the network namespace open on fd N (consumed).]:N:'
        '--host-netns-fd[Run inside the target namespace and put the host end into the network namespace open on fd N (consumed), e.g. 3</proc/self/ns/net opened before the chain started.]:N:'
        '--host[Name the host end (default\: the kernel picks vethN).]:NAME:'
        '--peer[Name the peer end (default\: eth0).]:NAME:'
        '*--host-addr[Add CIDR (IPv4 or IPv6, such as 10.77.0.1/24) to the host end.]:CIDR:'
        '*--peer-addr[Add CIDR (IPv4 or IPv6, such as 10.77.0.2/24) to the peer end.]:CIDR:'
        '*--peer-gateway[Add a default route via IP inside the target namespace; once per address family.]:IP:'
        '--mtu[Set the MTU of both ends (68 to 65535; at least 1280 with IPv6).]:MTU:'
        '--mac[Set the MAC address of the peer end (unicast, such as 02\:00\:00\:00\:00\:01).]:MAC:'
        '--loopback-only[Only bring the loopback up in the current network namespace (works rootless, in a user namespace).]'
        '--delete[Delete the veth pair one of whose ends is NAME (in the current namespace, or the one --netns, --pid or --netns-fd names), then run COMMAND.]:NAME:'
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
            "_xveth_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_xveth_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _xveth ]]; then
    _xveth "${@}"
else
    compdef _xveth xveth
fi
