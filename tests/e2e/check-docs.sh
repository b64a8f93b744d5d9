#!/bin/sh
# docs/rules.md is generated from the registry and must be in sync with it,
# and the registry must hold every rule ID of the specification it was
# generated from (RULES.md is not shipped in the tarball, so that part is
# skipped when absent).
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
echo "1..2"
tmp=$(mktemp)
"$bin" --list-rules --format markdown >"$tmp"
if cmp -s "$tmp" "$srcdir/docs/rules.md"; then echo "ok 1 - docs/rules.md matches the registry"
else echo "not ok 1 - docs/rules.md is stale: run src/samlcheck --list-rules --format markdown > docs/rules.md"; fi
rm -f "$tmp"
spec="$srcdir/../shared/RULES.md"
if [ -f "$spec" ]; then
    missing=$(grep -oE '`(input|xml|metadata|response|key|policy|config|sec)/[a-z0-9-]+`' "$spec" | tr -d '`' | sort -u |
        while read -r id; do "$bin" explain "$id" >/dev/null 2>&1 || echo "$id"; done)
    if [ -z "$missing" ]; then echo "ok 2 - every rule ID of RULES.md is in the registry"
    else echo "not ok 2 - rules missing from the registry"; echo "$missing" | sed 's/^/# /'; fi
else
    echo "ok 2 # SKIP RULES.md not beside the tree"
fi
