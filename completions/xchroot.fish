# fish completion for xchroot, made from its option table (xns-docgen).
# Options stop at -- or at the first word that is not an option.
function __xns_xchroot_options_done
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case --
                return 0
            case --userspec --groups --wd --console --keep-caps --generate-completion-script
                set skip 1
            case '-*'
            case '*'
                return 0
        end
    end
    return 1
end
complete -c xchroot -n 'not __xns_xchroot_options_done' -l pivot-root -d 'Change root with pivot_root(2) in a private mount namespace and detach the old root.'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l switch-root -d 'Switch from an initramfs to NEWROOT (util-linux switch_root semantics, checked before anything is touched).'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l force -d 'With --pivot-root: run even in the host\'s initial mount namespace. With --switch-root: skip the check that the current root is a ramfs or tmpfs.'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l userspec -x -d 'Run COMMAND as USER and GROUP, names or ids; names are looked up in the new root.'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l groups -x -d 'Set the supplementary groups to G1,G2,... (names or ids, looked up in the new root).'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l skip-chdir -d 'Do not change the working directory to / (only with NEWROOT \'/\', as coreutils chroot).'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l wd -x -a '(__fish_complete_directories)' -d 'Change to DIR (inside the new root) before running COMMAND.'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l console -r -F -d 'Reopen stdin, stdout and stderr on DEV (inside the new root) before running COMMAND, like busybox switch_root -c.'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l no-new-privs -d 'Set no_new_privs, so COMMAND and its children can never gain privileges through exec (setuid bits, file capabilities).'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l drop-caps -d 'Drop every capability from every set (bounding, ambient, effective, permitted, inheritable).'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l keep-caps -x -d 'Drop every capability but LIST (comma-separated names such as net_bind_service,sys_admin; container: what systemd-nspawn leaves a container); keep those also in the ambient set.'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l trace -d 'Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l dry-run -d 'Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.'
complete -c xchroot -n 'not __xns_xchroot_options_done' -l generate-completion-script -x -a 'bash zsh fish' -d 'Print the completion script for SHELL (bash, zsh or fish) and exit.'
complete -c xchroot -n 'not __xns_xchroot_options_done' -s V -l version -d 'Show the version.'
complete -c xchroot -n 'not __xns_xchroot_options_done' -s h -l help -d 'Show help information.'
complete -c xchroot -n '__xns_xchroot_options_done' -x -a '(__fish_complete_directories)'
