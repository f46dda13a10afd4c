# SPDX-License-Identifier: MIT
# bash completion for procscope: commands, demo names, options, .psrec files.

_procscope_demos()
{
    procscope list 2>/dev/null | awk '{ print $1; gsub(/[()]/, "", $2); print $2 }'
}

_procscope()
{
    local cur prev cmd i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --) return 0 ;;  # after "--" comes the user's own command line
            -*) ;;
            *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    if [ -z "$cmd" ]; then
        COMPREPLY=($(compgen -W "list run replay info export bench --help --version" -- "$cur"))
        return 0
    fi
    case $prev in
        --record) COMPREPLY=($(compgen -f -X '!*.psrec' -- "$cur") $(compgen -d -- "$cur")); return 0 ;;
        --time-scale) COMPREPLY=($(compgen -W "0 0.1 0.5 1 2" -- "$cur")); return 0 ;;
        --format|-f) COMPREPLY=($(compgen -W "chrome jsonl text" -- "$cur")); return 0 ;;
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
    esac
    case $cmd in
        list) COMPREPLY=($(compgen -W "--json --help" -- "$cur")) ;;
        run)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--headless --events --events=text --events=jsonl
                    --record --record-host --step --time-scale --help --" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_procscope_demos)" -- "$cur"))
            fi ;;
        replay|info|export)
            if [[ $cur == -* ]]; then
                case $cmd in
                    replay) COMPREPLY=($(compgen -W "--headless --events --events=text
                        --events=jsonl --help" -- "$cur")) ;;
                    info) COMPREPLY=($(compgen -W "--json --help" -- "$cur")) ;;
                    export) COMPREPLY=($(compgen -W "--format --output --help" -- "$cur")) ;;
                esac
            else
                COMPREPLY=($(compgen -f -X '!*.psrec' -- "$cur") $(compgen -d -- "$cur"))
            fi ;;
        bench) COMPREPLY=($(compgen -W "ring ipc replay ui --help" -- "$cur")) ;;
    esac
    return 0
}
complete -F _procscope procscope
