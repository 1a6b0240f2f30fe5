function __xveth_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __xveth_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __xveth_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __xveth_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __xveth_parse_tokens -S
    set -l unparsed_tokens (__xveth_tokens -pc)
    switch $unparsed_tokens[1]
    case 'xveth'
        __xveth_parse_subcommand -r 1 'netns=' 'pid=' 'netns-fd=' 'host-netns-fd=' 'host=' 'peer=' 'host-addr=+' 'peer-addr=+' 'peer-gateway=+' 'mtu=' 'mac=' 'loopback-only' 'delete=' 'trace' 'dry-run' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __xveth_parse_subcommand -r 1 'version'
        end
    end
end

function __xveth_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __xveth_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __xveth_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __xveth_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__xveth_tokens -p)
    if test -z "$(__xveth_tokens -t)"
        set -l index (count (__xveth_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'xveth' -f
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" netns' -l 'netns' -d 'Put the peer end into the network namespace persisted at FILE (e.g. /run/netns/NAME).' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" pid' -l 'pid' -d 'Put the peer end into the network namespace of process PID.' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" netns-fd' -l 'netns-fd' -d 'Put the peer end into the network namespace open on fd N (consumed).' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" host-netns-fd' -l 'host-netns-fd' -d 'Run inside the target namespace and put the host end into the network namespace open on fd N (consumed), e.g. 3</proc/self/ns/net opened before the chain started.' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" host' -l 'host' -d 'Name the host end (default: the kernel picks vethN).' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" peer' -l 'peer' -d 'Name the peer end (default: eth0).' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth"' -l 'host-addr' -d 'Add CIDR (IPv4 or IPv6, such as 10.77.0.1/24) to the host end.' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth"' -l 'peer-addr' -d 'Add CIDR (IPv4 or IPv6, such as 10.77.0.2/24) to the peer end.' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth"' -l 'peer-gateway' -d 'Add a default route via IP inside the target namespace; once per address family.' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" mtu' -l 'mtu' -d 'Set the MTU of both ends (68 to 65535; at least 1280 with IPv6).' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" mac' -l 'mac' -d 'Set the MAC address of the peer end (unicast, such as 02:00:00:00:00:01).' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" loopback-only' -l 'loopback-only' -d 'Only bring the loopback up in the current network namespace (works rootless, in a user namespace).'
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" delete' -l 'delete' -d 'Delete the veth pair one of whose ends is NAME (in the current namespace, or the one --netns, --pid or --netns-fd names), then run COMMAND.' -rfka ''
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" trace' -l 'trace' -d 'Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.'
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" dry-run' -l 'dry-run' -d 'Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.'
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" version' -l 'version' -d 'Show the version.'
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'xveth' -n '__xveth_should_offer_completions_for_positional "xveth" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'xveth' -n '__xveth_should_offer_completions_for_flags_or_options "xveth help" version' -l 'version' -d 'Show the version.'
