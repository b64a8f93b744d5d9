#!/bin/sh
# End-to-end CLI cases and their goldens (docs/architecture.md, "Tests").
#
# JSON cases, one directory per case under testdata/cases/<kind>/<case>/:
#   args      the command line after `samlcheck` (word-split; paths relative to
#             the case directory); always has --now and --format json
#   status    the expected exit status (0, 1 or 2)
#   rules     the exact set of findings expected, one "rule-id severity" per
#             line (written from RULES.md, never generated from the output)
#   expected.json    REQUIRED golden: standard output, normalised (below)
#   expected.stderr  golden of standard error when the run writes any; a
#             case without one must write nothing there
#   match     optional: "subset" = the rules listed must all be reported, others
#             may be too (for third-party vectors whose AWS-specific findings
#             are beside the point); rules-not then lists lines that must NOT appear
#   stdin     optional: fed to standard input
#   json-has, json-lacks  optional: fixed strings, one per line, that the JSON
#             output must / must not contain (e.g. "trusted": false)
#
# Text cases, one per command, under testdata/text/<command>-<what>/ (named
# text/<name> below): args (the default text format: no --format; --now for
# the commands that judge time), status, optional stdin, and the REQUIRED
# golden expected.txt (+ expected.stderr as above).
#
# Every run: working directory = the case directory, LC_ALL=C, TZ=UTC,
# NO_COLOR=1, COLUMNS=100, standard input from `stdin` or /dev/null, and
# --no-config appended unless args name --config or --no-config (so that a
# .samlcheck.yml above the tree cannot change the results). Normalised in
# stdout and stderr before comparing: the top-level JSON "version" value and
# "samlcheck <version>" become X; the source, build and temporary directories
# become <srcdir>, <builddir>, <tmp>.
#
# Refresh every golden after a deliberate output change, then review the diff:
#   scripts/update-goldens.sh          (= UPDATE_EXPECTED=1 tests/e2e/run-cases.sh)
#   git diff --stat testdata; git diff testdata
# UPDATE_EXPECTED=1 rewrites goldens but still fails on a wrong exit status
# or rule set (those are written from RULES.md, never from the output).
# CASES_MESSAGES=report (scripts/check-libxml2-new.sh, another libxml2):
# the "message" values of expected.json may differ (they quote libxml2's own
# error text, which its releases reword); such a case passes with the
# diagnostic "messages differ from expected.json" and the differing lines.
# Everything else still fails it: exit status, rule set, every other JSON
# line, expected.txt and expected.stderr.
# Output is TAP. Run some cases: tests/e2e/run-cases.sh metadata/ok-okta text/show-base64
set -u
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
srcdir=$(cd "$srcdir" && pwd)
bin=${SAMLCHECK:-}
if [ -z "$bin" ]; then
    for c in ./src/samlcheck "$srcdir/build/src/samlcheck" "$srcdir/src/samlcheck" ./samlcheck; do
        [ -x "$c" ] && { bin=$c; break; }
    done
fi
[ -n "$bin" ] && [ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
builddir=$(cd "$(dirname "$bin")/.." && pwd)
update=${UPDATE_EXPECTED:-0}
messages=${CASES_MESSAGES:-strict}
case $messages in strict | report) ;; *) echo "run-cases: CASES_MESSAGES is strict or report" >&2; exit 2 ;; esac
LC_ALL=C TZ=UTC NO_COLOR=1 COLUMNS=100
export LC_ALL TZ NO_COLOR COLUMNS
unset CLICOLOR_FORCE FORCE_COLOR
ver=$("$bin" --version | awk '{print $2; exit}')

