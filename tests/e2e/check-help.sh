#!/bin/sh
# Help where people look for it (issue 12): `samlcheck COMMAND --help` for
# every command (usage, options, examples; exit 0), "did you mean" for a
# misspelt command, option and rule ID, and the bash completion (run in
# bash with COMP_WORDS set as bash sets them) for commands, options, rule
# IDs and formats. The zsh completion is syntax-checked when zsh exists.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
t() { # description, then a command that succeeds when the test passes
    d=$1
    shift
    n=$((n + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $n - $d"; else echo "not ok $n - $d"; sed 's/^/# /' "$tmp/out" 2>/dev/null | head -8; fi
}
echo "1..20"
for c in metadata response key policy show explain list-rules; do
    "$bin" "$c" --help >"$tmp/out" 2>&1
    st=$?
    t "$c --help: usage, examples, exit 0" sh -c "[ $st -eq 0 ] && grep -q '^usage: samlcheck' '$tmp/out' && grep -q '^Examples:' '$tmp/out' && grep -q '^  samlcheck' '$tmp/out'"
done
"$bin" response --metadata x.xml -h >"$tmp/out" 2>&1
t "-h after other options prints the command's help" grep -q '^usage: samlcheck response' "$tmp/out"
"$bin" response --help >"$tmp/out" 2>&1
t "response --help lists its options with their descriptions" sh -c "grep -q '^  --metadata FILE  *IdP metadata' '$tmp/out' && grep -q '^  --har-entry N' '$tmp/out'"
"$bin" respnse x >"$tmp/out" 2>&1
st=$?
t "misspelt command: exit 2, did you mean 'response'" sh -c "[ $st -eq 2 ] && grep -qx \"Did you mean 'response'?\" '$tmp/out'"
"$bin" response --metdata x.xml y >"$tmp/out" 2>&1
st=$?
t "misspelt option: exit 2, did you mean '--metadata'" sh -c "[ $st -eq 2 ] && grep -qx \"Did you mean '--metadata'?\" '$tmp/out' && grep -q \"Try 'samlcheck response --help'\" '$tmp/out'"
"$bin" response --clock-skw=5 y >"$tmp/out" 2>&1
t "misspelt --option=value: the name is suggested" grep -qx "Did you mean '--clock-skew'?" "$tmp/out"
"$bin" explain response/role-mising >"$tmp/out" 2>&1
st=$?
t "misspelt rule ID in explain: did you mean" sh -c "[ $st -eq 2 ] && grep -qx \"Did you mean 'response/role-missing'?\" '$tmp/out'"
"$bin" response --ignore response/expird y >"$tmp/out" 2>&1
t "misspelt rule ID in --ignore: did you mean" grep -qx "Did you mean 'response/expired'?" "$tmp/out"
"$bin" response --zzzzzzzzzz y >"$tmp/out" 2>&1
t "nothing close: no suggestion" sh -c "! grep -q 'Did you mean' '$tmp/out'"

# bash completion, driven as bash drives it
comp() { # words... ; prints COMPREPLY one a line
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _samlcheck; printf "%s\n" "${COMPREPLY[@]}"' \
        sh "$srcdir/contrib/completion/samlcheck.bash" "$bin" "$@"
}
comp res >"$tmp/out"
t "bash: completes a command" grep -qx response "$tmp/out"
comp response --meta >"$tmp/out"
t "bash: completes an option" grep -qx -- --metadata "$tmp/out"
comp response --ignore response/role-m >"$tmp/out"
t "bash: completes a rule ID after --ignore" grep -qx response/role-missing "$tmp/out"
comp explain xml/b >"$tmp/out"
t "bash: completes a rule ID after explain" grep -qx xml/bom "$tmp/out"
if command -v zsh >/dev/null 2>&1; then
    # compadd and _files stubbed: the candidates the completion hands to zsh
    zcomp() { # CURRENT, words...
        zsh -c 'compadd() { print -l -- $list }; _files() { print FILES }
            CURRENT=$1; shift; words=("$@"); PREFIX=${words[CURRENT]}
            source "$SC_ZCOMP"' zcomp "$@"
    }
    export SC_ZCOMP="$srcdir/contrib/completion/_samlcheck"
    zcomp 2 "$bin" res >"$tmp/out" 2>&1
    zcomp 4 "$bin" response --ignore response/role-m >"$tmp/o2" 2>&1
    zcomp 3 "$bin" response --me >"$tmp/o3" 2>&1
    t "zsh: completes commands, rule IDs after --ignore, options" sh -c "zsh -n '$SC_ZCOMP' &&
        grep -qx response '$tmp/out' && grep -qx response/role-missing '$tmp/o2' && grep -qx -- --metadata '$tmp/o3'"
else
    n=$((n + 1)); echo "ok $n # SKIP zsh not installed"
fi
