#!/bin/sh
# The installed library exports exactly the public API: every dynamic symbol
# of .libs/libsamlcheck.so starts with samlcheck_, the set equals
# tests/exports.txt, and every function declared in include/samlcheck/*.h is
# exported. Output is TAP.
# Environment (set by make check): top_srcdir, top_builddir.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
builddir=${top_builddir:-.}
so=""
for c in "$builddir/.libs/libsamlcheck.so" "$srcdir/.libs/libsamlcheck.so"; do
    [ -f "$c" ] && { so=$c; break; }
done
[ -n "$so" ] || { echo "1..0 # SKIP .libs/libsamlcheck.so not built (--disable-shared?)"; exit 0; }
command -v nm >/dev/null 2>&1 || { echo "1..0 # SKIP nm not found"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..3"
# Defined dynamic symbols (T, D, B, R, ...), without version suffixes.
nm -D --defined-only "$so" | awk 'NF >= 3 { print $3 }' | sed 's/@.*//' | LC_ALL=C sort -u >"$tmp/got"
grep -v '^#' "$srcdir/tests/exports.txt" | sed '/^[[:space:]]*$/d' | LC_ALL=C sort -u >"$tmp/want"

bad=$(grep -v '^samlcheck_' "$tmp/got" || true)
if [ -z "$bad" ]; then echo "ok 1 - every exported symbol starts with samlcheck_"
else echo "not ok 1 - symbols outside the samlcheck_ namespace are exported"; echo "$bad" | sed 's/^/# /'; fi

if cmp -s "$tmp/got" "$tmp/want"; then echo "ok 2 - exports match tests/exports.txt"
else
    echo "not ok 2 - exports differ from tests/exports.txt (- listed only, + exported only)"
    diff "$tmp/want" "$tmp/got" | grep '^[<>]' | sed 's/^</# -/; s/^>/# +/'
fi

grep -ohE '\bsamlcheck_[a-z0-9_]+ *\(' "$srcdir"/include/samlcheck/*.h | tr -d ' (' | LC_ALL=C sort -u >"$tmp/decl"
missing=$(LC_ALL=C comm -23 "$tmp/decl" "$tmp/got")
if [ -z "$missing" ]; then echo "ok 3 - every function declared in include/samlcheck/ is exported"
else echo "not ok 3 - declared in a public header but not exported"; echo "$missing" | sed 's/^/# /'; fi
