# bash completion for xnsenter, made from its option table (xns-docgen).
_xnsenter() {
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
        --target|-t|--net-socket|-N|--setuid|-S|--setgid|-G|--wdns|-W|--generate-completion-script) ((i += 2)) ;;
        -?*) ((i++)) ;;
        *) ended=1; break ;;
        esac
    done
    # The current word is the value of the option before it.
    if ((i > COMP_CWORD)) && [[ -z $option ]]; then option=${COMP_WORDS[COMP_CWORD-1]}; fi
    if [[ -n $option ]]; then
        case $option in
        --target|-t) : ;;
        --mount) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --uts) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --ipc) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --net) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --net-socket|-N) : ;;
        --pid) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --user) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --cgroup) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --time) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --setuid|-S) : ;;
        --setgid|-G) : ;;
        --root) COMPREPLY=($(compgen -d -- "$cur")) ;;
        --wd) COMPREPLY=($(compgen -d -- "$cur")) ;;
        --wdns|-W) COMPREPLY=($(compgen -d -- "$cur")) ;;
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
    COMPREPLY=($(compgen -W '-t --target= -a --all -m --mount -u --uts -i --ipc -n --net -N --net-socket= -p --pid -U --user -C --cgroup -T --time --user-parent -c --join-cgroup -S --setuid= -G --setgid= --preserve-credentials --keep-caps -r --root -w --wd -W --wdns= -e --env -Z --follow-context -F --no-fork --trace --dry-run --generate-completion-script= -V --version -h --help' -- "$cur"))
    [[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace
}
complete -F _xnsenter xnsenter
