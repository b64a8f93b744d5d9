#!/bin/sh
# Peak RSS (KB, /usr/bin/time -v "Maximum resident set size") of one call
# over 1, 1,000 and 5,000 inputs in every output format and with
# --baseline-write, at -j 1 and -j 2 (docs/performance.md, "Memory per
# format"). The inputs are one response with findings
# (testdata/responses/assertion-count-nested.xml), named N times.
# usage: scripts/measure-rss.sh [BUILD_DIR]   (default: build)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/build}/src/samlcheck
[ -x "$bin" ] || { echo "no $bin: build first (scripts/test.sh)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
r=$top/testdata/responses
for n in 1 1000 5000; do
    yes "$r/assertion-count-nested.xml" | head -n "$n" >"$tmp/list$n"
done
rss() {
    /usr/bin/time -v "$bin" response --no-config --now 2025-06-01T12:00:00Z \
        --metadata "$r/idp-metadata.xml" "$@" >/dev/null 2>"$tmp/time" || true
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time"
}
printf '| format | -j | 1 input | 1,000 inputs | 5,000 inputs |\n|---|---|---|---|---|\n'
for j in 1 2; do
    for fmt in text json ndjson github sarif gitlab junit baseline-write; do
        row="| $fmt | $j |"
        for n in 1 1000 5000; do
            if [ "$fmt" = baseline-write ]; then
                kb=$(rss -j "$j" -q --baseline-write "$tmp/base.json" --files-from "$tmp/list$n")
            else
                kb=$(rss -j "$j" --format "$fmt" --files-from "$tmp/list$n")
            fi
            row="$row $kb |"
        done
        echo "$row"
    done
done
