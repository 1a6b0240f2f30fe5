function __xmountapi_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __xmountapi_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __xmountapi_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __xmountapi_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __xmountapi_parse_tokens -S
    set -l unparsed_tokens (__xmountapi_tokens -pc)
    switch $unparsed_tokens[1]
    case 'xmountapi'
        __xmountapi_parse_subcommand -r 1 'root=' 'api' 'proc=+' 'sys=+' 'dev=+' 'devpts' 'shm' 'mqueue=+' 'run' 'tmp' 'cgroup=+' 'bind=+' 'ro-bind=+' 'dev-bind=+' 'bind-try=+' 'ro-bind-try=+' 'tmpfs=+' 'overlay=+' 'ro-overlay=+' 'dir=+' 'symlink=+' 'remount-ro=+' 'read-only=+' 'inaccessible=+' 'read-write=+' 'host=+' 'propagation=' 'force' 'trace' 'dry-run' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __xmountapi_parse_subcommand -r 1 'version'
        end
    end
end

function __xmountapi_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __xmountapi_parse_subcommand -S -a positional_count
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

function __xmountapi_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __xmountapi_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__xmountapi_tokens -p)
    if test -z "$(__xmountapi_tokens -t)"
        set -l index (count (__xmountapi_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'xmountapi' -f
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" root' -l 'root' -d 'Every destination is inside DIR (default /).' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" api' -l 'api' -d 'Mount /proc, /sys, /dev, /dev/pts, /dev/shm, /dev/mqueue, /run and /tmp as systemd-nspawn does.'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'proc' -d '--proc[=DEST]: proc on DEST (default /proc), nosuid,nodev,noexec, /proc/sys read-only and the revealing files hidden.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'sys' -d '--sys[=DEST]: sysfs on DEST (default /sys), read-only, nosuid,nodev,noexec.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'dev' -d '--dev[=DEST]: a tmpfs on DEST (default /dev) with null, zero, full, random, urandom, tty and the usual symlinks.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" devpts' -l 'devpts' -d 'devpts (newinstance,ptmxmode=0666,mode=0620) on /dev/pts.'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" shm' -l 'shm' -d 'A tmpfs (mode 1777) on /dev/shm.'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'mqueue' -d '--mqueue[=DEST]: the POSIX message queue file system on DEST (default /dev/mqueue).' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" run' -l 'run' -d 'A tmpfs (mode 0755) on /run.'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" tmp' -l 'tmp' -d 'A tmpfs (mode 1777) on /tmp.'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'cgroup' -d '--cgroup[=rw]: cgroup2 on /sys/fs/cgroup, read-only unless rw.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'bind' -d 'Bind SRC (a host path) on DEST recursively, nosuid,nodev; SRC:DEST:idmap=/proc/PID/ns/user idmaps it.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'ro-bind' -d 'Bind SRC on DEST recursively, read-only (every submount too), nosuid,nodev.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'dev-bind' -d 'Bind SRC on DEST recursively, with device access.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'bind-try' -d 'Like --bind, but skip a SRC that does not exist.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'ro-bind-try' -d 'Like --ro-bind, but skip a SRC that does not exist.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'tmpfs' -d 'A tmpfs on DEST with mount(8) OPTIONS (default mode=0755,nosuid,nodev).' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'overlay' -d 'An overlay on DEST of the host directories LOWER…, with UPPER and its WORK directory.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'ro-overlay' -d 'A read-only overlay on DEST of the host directories LOWER… (at least two).' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'dir' -d 'Make the directory DEST (and its parents).' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'symlink' -d 'Make DEST a symlink to TARGET.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'remount-ro' -d 'Make the mount at DEST read-only (not the mounts below it).' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'read-only' -d 'Make PATH and every mount below it read-only.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'inaccessible' -d 'Hide PATH (a directory or a file) under an empty node of mode 0000.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'read-write' -d 'Make PATH and every mount below it writable again (a hole in a read-only tree).' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi"' -l 'host' -d 'Bind host files read-only: resolv.conf, hosts, passwd, group, localtime, etc (all five), or absolute paths.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" propagation' -l 'propagation' -d 'Propagation of what is mounted: private (default), slave, shared or unchanged.' -rfka ''
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" force' -l 'force' -d 'Run even in the host\'s initial mount namespace (or where that cannot be told, without /proc).'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" trace' -l 'trace' -d 'Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" dry-run' -l 'dry-run' -d 'Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" version' -l 'version' -d 'Show the version.'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_positional "xmountapi" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'xmountapi' -n '__xmountapi_should_offer_completions_for_flags_or_options "xmountapi help" version' -l 'version' -d 'Show the version.'
