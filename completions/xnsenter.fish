function __xnsenter_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __xnsenter_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __xnsenter_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __xnsenter_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __xnsenter_parse_tokens -S
    set -l unparsed_tokens (__xnsenter_tokens -pc)
    switch $unparsed_tokens[1]
    case 'xnsenter'
        __xnsenter_parse_subcommand -r 1 't/target=' 'a/all' 'm/mount' 'u/uts' 'i/ipc' 'n/net' 'N/net-socket=' 'p/pid' 'U/user' 'C/cgroup' 'T/time' 'S/setuid=' 'G/setgid=' 'preserve-credentials' 'keep-caps' 'r/root' 'w/wd' 'W/wdns=' 'e/env' 'Z/follow-context' 'F/no-fork' 'trace' 'dry-run' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __xnsenter_parse_subcommand -r 1 'version'
        end
    end
end

function __xnsenter_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __xnsenter_parse_subcommand -S -a positional_count
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

function __xnsenter_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __xnsenter_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__xnsenter_tokens -p)
    if test -z "$(__xnsenter_tokens -t)"
        set -l index (count (__xnsenter_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'xnsenter' -f
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" t target' -s 't' -l 'target' -d 'The process whose namespaces (and root, working directory, environment) are taken.' -rfka ''
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" a all' -s 'a' -l 'all' -d 'Enter every namespace of the target that xnsenter does not share with it already; a namespace given a FILE comes from the FILE.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" m mount' -s 'm' -l 'mount' -d 'Enter the target\'s mount namespace, or the one FILE names.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" u uts' -s 'u' -l 'uts' -d 'Enter the target\'s UTS namespace (host and domain name), or the one FILE names.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" i ipc' -s 'i' -l 'ipc' -d 'Enter the target\'s IPC namespace, or the one FILE names.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" n net' -s 'n' -l 'net' -d 'Enter the target\'s network namespace, or the one FILE names.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" N net-socket' -s 'N' -l 'net-socket' -d 'Enter the network namespace of the target\'s socket FD (pidfd_getfd and SIOCGSKNS, Linux 5.6 and later); instead of --net.' -rfka ''
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" p pid' -s 'p' -l 'pid' -d 'Enter the target\'s pid namespace, or the one FILE names; COMMAND runs as a forked child, a member of it (see --no-fork).'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" U user' -s 'U' -l 'user' -d 'Enter the target\'s user namespace, or the one FILE names; COMMAND then runs as uid 0 and gid 0 (see --setuid, --setgid, --preserve-credentials).'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" C cgroup' -s 'C' -l 'cgroup' -d 'Enter the target\'s cgroup namespace, or the one FILE names.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" T time' -s 'T' -l 'time' -d 'Enter the target\'s time namespace, or the one FILE names.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" S setuid' -s 'S' -l 'setuid' -d 'Run COMMAND with user id UID (as mapped in the entered user namespace; default 0 after entering one).' -rfka ''
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" G setgid' -s 'G' -l 'setgid' -d 'Run COMMAND with group id GID and no supplementary groups (default 0 after entering a user namespace).' -rfka ''
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" preserve-credentials' -l 'preserve-credentials' -d 'Keep the caller\'s uid, gid and supplementary groups after entering a user namespace.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" keep-caps' -l 'keep-caps' -d 'With a user namespace: raise the capabilities it grants into the ambient set, so COMMAND keeps them even when it is not uid 0.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" r root' -s 'r' -l 'root' -d 'Change root to the target\'s root directory, or to DIR (a path as seen before entering).'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" w wd' -s 'w' -l 'wd' -d 'Change to the target\'s working directory, or to DIR (a path as seen before entering).'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" W wdns' -s 'W' -l 'wdns' -d 'Change to DIR, a path inside the entered namespaces and root.' -rfka ''
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" e env' -s 'e' -l 'env' -d 'Run COMMAND with the target\'s environment (/proc/PID/environ) instead of xnsenter\'s.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" Z follow-context' -s 'Z' -l 'follow-context' -d 'Run COMMAND in the target\'s SELinux security context; nothing without SELinux.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" F no-fork' -s 'F' -l 'no-fork' -d 'Do not fork after entering a pid namespace: COMMAND stays outside it, its children are members.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" trace' -l 'trace' -d 'Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" dry-run' -l 'dry-run' -d 'Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" version' -l 'version' -d 'Show the version.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_positional "xnsenter" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'xnsenter' -n '__xnsenter_should_offer_completions_for_flags_or_options "xnsenter help" version' -l 'version' -d 'Show the version.'
