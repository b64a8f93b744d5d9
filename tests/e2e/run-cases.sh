#!/bin/sh
# End-to-end CLI cases: one directory per case under testdata/cases/<kind>/<case>/.
#   args      the command line after `samlcheck` (word-split; paths relative to
#             the case directory); always has --now and --format json
#   status    the expected exit status (0, 1 or 2)
#   rules     the exact set of findings expected, one "rule-id severity" per
#             line (written from RULES.md, never generated from the output)
#   match     optional: "subset" = the rules listed must all be reported, others
#             may be too (for third-party vectors whose AWS-specific findings
#             are beside the point); rules-not then lists lines that must NOT appear
#   stdin     optional: fed to standard input
#   json-has, json-lacks  optional: fixed strings, one per line, that the JSON
#             output must / must not contain (e.g. "trusted": false)
#   expected.json  optional golden output (version normalised); refreshed with
#             UPDATE_EXPECTED=1 for review in `git diff`
# Output is TAP. Run one case: tests/e2e/run-cases.sh metadata/ok-okta
set -u
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
srcdir=$(cd "$srcdir" && pwd)
bin=${SAMLCHECK:-}
if [ -z "$bin" ]; then
    for c in ./src/samlcheck "$srcdir/src/samlcheck" ./samlcheck; do
        [ -x "$c" ] && { bin=$(cd "$(dirname "$c")" && pwd)/$(basename "$c"); break; }
    done
fi
[ -n "$bin" ] && [ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }

cases=$(cd "$srcdir/testdata/cases" 2>/dev/null && find . -mindepth 2 -maxdepth 2 -type d | sed 's#^\./##' | LC_ALL=C sort)
if [ $# -gt 0 ]; then cases=$(printf "%s\n" "$@"); fi
n=$(echo "$cases" | grep -c . || true)
echo "1..$n"
[ "$n" -eq 0 ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
for c in $cases; do
    i=$((i + 1))
    dir="$srcdir/testdata/cases/$c"
    if [ ! -f "$dir/args" ] || [ ! -f "$dir/status" ] || [ ! -f "$dir/rules" ]; then
        echo "not ok $i - $c # missing args, status or rules"
        continue
    fi
    args=$(cat "$dir/args")
    case "$args" in *--now*) ;; *) echo "not ok $i - $c # args lack --now"; continue ;; esac
    case "$args" in *"--format json"*) ;; *) echo "not ok $i - $c # args lack --format json"; continue ;; esac
    if [ -f "$dir/stdin" ]; then
        (cd "$dir" && eval "\"\$bin\" $args" <"$dir/stdin" >"$tmp/out" 2>"$tmp/err")
    else
        (cd "$dir" && eval "\"\$bin\" $args" </dev/null >"$tmp/out" 2>"$tmp/err")
    fi
    got_status=$?
    want_status=$(tr -d ' \n' <"$dir/status")
    # "rule severity" pairs from the indented, key-sorted JSON output.
    awk '/^ *"rule": "/ { r=$0; sub(/^ *"rule": "/, "", r); sub(/",?$/, "", r) }
         /^ *"severity": "/ { s=$0; sub(/^ *"severity": "/, "", s); sub(/",?$/, "", s); if (r != "") print r " " s; r="" }' \
        "$tmp/out" | LC_ALL=C sort -u >"$tmp/got"
    grep -v '^#' "$dir/rules" | sed '/^[[:space:]]*$/d' | LC_ALL=C sort -u >"$tmp/want"
    fail=""
    [ "$got_status" = "$want_status" ] || fail="exit status $got_status, expected $want_status"
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
    if grep -qE 'Sanitizer|runtime error:' "$tmp/err"; then
        fail="${fail:+$fail; }sanitizer report"
    fi
    if [ -f "$dir/expected.json" ] || [ "${UPDATE_EXPECTED:-}" = 1 ]; then
        sed 's/"version": "[^"]*"/"version": "X"/' "$tmp/out" >"$tmp/norm"
        if [ "${UPDATE_EXPECTED:-}" = 1 ]; then
            cp "$tmp/norm" "$dir/expected.json"
        elif ! cmp -s "$tmp/norm" "$dir/expected.json"; then
            fail="${fail:+$fail; }output differs from expected.json"
        fi
    fi
    if [ -z "$fail" ]; then
        echo "ok $i - $c"
    else
        echo "not ok $i - $c # $fail"
        echo "# args: $args"
        diff "$tmp/want" "$tmp/got" | sed 's/^/#   /'
        sed 's/^/# stderr: /' "$tmp/err" | head -5
    fi
done
