function __xchroot_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __xchroot_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __xchroot_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __xchroot_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __xchroot_parse_tokens -S
    set -l unparsed_tokens (__xchroot_tokens -pc)
    switch $unparsed_tokens[1]
    case 'xchroot'
        __xchroot_parse_subcommand -r 2 'pivot-root' 'switch-root' 'force' 'userspec=' 'groups=' 'skip-chdir' 'wd=' 'console=' 'no-new-privs' 'drop-caps' 'keep-caps=' 'trace' 'dry-run' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __xchroot_parse_subcommand -r 1 'version'
        end
    end
end

function __xchroot_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __xchroot_parse_subcommand -S -a positional_count
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

function __xchroot_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __xchroot_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__xchroot_tokens -p)
    if test -z "$(__xchroot_tokens -t)"
        set -l index (count (__xchroot_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'xchroot' -f
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" pivot-root' -l 'pivot-root' -d 'Change root with pivot_root(2) in a private mount namespace and detach the old root.'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" switch-root' -l 'switch-root' -d 'Switch from an initramfs to NEWROOT (util-linux switch_root semantics, checked before anything is touched).'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" force' -l 'force' -d 'With --pivot-root: run even in the host\'s initial mount namespace. With --switch-root: skip the check that the current root is a ramfs or tmpfs.'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" userspec' -l 'userspec' -d 'Run COMMAND as USER and GROUP, names or ids; names are looked up in the new root.' -rfka ''
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" groups' -l 'groups' -d 'Set the supplementary groups to G1,G2,... (names or ids, looked up in the new root).' -rfka ''
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" skip-chdir' -l 'skip-chdir' -d 'Do not change the working directory to / (only with NEWROOT \'/\', as coreutils chroot).'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" wd' -l 'wd' -d 'Change to DIR (inside the new root) before running COMMAND.' -rfka ''
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" console' -l 'console' -d 'Reopen stdin, stdout and stderr on DEV (inside the new root) before running COMMAND, like busybox switch_root -c.' -rfka ''
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" no-new-privs' -l 'no-new-privs' -d 'Set no_new_privs, so COMMAND and its children can never gain privileges through exec (setuid bits, file capabilities).'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" drop-caps' -l 'drop-caps' -d 'Drop every capability from every set (bounding, ambient, effective, permitted, inheritable).'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" keep-caps' -l 'keep-caps' -d 'Drop every capability but LIST (comma-separated names such as net_bind_service,sys_admin); keep those also in the ambient set.' -rfka ''
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" trace' -l 'trace' -d 'Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" dry-run' -l 'dry-run' -d 'Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" version' -l 'version' -d 'Show the version.'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_positional "xchroot" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'xchroot' -n '__xchroot_should_offer_completions_for_flags_or_options "xchroot help" version' -l 'version' -d 'Show the version.'
