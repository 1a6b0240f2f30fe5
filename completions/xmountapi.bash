# bash completion for xmountapi, made from its option table (xns-docgen).
_xmountapi() {
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
        --root|--mount|--wait|--bind|--ro-bind|--dev-bind|--bind-try|--ro-bind-try|--tmpfs|--overlay|--ro-overlay|--dir|--symlink|--remount-ro|--read-only|--inaccessible|--read-write|--host|--container|--propagation|--generate-completion-script) ((i += 2)) ;;
        -?*) ((i++)) ;;
        *) ended=1; break ;;
        esac
    done
    # The current word is the value of the option before it.
    if ((i > COMP_CWORD)) && [[ -z $option ]]; then option=${COMP_WORDS[COMP_CWORD-1]}; fi
    if [[ -n $option ]]; then
        case $option in
        --root) COMPREPLY=($(compgen -d -- "$cur")) ;;
        --proc) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --sys) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --dev) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --mqueue) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --cgroup) : ;;
        --mount) : ;;
        --wait) : ;;
        --bind) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --ro-bind) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --dev-bind) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --bind-try) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --ro-bind-try) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --tmpfs) : ;;
        --overlay) : ;;
        --ro-overlay) : ;;
        --dir) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --symlink) : ;;
        --remount-ro) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --read-only) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --inaccessible) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --read-write) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --host) : ;;
        --container) : ;;
        --propagation) COMPREPLY=($(compgen -W 'private slave shared unchanged' -- "$cur")) ;;
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
    COMPREPLY=($(compgen -W '--root= --api --initramfs --proc --sys --dev --devpts --shm --mqueue --run --tmp --cgroup --mount= --wait= --bind= --ro-bind= --dev-bind= --bind-try= --ro-bind-try= --tmpfs= --overlay= --ro-overlay= --dir= --symlink= --remount-ro= --read-only= --inaccessible= --read-write= --host= --console --container= --propagation= --force --trace --dry-run --generate-completion-script= -V --version -h --help' -- "$cur"))
    [[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace
}
complete -F _xmountapi xmountapi
