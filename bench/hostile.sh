#!/bin/sh
# Bounded time on hostile inputs (issue 8; RULES.md sec/limits): every
# scenario of bench/make-hostile.py, written at the size cap that applies to
# it, is checked once by the CLI and timed (best of BENCH_RUNS, default 3).
# Prints a Markdown table (also BUILD_DIR/bench-out/hostile.md) and exits 1
# when any input takes more than BENCH_MAX_SECONDS (default 1).
#   bench/hostile.sh [BUILD_DIR]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
b=$(cd "${1:-$top/build}" && pwd)
bin="$b/src/samlcheck"
[ -x "$bin" ] || { echo "no $bin: build first (scripts/test.sh)" >&2; exit 2; }
out="$b/bench-out/hostile"
runs=${BENCH_RUNS:-3}
max=${BENCH_MAX_SECONDS:-1}
rm -rf "$out"
python3 "$top/bench/make-hostile.py" "$out"
now=2025-06-01T12:00:00Z
md="$b/bench-out/hostile.md"
slow=0
{
    echo "| input | bytes | seconds (best of $runs) | findings |"
    echo "|---|---:|---:|---|"
    for f in "$out"/*; do
        name=$(basename "$f")
        kind=${name%%-*}
        best=
        i=0
        while [ "$i" -lt "$runs" ]; do
            s=$(date +%s.%N)
            if [ "$kind" = response ]; then
                set -- --metadata "$top/testdata/responses/idp-metadata.xml"
            else
                set --
            fi
            "$bin" "$kind" "$f" "$@" --now "$now" --format json >"$out.json" 2>/dev/null || true
            e=$(date +%s.%N)
            t=$(echo "$e - $s" | bc)
            if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
            i=$((i + 1))
        done
        rules=$(grep -o '"rule": "[^"]*"' "$out.json" | sed 's/"rule": "//; s/"$//' | LC_ALL=C sort -u | tr '\n' ' ')
        printf '| %s | %s | %.3f | %s|\n' "$name" "$(wc -c <"$f" | tr -d ' ')" "$best" "$rules"
        if [ "$(echo "$best > $max" | bc)" = 1 ]; then slow=1; fi
    done
} | tee "$md"
rm -f "$out.json"
[ "$slow" = 0 ] || { echo "some input took more than ${max}s" >&2; exit 1; }
