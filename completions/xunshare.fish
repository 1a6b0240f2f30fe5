# fish completion for xunshare, made from its option table (xns-docgen).
# Options stop at -- or at the first word that is not an option.
function __xns_xunshare_options_done
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case --
                return 0
            case --propagation --hostname --domainname --monotonic --boottime --map-user --map-group --map-users --map-groups --setgroups --setuid -S --setgid -G --root -R --wd -w --whitelist-env --stop-signal --generate-completion-script
                set skip 1
            case '-*'
            case '*'
                return 0
        end
    end
    return 1
end
complete -c xunshare -n 'not __xns_xunshare_options_done' -s m -l mount -F -d 'Create a new mount namespace (made private, see --propagation); with =FILE keep it on FILE.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s u -l uts -F -d 'Create a new UTS namespace (host and domain name); with =FILE keep it on FILE.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s i -l ipc -F -d 'Create a new IPC namespace; with =FILE keep it on FILE.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s n -l net -F -d 'Create a new network namespace; with =FILE keep it on FILE.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s p -l pid -F -d 'Create a new pid namespace for the children (see --fork); with =FILE keep it on FILE (needs --fork).'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s U -l user -F -d 'Create a new user namespace; with =FILE keep it on FILE.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s C -l cgroup -F -d 'Create a new cgroup namespace; with =FILE keep it on FILE.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s T -l time -F -d 'Create a new time namespace for the children (see --monotonic, --boottime); with =FILE keep it on FILE (needs --fork).'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s f -l fork -d 'Fork: COMMAND runs as a child (the first process of a new pid namespace); the parent forwards signals to it, waits, and exits with its status.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l kill-child -d 'With --fork: the child gets SIG (default SIGKILL) when the parent dies (PR_SET_PDEATHSIG).'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l init -d 'With --pid --fork: PID 1 is a minimal init that forwards signals to COMMAND, reaps every orphan, and exits with COMMAND\'s status.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l mount-proc -a '(__fish_complete_directories)' -d 'Mount a proc file system on DIR (default /proc) just before COMMAND runs, after making DIR\'s mount private; implies --mount.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l propagation -x -a 'private shared slave unchanged' -d 'Mount propagation in the new mount namespace (recursive from /); ignored without --mount.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l hostname -x -d 'With --uts: set the host name.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l domainname -x -d 'With --uts: set the NIS domain name.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l monotonic -x -d 'With --time: offset CLOCK_MONOTONIC by SECONDS in the new time namespace.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l boottime -x -d 'With --time: offset CLOCK_BOOTTIME by SECONDS in the new time namespace.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s r -l map-root-user -d 'Map your user and group to root in the new user namespace (--map-user=0 --map-group=0); implies --user and --setgroups=deny.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s c -l map-current-user -d 'Map your user and group to themselves in the new user namespace; implies --user and --setgroups=deny.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l map-user -x -d 'Map your user to UID (or the user NAME in /etc/passwd) in the new user namespace; implies --user.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l map-group -x -d 'Map your group to GID (or the group NAME in /etc/group) in the new user namespace; implies --user and --setgroups=deny.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l map-users -x -d 'Map COUNT uids from OUTER to INNER (util-linux 2.38\'s OUTER,INNER,COUNT too), or \'auto\': your first range in /etc/subuid from 0. Can be repeated; ranges must not overlap; implies --user.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l map-groups -x -d 'Map COUNT gids from OUTER to INNER (or OUTER,INNER,COUNT), or \'auto\': your first range in /etc/subgid from 0. Can be repeated; implies --user.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l map-auto -d 'Map your first ranges in /etc/subuid and /etc/subgid from 0 (--map-users=auto --map-groups=auto); implies --user.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l setgroups -x -a 'allow deny' -d 'With --user: allow or deny setgroups(2) in the new user namespace.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s S -l setuid -x -d 'Run COMMAND with user id UID (as mapped in the new user namespace).'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s G -l setgid -x -d 'Run COMMAND with group id GID and no supplementary groups.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l keep-caps -d 'With --user: raise the capabilities the new user namespace grants into the ambient set, so COMMAND keeps them even when it is not uid 0.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s R -l root -x -a '(__fish_complete_directories)' -d 'Change root to DIR before running COMMAND.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s w -l wd -x -a '(__fish_complete_directories)' -d 'Change the working directory to DIR before running COMMAND.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l forward-signals -d 'Fork, and forward signals to the child (util-linux 2.42\'s option; with --fork xunshare always forwards them); implies --fork.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l clear-env -d 'Run COMMAND with an empty environment (PATH then defaults to /bin:/usr/bin for the search).'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l whitelist-env -x -d 'Run COMMAND with only the variables NAME,... of the environment.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l boot -d 'With --pid --fork: COMMAND is an OS\'s init, as systemd-nspawn --boot runs it: SIGTERM and SIGINT become SIGRTMIN+3 (systemd\'s halt; see --stop-signal), its poweroff or halt ends xunshare with status 0, its reboot with 133.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l stop-signal -x -d 'With --fork: SIGTERM and SIGINT to xunshare reach the child as SIG (--boot: SIGRTMIN+3); without --console the child gets a process group of its own, so a terminal\'s ^C reaches it only so.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l delegate-cgroup -d 'With --fork: the child runs in a cgroup v2 subtree of its own, NAME (default xns-PID) below xunshare\'s cgroup, the root of its cgroup namespace with --cgroup; what runs in it is killed and it is removed when the child ends, or when xunshare dies (a helper stands by outside).'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l console -d 'With --fork: the child\'s stdin, stdout and stderr are a pseudo-terminal of its own, its controlling terminal (xmountapi --console binds it on /dev/console): interactive (default; the caller\'s terminal, raw, ^]^]^] stops the child), read-only (its output only), passive (nothing relayed) or pipe (no terminal: stdio as without --console).'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l trace -d 'Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l dry-run -d 'Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -l generate-completion-script -x -a 'bash zsh fish' -d 'Print the completion script for SHELL (bash, zsh or fish) and exit.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s V -l version -d 'Show the version.'
complete -c xunshare -n 'not __xns_xunshare_options_done' -s h -l help -d 'Show help information.'
complete -c xunshare -n '__xns_xunshare_options_done' -x -a '(__fish_complete_subcommand)'
