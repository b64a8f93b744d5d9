#!/bin/sh
# Throughput of batch checking (issue 14; not part of make check):
#   - 1,000 responses in one process (samlcheck response -r DIR) against
#     1,000 processes of one response each,
#   - peak RSS of one call over 1 and over N inputs (memory flat in N),
#   - -j 2 against -j 1 (reported as unavailable while -j is refused).
#
#   bench/throughput.sh [BUILD_DIR]    (default build/; BENCH_N=1000)
# Prints a Markdown table (also BUILD_DIR/bench-out/throughput.md).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
bin="$build/src/samlcheck"
n=${BENCH_N:-1000}
out="$build/bench-out"
dir="$out/batch-$n"
resp="$top/testdata/responses"
src="$resp/ok-both-signed.xml"
md="$resp/idp-metadata.xml"
NOW=--now=2025-06-01T12:00:00Z
rm -rf "$dir"
mkdir -p "$dir"
i=0
while [ "$i" -lt "$n" ]; do
    cp "$src" "$dir/$(printf 'r%05d.xml' "$i")"
    i=$((i + 1))
done
"$bin" response -q "$NOW" --metadata "$md" "$src" >/dev/null # warm the page cache

# CPU seconds (user + system) and wall seconds of a command: the machine
# may be shared, and CPU time is what a free core would take.
cpu() { # cpu wall
    /usr/bin/time -f "%U %S %e" "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.3f %.3f", $1 + $2, $3 }'
}
set -- $(cpu "$bin" response -q "$NOW" --metadata "$md" -r "$dir")
one=$1 one_wall=$2
"$bin" response -q "$NOW" --metadata "$md" -r "$dir" >"$out/batch.txt" || true
set -- $(cpu sh -c 'for f in "$1"/*.xml; do "$2" response -q "$3" --metadata "$4" "$f"; done' sh "$dir" "$bin" "$NOW" "$md")
many=$1 many_wall=$2

rss() { # peak RSS in KB of the command, or "-"
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
    else
        echo -
    fi
}
rss1=$(rss "$bin" response -q "$NOW" --metadata "$md" "$src")
rssn=$(rss "$bin" response -q "$NOW" --metadata "$md" -r "$dir")
rssj=$(rss "$bin" response --format json "$NOW" --metadata "$md" -r "$dir")

if "$bin" response -q "$NOW" --metadata "$md" -j 2 "$src" >/dev/null 2>&1; then
    j="measured separately"
else
    j="not available (-j N>1 is refused, exit 2)"
fi
tail -1 "$out/batch.txt" | grep -q "in $n input(s)" || { echo "batch run did not check $n inputs" >&2; exit 1; }

{
    echo "| measure | value |"
    echo "|---|---|"
    echo "| $n signed responses, one process | ${one} s CPU, ${one_wall} s wall ($(echo "$n $one" | awk '{ printf "%.0f", $1 / $2 }') responses per CPU second) |"
    echo "| $n signed responses, $n processes | ${many} s CPU, ${many_wall} s wall ($(echo "$n $many" | awk '{ printf "%.0f", $1 / $2 }') responses per CPU second) |"
    echo "| one process / $n processes (CPU) | $(echo "$many $one" | awk '{ printf "%.1fx less CPU", $1 / $2 }') |"
    echo "| peak RSS, 1 input | ${rss1} KB |"
    echo "| peak RSS, $n inputs (text) | ${rssn} KB |"
    echo "| peak RSS, $n inputs (JSON) | ${rssj} KB |"
    echo "| -j 2 vs -j 1 | $j |"
} | tee "$out/throughput.md"
