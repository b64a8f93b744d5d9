#!/bin/sh
# Every rule a case expects must exist in the registry. Rules that no case
# names yet are listed (as TAP diagnostics) so that gaps stay visible.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
known=$("$bin" --list-rules | awk '{print $1}' | LC_ALL=C sort)
used=$(cat "$srcdir"/testdata/cases/*/*/rules 2>/dev/null | grep -v '^#' | awk 'NF {print $1}' | LC_ALL=C sort -u)
echo "1..2"
unknown=$(echo "$used" | while read -r id; do [ -z "$id" ] || echo "$known" | grep -qx "$id" || echo "$id"; done)
if [ -z "$unknown" ]; then echo "ok 1 - every expected rule exists"; else
    echo "not ok 1 - cases expect unknown rules"; echo "$unknown" | sed 's/^/# unknown: /'; fi
n=$(echo "$known" | grep -c .)
m=$(echo "$known" | while read -r id; do echo "$used" | grep -qx "$id" && echo "$id"; done | grep -c . || true)
echo "ok 2 - $m of $n rules are exercised by an end-to-end case"
echo "$known" | while read -r id; do echo "$used" | grep -qx "$id" || echo "# no case yet: $id"; done
