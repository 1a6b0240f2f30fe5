#compdef xchroot
# zsh completion for xchroot, made from its option table (xns-docgen).
_arguments -s -S -A '-*' \
    '(--pivot-root)--pivot-root[Change root with pivot_root(2) in a private mount namespace and detach the old root.]' \
    '(--switch-root)--switch-root[Switch from an initramfs to NEWROOT (util-linux switch_root semantics, checked before anything is touched).]' \
    '(--force)--force[With --pivot-root\: run even in the host'\''s initial mount namespace. With --switch-root\: skip the check that the current root is a ramfs or tmpfs.]' \
    '(--userspec)--userspec=[Run COMMAND as USER and GROUP, names or ids; names are looked up in the new root.]:USER\:GROUP:' \
    '(--groups)--groups=[Set the supplementary groups to G1,G2,... (names or ids, looked up in the new root).]:G1,G2,...:' \
    '(--skip-chdir)--skip-chdir[Do not change the working directory to / (only with NEWROOT '\''/'\'', as coreutils chroot).]' \
    '(--wd)--wd=[Change to DIR (inside the new root) before running COMMAND.]:DIR:_directories' \
    '(--console)--console=[Reopen stdin, stdout and stderr on DEV (inside the new root) before running COMMAND, like busybox switch_root -c.]:DEV:_files' \
    '(--no-new-privs)--no-new-privs[Set no_new_privs, so COMMAND and its children can never gain privileges through exec (setuid bits, file capabilities).]' \
    '(--drop-caps)--drop-caps[Drop every capability from every set (bounding, ambient, effective, permitted, inheritable).]' \
    '(--keep-caps)--keep-caps=[Drop every capability but LIST (comma-separated names such as net_bind_service,sys_admin; container\: what systemd-nspawn leaves a container); keep those also in the ambient set.]:LIST:' \
    '(--trace)--trace[Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.]' \
    '(--dry-run)--dry-run[Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.]' \
    '(--generate-completion-script)--generate-completion-script=[Print the completion script for SHELL (bash, zsh or fish) and exit.]:SHELL:(bash zsh fish)' \
    '(-V --version)-V[Show the version.]' \
    '(-V --version)--version[Show the version.]' \
    '(-h --help)-h[Show help information.]' \
    '(-h --help)--help[Show help information.]' \
    ':NEWROOT:_directories' \
    '*::command:_normal'
