# fish completion for xveth, made from its option table (xns-docgen).
# Options stop at -- or at the first word that is not an option.
function __xns_xveth_options_done
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case --
                return 0
            case --netns --pid --netns-fd --host-netns-fd --host --peer --host-addr --peer-addr --peer-gateway --mtu --mac --delete --generate-completion-script
                set skip 1
            case '-*'
            case '*'
                return 0
        end
    end
    return 1
end
complete -c xveth -n 'not __xns_xveth_options_done' -l netns -r -F -d 'Put the peer end into the network namespace persisted at FILE (e.g. /run/netns/NAME).'
complete -c xveth -n 'not __xns_xveth_options_done' -l pid -x -d 'Put the peer end into the network namespace of process PID.'
complete -c xveth -n 'not __xns_xveth_options_done' -l netns-fd -x -d 'Put the peer end into the network namespace open on fd N (consumed).'
complete -c xveth -n 'not __xns_xveth_options_done' -l host-netns-fd -x -d 'Run inside the target namespace and put the host end into the network namespace open on fd N (consumed), e.g. 3</proc/self/ns/net opened before the chain started.'
complete -c xveth -n 'not __xns_xveth_options_done' -l host -x -d 'Name the host end (default: the kernel picks vethN).'
complete -c xveth -n 'not __xns_xveth_options_done' -l peer -x -d 'Name the peer end (default: eth0).'
complete -c xveth -n 'not __xns_xveth_options_done' -l host-addr -x -d 'Add CIDR (IPv4 or IPv6, such as 10.77.0.1/24) to the host end.'
complete -c xveth -n 'not __xns_xveth_options_done' -l peer-addr -x -d 'Add CIDR (IPv4 or IPv6, such as 10.77.0.2/24) to the peer end.'
complete -c xveth -n 'not __xns_xveth_options_done' -l peer-gateway -x -d 'Add a default route via IP inside the target namespace; once per address family.'
complete -c xveth -n 'not __xns_xveth_options_done' -l mtu -x -d 'Set the MTU of both ends (68 to 65535; at least 1280 with IPv6).'
complete -c xveth -n 'not __xns_xveth_options_done' -l mac -x -d 'Set the MAC address of the peer end (unicast, such as 02:00:00:00:00:01).'
complete -c xveth -n 'not __xns_xveth_options_done' -l loopback-only -d 'Only bring the loopback up in the current network namespace (works rootless, in a user namespace).'
complete -c xveth -n 'not __xns_xveth_options_done' -l delete -x -d 'Delete the veth pair one of whose ends is NAME (in the current namespace, or the one --netns, --pid or --netns-fd names), then run COMMAND.'
complete -c xveth -n 'not __xns_xveth_options_done' -l trace -d 'Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.'
complete -c xveth -n 'not __xns_xveth_options_done' -l dry-run -d 'Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.'
complete -c xveth -n 'not __xns_xveth_options_done' -l generate-completion-script -x -a 'bash zsh fish' -d 'Print the completion script for SHELL (bash, zsh or fish) and exit.'
complete -c xveth -n 'not __xns_xveth_options_done' -s V -l version -d 'Show the version.'
complete -c xveth -n 'not __xns_xveth_options_done' -s h -l help -d 'Show help information.'
complete -c xveth -n '__xns_xveth_options_done' -x -a '(__fish_complete_subcommand)'
