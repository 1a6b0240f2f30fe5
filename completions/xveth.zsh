#compdef xveth
# zsh completion for xveth, made from its option table (xns-docgen).
_arguments -s -S -A '-*' \
    '(--netns)--netns=[Put the peer end into the network namespace persisted at FILE (e.g. /run/netns/NAME).]:FILE:_files' \
    '(--pid)--pid=[Put the peer end into the network namespace of process PID.]:PID:' \
    '(--netns-fd)--netns-fd=[Put the peer end into the network namespace open on fd N (consumed).]:N:' \
    '(--host-netns-fd)--host-netns-fd=[Run inside the target namespace and put the host end into the network namespace open on fd N (consumed), e.g. 3</proc/self/ns/net opened before the chain started.]:N:' \
    '(--host)--host=[Name the host end (default\: the kernel picks vethN).]:NAME:' \
    '(--peer)--peer=[Name the peer end (default\: eth0).]:NAME:' \
    '*--host-addr=[Add CIDR (IPv4 or IPv6, such as 10.77.0.1/24) to the host end.]:CIDR:' \
    '*--peer-addr=[Add CIDR (IPv4 or IPv6, such as 10.77.0.2/24) to the peer end.]:CIDR:' \
    '*--peer-gateway=[Add a default route via IP inside the target namespace; once per address family.]:IP:' \
    '(--mtu)--mtu=[Set the MTU of both ends (68 to 65535; at least 1280 with IPv6).]:MTU:' \
    '(--mac)--mac=[Set the MAC address of the peer end (unicast, such as 02\:00\:00\:00\:00\:01).]:MAC:' \
    '(--loopback-only)--loopback-only[Only bring the loopback up in the current network namespace (works rootless, in a user namespace).]' \
    '(--delete)--delete=[Delete the veth pair one of whose ends is NAME (in the current namespace, or the one --netns, --pid or --netns-fd names), then run COMMAND.]:NAME:' \
    '(--trace)--trace[Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.]' \
    '(--dry-run)--dry-run[Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.]' \
    '(--generate-completion-script)--generate-completion-script=[Print the completion script for SHELL (bash, zsh or fish) and exit.]:SHELL:(bash zsh fish)' \
    '(-V --version)-V[Show the version.]' \
    '(-V --version)--version[Show the version.]' \
    '(-h --help)-h[Show help information.]' \
    '(-h --help)--help[Show help information.]' \
    '*::command:_normal'
