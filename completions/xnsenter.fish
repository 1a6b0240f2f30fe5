# fish completion for xnsenter, made from its option table (xns-docgen).
# Options stop at -- or at the first word that is not an option.
function __xns_xnsenter_options_done
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case --
                return 0
            case --target -t --net-socket -N --setuid -S --setgid -G --wdns -W --generate-completion-script
                set skip 1
            case '-*'
            case '*'
                return 0
        end
    end
    return 1
end
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s t -l target -x -d 'The process whose namespaces (and root, working directory, environment) are taken.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s a -l all -d 'Enter every namespace of the target that xnsenter does not share with it already; a namespace given a FILE comes from the FILE.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s m -l mount -F -d 'Enter the target\'s mount namespace, or the one FILE names.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s u -l uts -F -d 'Enter the target\'s UTS namespace (host and domain name), or the one FILE names.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s i -l ipc -F -d 'Enter the target\'s IPC namespace, or the one FILE names.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s n -l net -F -d 'Enter the target\'s network namespace, or the one FILE names.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s N -l net-socket -x -d 'Enter the network namespace of the target\'s socket FD (pidfd_getfd and SIOCGSKNS, Linux 5.6 and later); instead of --net.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s p -l pid -F -d 'Enter the target\'s pid namespace, or the one FILE names; COMMAND runs as a forked child, a member of it (see --no-fork).'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s U -l user -F -d 'Enter the target\'s user namespace, or the one FILE names; COMMAND then runs as uid 0 and gid 0 (see --setuid, --setgid, --preserve-credentials).'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s C -l cgroup -F -d 'Enter the target\'s cgroup namespace, or the one FILE names.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s T -l time -F -d 'Enter the target\'s time namespace, or the one FILE names.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -l user-parent -d 'Enter the parent of the user namespace asked for (--user), or the user namespace that owns the first other namespace asked for (util-linux 2.41).'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s c -l join-cgroup -d 'Move into the target\'s cgroup (cgroup v2) before entering its namespaces (util-linux 2.40).'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s S -l setuid -x -d 'Run COMMAND with user id UID (as mapped in the entered user namespace; default 0 after entering one).'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s G -l setgid -x -d 'Run COMMAND with group id GID and no supplementary groups (default 0 after entering a user namespace).'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -l preserve-credentials -d 'Keep the caller\'s uid, gid and supplementary groups after entering a user namespace.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -l keep-caps -d 'With a user namespace: raise the capabilities it grants into the ambient set, so COMMAND keeps them even when it is not uid 0.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s r -l root -a '(__fish_complete_directories)' -d 'Change root to the target\'s root directory, or to DIR (a path as seen before entering).'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s w -l wd -a '(__fish_complete_directories)' -d 'Change to the target\'s working directory, or to DIR (a path as seen before entering).'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s W -l wdns -x -a '(__fish_complete_directories)' -d 'Change to DIR, a path inside the entered namespaces and root.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s e -l env -d 'Run COMMAND with the target\'s environment (/proc/PID/environ) instead of xnsenter\'s.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s Z -l follow-context -d 'Run COMMAND in the target\'s SELinux security context; nothing without SELinux.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s F -l no-fork -d 'Do not fork after entering a pid namespace: COMMAND stays outside it, its children are members.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -l trace -d 'Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -l dry-run -d 'Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -l generate-completion-script -x -a 'bash zsh fish' -d 'Print the completion script for SHELL (bash, zsh or fish) and exit.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s V -l version -d 'Show the version.'
complete -c xnsenter -n 'not __xns_xnsenter_options_done' -s h -l help -d 'Show help information.'
complete -c xnsenter -n '__xns_xnsenter_options_done' -x -a '(__fish_complete_subcommand)'
