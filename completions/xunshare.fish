function __xunshare_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __xunshare_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __xunshare_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __xunshare_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __xunshare_parse_tokens -S
    set -l unparsed_tokens (__xunshare_tokens -pc)
    switch $unparsed_tokens[1]
    case 'xunshare'
        __xunshare_parse_subcommand -r 1 'm/mount' 'u/uts' 'i/ipc' 'n/net' 'p/pid' 'U/user' 'C/cgroup' 'T/time' 'f/fork' 'kill-child' 'init' 'mount-proc' 'propagation=' 'hostname=' 'domainname=' 'monotonic=' 'boottime=' 'r/map-root-user' 'c/map-current-user' 'map-user=' 'map-group=' 'map-users=+' 'map-groups=+' 'map-auto' 'setgroups=' 'S/setuid=' 'G/setgid=' 'keep-caps' 'R/root=' 'w/wd=' 'trace' 'dry-run' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __xunshare_parse_subcommand -r 1 'version'
        end
    end
end

function __xunshare_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __xunshare_parse_subcommand -S -a positional_count
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

function __xunshare_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __xunshare_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__xunshare_tokens -p)
    if test -z "$(__xunshare_tokens -t)"
        set -l index (count (__xunshare_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'xunshare' -f
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" m mount' -s 'm' -l 'mount' -d 'Create a new mount namespace (made private, see --propagation); with =FILE keep it on FILE.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" u uts' -s 'u' -l 'uts' -d 'Create a new UTS namespace (host and domain name); with =FILE keep it on FILE.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" i ipc' -s 'i' -l 'ipc' -d 'Create a new IPC namespace; with =FILE keep it on FILE.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" n net' -s 'n' -l 'net' -d 'Create a new network namespace; with =FILE keep it on FILE.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" p pid' -s 'p' -l 'pid' -d 'Create a new pid namespace for the children (see --fork); with =FILE keep it on FILE (needs --fork).'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" U user' -s 'U' -l 'user' -d 'Create a new user namespace; with =FILE keep it on FILE.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" C cgroup' -s 'C' -l 'cgroup' -d 'Create a new cgroup namespace; with =FILE keep it on FILE.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" T time' -s 'T' -l 'time' -d 'Create a new time namespace for the children (see --monotonic, --boottime); with =FILE keep it on FILE (needs --fork).'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" f fork' -s 'f' -l 'fork' -d 'Fork: COMMAND runs as a child (the first process of a new pid namespace); the parent forwards signals to it, waits, and exits with its status.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" kill-child' -l 'kill-child' -d 'With --fork: the child gets SIG (default SIGKILL) when the parent dies (PR_SET_PDEATHSIG).'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" init' -l 'init' -d 'With --pid --fork: PID 1 is a minimal init that forwards signals to COMMAND, reaps every orphan, and exits with COMMAND\'s status.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" mount-proc' -l 'mount-proc' -d 'Mount a proc file system on DIR (default /proc) just before COMMAND runs, after making DIR\'s mount private; implies --mount.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" propagation' -l 'propagation' -d 'Mount propagation in the new mount namespace (recursive from /); ignored without --mount.' -rfka 'private shared slave unchanged'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" hostname' -l 'hostname' -d 'With --uts: set the host name.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" domainname' -l 'domainname' -d 'With --uts: set the NIS domain name.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" monotonic' -l 'monotonic' -d 'With --time: offset CLOCK_MONOTONIC by SECONDS in the new time namespace.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" boottime' -l 'boottime' -d 'With --time: offset CLOCK_BOOTTIME by SECONDS in the new time namespace.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" map-root-user r' -s 'r' -l 'map-root-user' -d 'Map your user and group to root in the new user namespace (--map-user=0 --map-group=0); implies --user and --setgroups=deny.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" c map-current-user' -s 'c' -l 'map-current-user' -d 'Map your user and group to themselves in the new user namespace; implies --user and --setgroups=deny.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" map-user' -l 'map-user' -d 'Map your user to UID (or the user NAME in /etc/passwd) in the new user namespace; implies --user.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" map-group' -l 'map-group' -d 'Map your group to GID (or the group NAME in /etc/group) in the new user namespace; implies --user and --setgroups=deny.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare"' -l 'map-users' -d 'Map COUNT uids from OUTER to INNER (util-linux 2.38\'s OUTER,INNER,COUNT too), or \'auto\': your first range in /etc/subuid from 0. Can be repeated; ranges must not overlap; implies --user.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare"' -l 'map-groups' -d 'Map COUNT gids from OUTER to INNER (or OUTER,INNER,COUNT), or \'auto\': your first range in /etc/subgid from 0. Can be repeated; implies --user.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" map-auto' -l 'map-auto' -d 'Map your first ranges in /etc/subuid and /etc/subgid from 0 (--map-users=auto --map-groups=auto); implies --user.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" setgroups' -l 'setgroups' -d 'With --user: allow or deny setgroups(2) in the new user namespace.' -rfka 'allow deny'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" S setuid' -s 'S' -l 'setuid' -d 'Run COMMAND with user id UID (as mapped in the new user namespace).' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" G setgid' -s 'G' -l 'setgid' -d 'Run COMMAND with group id GID and no supplementary groups.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" keep-caps' -l 'keep-caps' -d 'With --user: raise the capabilities the new user namespace grants into the ambient set, so COMMAND keeps them even when it is not uid 0.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" R root' -s 'R' -l 'root' -d 'Change root to DIR before running COMMAND.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" w wd' -s 'w' -l 'wd' -d 'Change the working directory to DIR before running COMMAND.' -rfka ''
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" trace' -l 'trace' -d 'Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" dry-run' -l 'dry-run' -d 'Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" version' -l 'version' -d 'Show the version.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_positional "xunshare" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'xunshare' -n '__xunshare_should_offer_completions_for_flags_or_options "xunshare help" version' -l 'version' -d 'Show the version.'
