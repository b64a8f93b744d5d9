#!/bin/sh
# The benchmark harness itself (issue 14 item 4): bench/compare.sh --smoke
# runs every row on 3 inputs, checks that the floor program (bench/floor.c)
# verified each of them and rejects a tampered and a wrongly signed
# response, and that samlcheck passed the signed ones. No timing is
# asserted (a benchmark, not a timed test). About 10 s.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
builddir=$(cd "${top_builddir:-$srcdir/build}" && pwd)
[ -x "$builddir/src/samlcheck" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
for t in python3 xmlsec1 pkg-config; do
    command -v "$t" >/dev/null 2>&1 || { echo "1..0 # SKIP $t not found"; exit 0; }
done
[ -x /usr/bin/time ] || { echo "1..0 # SKIP GNU time not found"; exit 0; }
pkg-config --exists xmlsec1-openssl || { echo "1..0 # SKIP xmlsec1-openssl development files not found"; exit 0; }
python3 -c 'import cryptography' 2>/dev/null || { echo "1..0 # SKIP python3 cryptography not found"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..3"
if TMPDIR=$tmp sh "$srcdir/bench/compare.sh" --smoke "$builddir" >"$tmp/out" 2>"$tmp/err"; then
    echo "ok 1 - bench/compare.sh --smoke"
else
    echo "not ok 1 - bench/compare.sh --smoke"
    sed 's/^/# /' "$tmp/err" | tail -15
fi
# every row of the report is there
miss=""
for r in "one signed response per process" "one encrypted response per process" \
    "at the AWS size limit" "3 signed responses in one process" "3 encrypted responses in one process" \
    "metadata with 3 entities" "floor (parses the metadata" "Peak RSS" "-j 2 on two free cores"; do
    grep -q -e "$r" "$tmp/out" || miss="$miss [$r]"
done
if [ -z "$miss" ]; then echo "ok 2 - the report has every row"; else echo "not ok 2 - rows missing:$miss"; fi
# the temporary inputs are removed
if [ -z "$(ls "$tmp" | grep samlcheck-bench)" ]; then echo "ok 3 - temporary inputs removed"; else echo "not ok 3 - temporary inputs left in TMPDIR"; fi
