#compdef xunshare
# zsh completion for xunshare, made from its option table (xns-docgen).
_arguments -s -S -A '-*' \
    '(-m --mount)-m[Create a new mount namespace (made private, see --propagation); with =FILE keep it on FILE.]' \
    '(-m --mount)--mount=-[Create a new mount namespace (made private, see --propagation); with =FILE keep it on FILE.]::FILE:_files' \
    '(-u --uts)-u[Create a new UTS namespace (host and domain name); with =FILE keep it on FILE.]' \
    '(-u --uts)--uts=-[Create a new UTS namespace (host and domain name); with =FILE keep it on FILE.]::FILE:_files' \
    '(-i --ipc)-i[Create a new IPC namespace; with =FILE keep it on FILE.]' \
    '(-i --ipc)--ipc=-[Create a new IPC namespace; with =FILE keep it on FILE.]::FILE:_files' \
    '(-n --net)-n[Create a new network namespace; with =FILE keep it on FILE.]' \
    '(-n --net)--net=-[Create a new network namespace; with =FILE keep it on FILE.]::FILE:_files' \
    '(-p --pid)-p[Create a new pid namespace for the children (see --fork); with =FILE keep it on FILE (needs --fork).]' \
    '(-p --pid)--pid=-[Create a new pid namespace for the children (see --fork); with =FILE keep it on FILE (needs --fork).]::FILE:_files' \
    '(-U --user)-U[Create a new user namespace; with =FILE keep it on FILE.]' \
    '(-U --user)--user=-[Create a new user namespace; with =FILE keep it on FILE.]::FILE:_files' \
    '(-C --cgroup)-C[Create a new cgroup namespace; with =FILE keep it on FILE.]' \
    '(-C --cgroup)--cgroup=-[Create a new cgroup namespace; with =FILE keep it on FILE.]::FILE:_files' \
    '(-T --time)-T[Create a new time namespace for the children (see --monotonic, --boottime); with =FILE keep it on FILE (needs --fork).]' \
    '(-T --time)--time=-[Create a new time namespace for the children (see --monotonic, --boottime); with =FILE keep it on FILE (needs --fork).]::FILE:_files' \
    '(-f --fork)-f[Fork\: COMMAND runs as a child (the first process of a new pid namespace); the parent forwards signals to it, waits, and exits with its status.]' \
    '(-f --fork)--fork[Fork\: COMMAND runs as a child (the first process of a new pid namespace); the parent forwards signals to it, waits, and exits with its status.]' \
    '(--kill-child)--kill-child=-[With --fork\: the child gets SIG (default SIGKILL) when the parent dies (PR_SET_PDEATHSIG).]::SIG:' \
    '(--init)--init[With --pid --fork\: PID 1 is a minimal init that forwards signals to COMMAND, reaps every orphan, and exits with COMMAND'\''s status.]' \
    '(--mount-proc)--mount-proc=-[Mount a proc file system on DIR (default /proc) just before COMMAND runs, after making DIR'\''s mount private; implies --mount.]::DIR:_directories' \
    '(--propagation)--propagation=[Mount propagation in the new mount namespace (recursive from /); ignored without --mount.]:private|shared|slave|unchanged:(private shared slave unchanged)' \
    '(--hostname)--hostname=[With --uts\: set the host name.]:NAME:' \
    '(--domainname)--domainname=[With --uts\: set the NIS domain name.]:NAME:' \
    '(--monotonic)--monotonic=[With --time\: offset CLOCK_MONOTONIC by SECONDS in the new time namespace.]:SECONDS:' \
    '(--boottime)--boottime=[With --time\: offset CLOCK_BOOTTIME by SECONDS in the new time namespace.]:SECONDS:' \
    '(-r --map-root-user)-r[Map your user and group to root in the new user namespace (--map-user=0 --map-group=0); implies --user and --setgroups=deny.]' \
    '(-r --map-root-user)--map-root-user[Map your user and group to root in the new user namespace (--map-user=0 --map-group=0); implies --user and --setgroups=deny.]' \
    '(-c --map-current-user)-c[Map your user and group to themselves in the new user namespace; implies --user and --setgroups=deny.]' \
    '(-c --map-current-user)--map-current-user[Map your user and group to themselves in the new user namespace; implies --user and --setgroups=deny.]' \
    '(--map-user)--map-user=[Map your user to UID (or the user NAME in /etc/passwd) in the new user namespace; implies --user.]:UID|NAME:' \
    '(--map-group)--map-group=[Map your group to GID (or the group NAME in /etc/group) in the new user namespace; implies --user and --setgroups=deny.]:GID|NAME:' \
    '*--map-users=[Map COUNT uids from OUTER to INNER (util-linux 2.38'\''s OUTER,INNER,COUNT too), or '\''auto'\''\: your first range in /etc/subuid from 0. Can be repeated; ranges must not overlap; implies --user.]:INNER\:OUTER\:COUNT|auto:' \
    '*--map-groups=[Map COUNT gids from OUTER to INNER (or OUTER,INNER,COUNT), or '\''auto'\''\: your first range in /etc/subgid from 0. Can be repeated; implies --user.]:INNER\:OUTER\:COUNT|auto:' \
    '(--map-auto)--map-auto[Map your first ranges in /etc/subuid and /etc/subgid from 0 (--map-users=auto --map-groups=auto); implies --user.]' \
    '(--setgroups)--setgroups=[With --user\: allow or deny setgroups(2) in the new user namespace.]:allow|deny:(allow deny)' \
    '(-S --setuid)-S+[Run COMMAND with user id UID (as mapped in the new user namespace).]:UID:' \
    '(-S --setuid)--setuid=[Run COMMAND with user id UID (as mapped in the new user namespace).]:UID:' \
    '(-G --setgid)-G+[Run COMMAND with group id GID and no supplementary groups.]:GID:' \
    '(-G --setgid)--setgid=[Run COMMAND with group id GID and no supplementary groups.]:GID:' \
    '(--keep-caps)--keep-caps[With --user\: raise the capabilities the new user namespace grants into the ambient set, so COMMAND keeps them even when it is not uid 0.]' \
    '(-R --root)-R+[Change root to DIR before running COMMAND.]:DIR:_directories' \
    '(-R --root)--root=[Change root to DIR before running COMMAND.]:DIR:_directories' \
    '(-w --wd)-w+[Change the working directory to DIR before running COMMAND.]:DIR:_directories' \
    '(-w --wd)--wd=[Change the working directory to DIR before running COMMAND.]:DIR:_directories' \
    '(--forward-signals)--forward-signals[Fork, and forward signals to the child (util-linux 2.42'\''s option; with --fork xunshare always forwards them); implies --fork.]' \
    '(--clear-env)--clear-env[Run COMMAND with an empty environment (PATH then defaults to /bin\:/usr/bin for the search).]' \
    '(--whitelist-env)--whitelist-env=[Run COMMAND with only the variables NAME,... of the environment.]:NAME,...:' \
    '(--boot)--boot[With --pid --fork\: COMMAND is an OS'\''s init, as systemd-nspawn --boot runs it\: SIGTERM and SIGINT become SIGRTMIN+3 (systemd'\''s halt; see --stop-signal), its poweroff or halt ends xunshare with status 0, its reboot with 133.]' \
    '(--stop-signal)--stop-signal=[With --fork\: SIGTERM and SIGINT to xunshare reach the child as SIG (--boot\: SIGRTMIN+3); without --console the child gets a process group of its own, so a terminal'\''s ^C reaches it only so.]:SIG:' \
    '(--delegate-cgroup)--delegate-cgroup=-[With --fork\: the child runs in a cgroup v2 subtree of its own, NAME (default xns-PID) below xunshare'\''s cgroup, the root of its cgroup namespace with --cgroup; what runs in it is killed and it is removed when the child ends, or when xunshare dies (a helper stands by outside).]::NAME:' \
    '(--console)--console=-[With --fork\: the child'\''s stdin, stdout and stderr are a pseudo-terminal of its own, its controlling terminal (xmountapi --console binds it on /dev/console)\: interactive (default; the caller'\''s terminal, raw, ^\]^\]^\] stops the child), read-only (its output only), passive (nothing relayed) or pipe (no terminal\: stdio as without --console).]::MODE:' \
    '(--trace)--trace[Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.]' \
    '(--dry-run)--dry-run[Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.]' \
    '(--generate-completion-script)--generate-completion-script=[Print the completion script for SHELL (bash, zsh or fish) and exit.]:SHELL:(bash zsh fish)' \
    '(-V --version)-V[Show the version.]' \
    '(-V --version)--version[Show the version.]' \
    '(-h --help)-h[Show help information.]' \
    '(-h --help)--help[Show help information.]' \
    '*::command:_normal'
