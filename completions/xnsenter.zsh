#compdef xnsenter
# zsh completion for xnsenter, made from its option table (xns-docgen).
_arguments -s -S -A '-*' \
    '(-t --target)-t+[The process whose namespaces (and root, working directory, environment) are taken.]:PID:' \
    '(-t --target)--target=[The process whose namespaces (and root, working directory, environment) are taken.]:PID:' \
    '(-a --all)-a[Enter every namespace of the target that xnsenter does not share with it already; a namespace given a FILE comes from the FILE.]' \
    '(-a --all)--all[Enter every namespace of the target that xnsenter does not share with it already; a namespace given a FILE comes from the FILE.]' \
    '(-m --mount)-m[Enter the target'\''s mount namespace, or the one FILE names.]' \
    '(-m --mount)--mount=-[Enter the target'\''s mount namespace, or the one FILE names.]::FILE:_files' \
    '(-u --uts)-u[Enter the target'\''s UTS namespace (host and domain name), or the one FILE names.]' \
    '(-u --uts)--uts=-[Enter the target'\''s UTS namespace (host and domain name), or the one FILE names.]::FILE:_files' \
    '(-i --ipc)-i[Enter the target'\''s IPC namespace, or the one FILE names.]' \
    '(-i --ipc)--ipc=-[Enter the target'\''s IPC namespace, or the one FILE names.]::FILE:_files' \
    '(-n --net)-n[Enter the target'\''s network namespace, or the one FILE names.]' \
    '(-n --net)--net=-[Enter the target'\''s network namespace, or the one FILE names.]::FILE:_files' \
    '(-N --net-socket)-N+[Enter the network namespace of the target'\''s socket FD (pidfd_getfd and SIOCGSKNS, Linux 5.6 and later); instead of --net.]:FD:' \
    '(-N --net-socket)--net-socket=[Enter the network namespace of the target'\''s socket FD (pidfd_getfd and SIOCGSKNS, Linux 5.6 and later); instead of --net.]:FD:' \
    '(-p --pid)-p[Enter the target'\''s pid namespace, or the one FILE names; COMMAND runs as a forked child, a member of it (see --no-fork).]' \
    '(-p --pid)--pid=-[Enter the target'\''s pid namespace, or the one FILE names; COMMAND runs as a forked child, a member of it (see --no-fork).]::FILE:_files' \
    '(-U --user)-U[Enter the target'\''s user namespace, or the one FILE names; COMMAND then runs as uid 0 and gid 0 (see --setuid, --setgid, --preserve-credentials).]' \
    '(-U --user)--user=-[Enter the target'\''s user namespace, or the one FILE names; COMMAND then runs as uid 0 and gid 0 (see --setuid, --setgid, --preserve-credentials).]::FILE:_files' \
    '(-C --cgroup)-C[Enter the target'\''s cgroup namespace, or the one FILE names.]' \
    '(-C --cgroup)--cgroup=-[Enter the target'\''s cgroup namespace, or the one FILE names.]::FILE:_files' \
    '(-T --time)-T[Enter the target'\''s time namespace, or the one FILE names.]' \
    '(-T --time)--time=-[Enter the target'\''s time namespace, or the one FILE names.]::FILE:_files' \
    '(--user-parent)--user-parent[Enter the parent of the user namespace asked for (--user), or the user namespace that owns the first other namespace asked for (util-linux 2.41).]' \
    '(-c --join-cgroup)-c[Move into the target'\''s cgroup (cgroup v2) before entering its namespaces (util-linux 2.40).]' \
    '(-c --join-cgroup)--join-cgroup[Move into the target'\''s cgroup (cgroup v2) before entering its namespaces (util-linux 2.40).]' \
    '(-S --setuid)-S+[Run COMMAND with user id UID (as mapped in the entered user namespace; default 0 after entering one).]:UID:' \
    '(-S --setuid)--setuid=[Run COMMAND with user id UID (as mapped in the entered user namespace; default 0 after entering one).]:UID:' \
    '(-G --setgid)-G+[Run COMMAND with group id GID and no supplementary groups (default 0 after entering a user namespace).]:GID:' \
    '(-G --setgid)--setgid=[Run COMMAND with group id GID and no supplementary groups (default 0 after entering a user namespace).]:GID:' \
    '(--preserve-credentials)--preserve-credentials[Keep the caller'\''s uid, gid and supplementary groups after entering a user namespace.]' \
    '(--keep-caps)--keep-caps[With a user namespace\: raise the capabilities it grants into the ambient set, so COMMAND keeps them even when it is not uid 0.]' \
    '(-r --root)-r[Change root to the target'\''s root directory, or to DIR (a path as seen before entering).]' \
    '(-r --root)--root=-[Change root to the target'\''s root directory, or to DIR (a path as seen before entering).]::DIR:_directories' \
    '(-w --wd)-w[Change to the target'\''s working directory, or to DIR (a path as seen before entering).]' \
    '(-w --wd)--wd=-[Change to the target'\''s working directory, or to DIR (a path as seen before entering).]::DIR:_directories' \
    '(-W --wdns)-W+[Change to DIR, a path inside the entered namespaces and root.]:DIR:_directories' \
    '(-W --wdns)--wdns=[Change to DIR, a path inside the entered namespaces and root.]:DIR:_directories' \
    '(-e --env)-e[Run COMMAND with the target'\''s environment (/proc/PID/environ) instead of xnsenter'\''s.]' \
    '(-e --env)--env[Run COMMAND with the target'\''s environment (/proc/PID/environ) instead of xnsenter'\''s.]' \
    '(-Z --follow-context)-Z[Run COMMAND in the target'\''s SELinux security context; nothing without SELinux.]' \
    '(-Z --follow-context)--follow-context[Run COMMAND in the target'\''s SELinux security context; nothing without SELinux.]' \
    '(-F --no-fork)-F[Do not fork after entering a pid namespace\: COMMAND stays outside it, its children are members.]' \
    '(-F --no-fork)--no-fork[Do not fork after entering a pid namespace\: COMMAND stays outside it, its children are members.]' \
    '(--trace)--trace[Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.]' \
    '(--dry-run)--dry-run[Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.]' \
    '(--generate-completion-script)--generate-completion-script=[Print the completion script for SHELL (bash, zsh or fish) and exit.]:SHELL:(bash zsh fish)' \
    '(-V --version)-V[Show the version.]' \
    '(-V --version)--version[Show the version.]' \
    '(-h --help)-h[Show help information.]' \
    '(-h --help)--help[Show help information.]' \
    '*::command:_normal'
