#!/bin/sh
# docs/samlcheck.1 stays true: every command of its EXAMPLES section runs
# (from the top of the source tree, `samlcheck` replaced by the built
# binary) with the expected exit status (`.\" exit: N` before an .EX block,
# 0 by default), and every option printed by `samlcheck --help` is in the
# manual page. Output is TAP.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
man="$srcdir/docs/samlcheck.1"
[ -f "$man" ] || { echo "1..1"; echo "not ok 1 - docs/samlcheck.1 missing"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "STATUS<TAB>command" for each command line inside .EX/.EE of EXAMPLES,
# with roff escapes undone (\- -> -, \e -> \).
awk '
    /^\.SH / { in_ex = ($0 ~ /^\.SH EXAMPLES/); next }
    !in_ex { next }
    /^\.\\" exit: / { want = $3; next }
    /^\.EX/ { block = 1; next }
    /^\.EE/ { block = 0; want = ""; next }
    block && /^samlcheck / {
        line = $0; gsub(/\\-/, "-", line); gsub(/\\e/, "\\", line)
        print (want == "" ? 0 : want) "\t" line
    }' "$man" >"$tmp/examples"

# Options of --help: long options, and -o/-q.
"$bin" --help 2>&1 | grep -oE '(^|[ ,])(--[a-z][a-z-]*|-[a-z])\b' | tr -d ' ,' | LC_ALL=C sort -u >"$tmp/opts"
sed 's/\\-/-/g' "$man" >"$tmp/man.txt"

n_ex=$(grep -c . "$tmp/examples" || true)
n_opt=$(grep -c . "$tmp/opts" || true)
echo "1..$((n_ex + 3))"
i=0
if [ "$n_ex" -gt 0 ]; then echo "ok $((i += 1)) - the manual page has $n_ex examples"
else echo "not ok $((i += 1)) - no example found in the EXAMPLES section of docs/samlcheck.1"; fi
while IFS="$(printf '\t')" read -r want cmd; do
    i=$((i + 1))
    args=${cmd#samlcheck }
    (cd "$srcdir" && eval "\"\$bin\" $args") </dev/null >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ] && [ "$got" -le 2 ] && ! grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
        echo "ok $i - example exits $got: $cmd"
    else
        echo "not ok $i - example exits $got, expected $want: $cmd"
        head -5 "$tmp/err" | sed 's/^/# /'
    fi
done <"$tmp/examples"
missing=""
for o in $(cat "$tmp/opts"); do
    grep -qe "$o" "$tmp/man.txt" || missing="$missing $o"
done
i=$((i + 1))
if [ "$n_opt" -gt 10 ] && [ -z "$missing" ]; then echo "ok $i - all $n_opt options of --help are in the manual page"
else echo "not ok $i - options of --help missing from docs/samlcheck.1:${missing:- (none found in --help)}"; fi
i=$((i + 1))
if command -v groff >/dev/null 2>&1; then
    if groff -man -ww -z "$man" >"$tmp/groff" 2>&1 && [ ! -s "$tmp/groff" ]; then
        echo "ok $i - groff -man -ww renders docs/samlcheck.1 without warnings"
    else
        echo "not ok $i - groff warns about docs/samlcheck.1"; head -10 "$tmp/groff" | sed 's/^/# /'
    fi
else
    echo "ok $i # SKIP groff not installed"
fi