cases=$(cd "$srcdir/testdata/cases" 2>/dev/null && find . -mindepth 2 -maxdepth 2 -type d | sed 's#^\./##' | LC_ALL=C sort)
text=$(cd "$srcdir/testdata/text" 2>/dev/null && find . -mindepth 1 -maxdepth 1 -type d | sed 's#^\./#text/#' | LC_ALL=C sort)
cases=$(printf '%s\n%s\n' "$cases" "$text" | sed '/^$/d')
if [ $# -gt 0 ]; then cases=$(printf "%s\n" "$@"); fi
n=$(echo "$cases" | grep -c . || true)
echo "1..$n"
[ "$n" -eq 0 ] && exit 0
tmp=$(mktemp -d)
tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT

# sed-escape a literal for the left side of s|...|...|
esc() { printf '%s\n' "$1" | sed 's/[][\.*^$|]/\\&/g'; }
e_src=$(esc "$srcdir")
e_build=$(esc "$builddir")
e_tmp=$(esc "$tmp")
e_ver=$(esc "$ver")
# normalise FILE: what differs between machines, trees and releases
norm() {
    sed -e "s|^  \"version\": \"[^\"]*\"\$|  \"version\": \"X\"|" \
        -e "s|samlcheck $e_ver|samlcheck X|g" \
        -e "s|$e_tmp|<tmp>|g" -e "s|$e_build|<builddir>|g" -e "s|$e_src|<srcdir>|g" "$1"
}
# golden NAME GOT: compare (or with UPDATE_EXPECTED=1 write) $dir/NAME
golden() {
    norm "$2" >"$tmp/norm"
    if [ "$update" = 1 ]; then
        cmp -s "$tmp/norm" "$dir/$1" || cp "$tmp/norm" "$dir/$1"
    elif [ ! -f "$dir/$1" ]; then
        fail="${fail:+$fail; }no $1 (write it: UPDATE_EXPECTED=1 tests/e2e/run-cases.sh $c, then review it)"
    elif ! cmp -s "$tmp/norm" "$dir/$1"; then
        if [ "$messages" = report ] && [ "$1" = expected.json ] &&
            sed '/^ *"message": /d' "$tmp/norm" >"$tmp/norm-m" &&
            sed '/^ *"message": /d' "$dir/$1" | cmp -s - "$tmp/norm-m"; then
            note="${note:+$note; }messages differ from $1"
            diff -u "$dir/$1" "$tmp/norm" | grep '^[-+] *"message": ' | head -40 >>"$tmp/diag"
            return
        fi
        fail="${fail:+$fail; }output differs from $1"
        diff -u "$dir/$1" "$tmp/norm" | sed '1,2d' | head -40 >>"$tmp/diag"
    fi
}
# stderr: a golden when there is output, else there must be none
golden_err() {
    if [ -s "$tmp/err" ] || [ -f "$dir/expected.stderr" ]; then
        if [ "$update" = 1 ] && [ ! -s "$tmp/err" ]; then
            rm -f "$dir/expected.stderr"
        else
            golden expected.stderr "$tmp/err"
        fi
    fi
}

i=0
for c in $cases; do
    i=$((i + 1))
    : >"$tmp/diag"
    fail=""
    note=""
    case $c in
    text/*) dir="$srcdir/testdata/$c" kind=text ;;
    *) dir="$srcdir/testdata/cases/$c" kind=json ;;
    esac
    if [ ! -f "$dir/args" ] || [ ! -f "$dir/status" ] || { [ $kind = json ] && [ ! -f "$dir/rules" ]; }; then
        echo "not ok $i - $c # missing args, status or rules"
        continue
    fi
    args=$(cat "$dir/args")
    cmd=${args%% *}
    if [ $kind = json ]; then
        case "$args" in *--now*) ;; *) echo "not ok $i - $c # args lack --now"; continue ;; esac
        case "$args" in *"--format json"*) ;; *) echo "not ok $i - $c # args lack --format json"; continue ;; esac
    else
        case "$cmd:$args" in show:* | explain:* | *--now*) ;; *) echo "not ok $i - $c # args lack --now"; continue ;; esac
        case "$args" in *--format*) echo "not ok $i - $c # a text case takes the default format"; continue ;; esac
    fi
    case "$cmd:$args" in explain:* | show:* | *--config* | *--no-config*) extra="" ;; *) extra=" --no-config" ;; esac
    input=/dev/null
    [ -f "$dir/stdin" ] && input="$dir/stdin"
    (cd "$dir" && eval "\"\$bin\" $args$extra" <"$input" >"$tmp/out" 2>"$tmp/err")
    got_status=$?
    want_status=$(tr -d ' \n' <"$dir/status")
    [ "$got_status" = "$want_status" ] || fail="exit status $got_status, expected $want_status"
    if grep -qE 'Sanitizer|runtime error:' "$tmp/err"; then
        fail="${fail:+$fail; }sanitizer report"
    fi
    if [ $kind = json ]; then
        # "rule severity" pairs from the indented, key-sorted JSON output.
        awk '/^ *"rule": "/ { r=$0; sub(/^ *"rule": "/, "", r); sub(/",?$/, "", r) }
             /^ *"severity": "/ { s=$0; sub(/^ *"severity": "/, "", s); sub(/",?$/, "", s); if (r != "") print r " " s; r="" }' \
            "$tmp/out" | LC_ALL=C sort -u >"$tmp/got"
        grep -v '^#' "$dir/rules" | sed '/^[[:space:]]*$/d' | LC_ALL=C sort -u >"$tmp/want"
        if [ -f "$dir/match" ] && grep -qx subset "$dir/match"; then
            missing=$(LC_ALL=C comm -23 "$tmp/want" "$tmp/got")
            [ -z "$missing" ] || fail="${fail:+$fail; }missing findings"
            if [ -f "$dir/rules-not" ]; then
                grep -v '^#' "$dir/rules-not" | sed '/^[[:space:]]*$/d' | LC_ALL=C sort -u >"$tmp/not"
                bad=$(LC_ALL=C comm -12 "$tmp/not" "$tmp/got")
                [ -z "$bad" ] || fail="${fail:+$fail; }unexpected findings: $bad"
            fi
        elif ! cmp -s "$tmp/got" "$tmp/want"; then
            fail="${fail:+$fail; }findings differ"
            diff "$tmp/want" "$tmp/got" >>"$tmp/diag"
        fi
        # json-has / json-lacks: fixed strings (one per line) that the JSON
        # output must / must not contain, e.g. '"trusted": false' for the
        # summary's trust verdict
        if [ -f "$dir/json-has" ]; then
            while IFS= read -r l; do
                case "$l" in '#'* | '') continue ;; esac
                grep -qF -- "$l" "$tmp/out" || fail="${fail:+$fail; }output lacks $l"
            done <"$dir/json-has"
        fi
        if [ -f "$dir/json-lacks" ]; then
            while IFS= read -r l; do
                case "$l" in '#'* | '') continue ;; esac
                ! grep -qF -- "$l" "$tmp/out" || fail="${fail:+$fail; }output has $l"
            done <"$dir/json-lacks"
        fi
        golden expected.json "$tmp/out"
    else
        golden expected.txt "$tmp/out"
    fi
    golden_err
    if [ -z "$fail" ] && [ -n "$note" ]; then
        echo "ok $i - $c # $note"
        sed 's/^/#   /' "$tmp/diag"
    elif [ -z "$fail" ]; then
        echo "ok $i - $c"
    else
        echo "not ok $i - $c # $fail"
        echo "# args: $args"
        sed 's/^/#   /' "$tmp/diag"
        sed 's/^/# stderr: /' "$tmp/err" | head -5
    fi
done
