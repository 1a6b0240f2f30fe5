# bash completion for xunshare, made from its option table (xns-docgen).
_xunshare() {
    local cur=${COMP_WORDS[COMP_CWORD]} i=1 word option= ended=0
    # bash splits --option=value into '--option' '=' 'value'.
    if [[ $cur == = ]]; then
        cur= option=${COMP_WORDS[COMP_CWORD-1]}
    elif [[ ${COMP_WORDS[COMP_CWORD-1]} == = ]]; then
        option=${COMP_WORDS[COMP_CWORD-2]}
    fi
    # Options stop at -- or at the first word that is not an option.
    while ((i < COMP_CWORD)); do
        word=${COMP_WORDS[i]}
        if [[ ${COMP_WORDS[i+1]} == = ]]; then
            ((i += 3))
            continue
        fi
        case $word in
        --) ((i++)); ended=1; break ;;
        --propagation|--hostname|--domainname|--monotonic|--boottime|--map-user|--map-group|--map-users|--map-groups|--setgroups|--setuid|-S|--setgid|-G|--root|-R|--wd|-w|--whitelist-env|--stop-signal|--generate-completion-script) ((i += 2)) ;;
        -?*) ((i++)) ;;
        *) ended=1; break ;;
        esac
    done
    # The current word is the value of the option before it.
    if ((i > COMP_CWORD)) && [[ -z $option ]]; then option=${COMP_WORDS[COMP_CWORD-1]}; fi
    if [[ -n $option ]]; then
        case $option in
        --mount) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --uts) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --ipc) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --net) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --pid) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --user) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --cgroup) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --time) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --kill-child) : ;;
        --mount-proc) COMPREPLY=($(compgen -d -- "$cur")) ;;
        --propagation) COMPREPLY=($(compgen -W 'private shared slave unchanged' -- "$cur")) ;;
        --hostname) : ;;
        --domainname) : ;;
        --monotonic) : ;;
        --boottime) : ;;
        --map-user) : ;;
        --map-group) : ;;
        --map-users) : ;;
        --map-groups) : ;;
        --setgroups) COMPREPLY=($(compgen -W 'allow deny' -- "$cur")) ;;
        --setuid|-S) : ;;
        --setgid|-G) : ;;
        --root|-R) COMPREPLY=($(compgen -d -- "$cur")) ;;
        --wd|-w) COMPREPLY=($(compgen -d -- "$cur")) ;;
        --whitelist-env) : ;;
        --stop-signal) : ;;
        --delegate-cgroup) : ;;
        --console) : ;;
        --generate-completion-script) COMPREPLY=($(compgen -W 'bash zsh fish' -- "$cur")) ;;
        esac
        return
    fi
    if ((ended)) || [[ $cur != -* ]]; then
        if declare -F _command_offset >/dev/null; then
            _command_offset "$i"
        else
            COMPREPLY=($(compgen -c -- "$cur"))
        fi
        return
    fi
    COMPREPLY=($(compgen -W '-m --mount -u --uts -i --ipc -n --net -p --pid -U --user -C --cgroup -T --time -f --fork --kill-child --init --mount-proc --propagation= --hostname= --domainname= --monotonic= --boottime= -r --map-root-user -c --map-current-user --map-user= --map-group= --map-users= --map-groups= --map-auto --setgroups= -S --setuid= -G --setgid= --keep-caps -R --root= -w --wd= --forward-signals --clear-env --whitelist-env= --boot --stop-signal= --delegate-cgroup --console --trace --dry-run --generate-completion-script= -V --version -h --help' -- "$cur"))
    [[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace
}
complete -F _xunshare xunshare
