# bash completion for samlcheck (installed by `make install` into
# $(datadir)/bash-completion/completions/samlcheck). Commands, options,
# formats and rule IDs come from the samlcheck being completed
# (`samlcheck __complete commands|options|formats|rules`), so they always
# match its version.
_samlcheck()
{
    local cur prev cmd words
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    cmd=${COMP_WORDS[0]}
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        words="$("$cmd" __complete commands 2>/dev/null) --help --version --list-rules"
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return 0
    fi
    case $prev in
    --ignore) words=$("$cmd" __complete rules 2>/dev/null) ;;
    --format) words=$("$cmd" __complete formats 2>/dev/null) ;;
    --input-format) words="auto xml base64 form har tracer" ;;
    --encryption-mode) words="Required Allowed" ;;
    --metadata | --key | --trust-policy | --metadata-signer | --encryption-cert | --cert | -o | --output)
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -f -- "$cur"))
        return 0
        ;;
    *)
        if [ "${COMP_WORDS[1]}" = explain ]; then
            words=$("$cmd" __complete rules 2>/dev/null)
        elif [ "${cur#-}" != "$cur" ]; then
            words=$("$cmd" __complete options 2>/dev/null)
        else
            # shellcheck disable=SC2207
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0
        fi
        ;;
    esac
    # shellcheck disable=SC2207
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
    return 0
}
complete -o filenames -F _samlcheck samlcheck
