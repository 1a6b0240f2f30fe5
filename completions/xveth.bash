# bash completion for xveth, made from its option table (xns-docgen).
_xveth() {
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
        --netns|--pid|--netns-fd|--host-netns-fd|--host|--peer|--host-addr|--peer-addr|--peer-gateway|--mtu|--mac|--delete|--generate-completion-script) ((i += 2)) ;;
        -?*) ((i++)) ;;
        *) ended=1; break ;;
        esac
    done
    # The current word is the value of the option before it.
    if ((i > COMP_CWORD)) && [[ -z $option ]]; then option=${COMP_WORDS[COMP_CWORD-1]}; fi
    if [[ -n $option ]]; then
        case $option in
        --netns) COMPREPLY=($(compgen -f -- "$cur")) ;;
        --pid) : ;;
        --netns-fd) : ;;
        --host-netns-fd) : ;;
        --host) : ;;
        --peer) : ;;
        --host-addr) : ;;
        --peer-addr) : ;;
        --peer-gateway) : ;;
        --mtu) : ;;
        --mac) : ;;
        --delete) : ;;
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
    COMPREPLY=($(compgen -W '--netns= --pid= --netns-fd= --host-netns-fd= --host= --peer= --host-addr= --peer-addr= --peer-gateway= --mtu= --mac= --loopback-only --delete= --trace --dry-run --generate-completion-script= -V --version -h --help' -- "$cur"))
    [[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace
}
complete -F _xveth xveth
