#!/bin/sh
# Snapshot every end-to-end case's complete output, for refactorings that must
# not change behaviour.
#   tests/e2e/snapshot.sh save DIR   run every case under testdata/cases/ twice
#                                    (its args as written, i.e. --format json,
#                                    and with "--format json" removed, i.e. the
#                                    default text format) and keep stdout,
#                                    stderr and the exit status under DIR
#   tests/e2e/snapshot.sh diff DIR   run them again and diff against DIR; exit 1
#                                    on any difference
# SAMLCHECK names the binary (default: build/src/samlcheck).
# Outputs are not committed: a snapshot belongs to one machine and one moment.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${SAMLCHECK:-$top/build/src/samlcheck}
[ -x "$bin" ] || { echo "snapshot.sh: no binary at $bin" >&2; exit 2; }
mode=${1:-}
dir=${2:-}
case $mode in save | diff) ;; *) echo "usage: tests/e2e/snapshot.sh save|diff DIR" >&2; exit 2 ;; esac
[ -n "$dir" ] || { echo "usage: tests/e2e/snapshot.sh save|diff DIR" >&2; exit 2; }
if [ "$mode" = diff ]; then
    [ -d "$dir" ] || { echo "snapshot.sh: no snapshot in $dir" >&2; exit 2; }
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
else
    rm -rf "$dir"
    mkdir -p "$dir"
    out=$dir
fi
run() { # case-dir args outfile-prefix
    (
        cd "$1" || exit 2
        if [ -f stdin ]; then
            eval "\"\$bin\" $2" <stdin >"$3.out" 2>"$3.err"
        else
            eval "\"\$bin\" $2" </dev/null >"$3.out" 2>"$3.err"
        fi
        echo $? >"$3.status"
    )
}
n=0
for c in $(cd "$top/testdata/cases" && find . -mindepth 2 -maxdepth 2 -type d | sed 's#^\./##' | LC_ALL=C sort); do
    d="$top/testdata/cases/$c"
    [ -f "$d/args" ] || continue
    args=$(cat "$d/args")
    mkdir -p "$out/$c"
    run "$d" "$args" "$out/$c/json"
    text=$(printf '%s\n' "$args" | sed 's/--format json//')
    run "$d" "$text" "$out/$c/text"
    n=$((n + 1))
done
if [ "$mode" = save ]; then
    echo "snapshot.sh: $n cases saved in $dir"
    exit 0
fi
if diff -r "$dir" "$out" >"$out.diff" 2>&1; then
    echo "snapshot.sh: $n cases identical to $dir"
    rm -f "$out.diff"
    exit 0
fi
cat "$out.diff"
rm -f "$out.diff"
echo "snapshot.sh: outputs differ from $dir" >&2
exit 1
