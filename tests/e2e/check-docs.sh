#!/bin/sh
# The generated documents and the registry stay in sync:
# 1. docs/rules.md is `samlcheck --list-rules --format markdown`;
# 2. docs/troubleshooting.md is what tools/gen-troubleshooting.sh makes from
#    the registry and the shipped fixtures (so it fails when a rule's AWS
#    text, a cause, a fix or an example's output changes without the guide);
# 3. src/report/rules.def and src/cli/aws_errors.def are what
#    tools/gen-rules.py makes from rules/ (skipped without python3);
# 4. the registry holds every rule ID of the specification it was imported
#    from (skipped when ../shared/RULES.md is not beside the tree).
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
echo "1..4"
tmp=$(mktemp)
"$bin" --list-rules --format markdown >"$tmp"
if cmp -s "$tmp" "$srcdir/docs/rules.md"; then echo "ok 1 - docs/rules.md matches the registry"
else echo "not ok 1 - docs/rules.md is stale: run src/samlcheck --list-rules --format markdown > docs/rules.md"; fi
if sh "$srcdir/tools/gen-troubleshooting.sh" "$bin" >"$tmp" 2>&1 && cmp -s "$tmp" "$srcdir/docs/troubleshooting.md"; then
    echo "ok 2 - docs/troubleshooting.md matches the registry and the examples"
else
    echo "not ok 2 - docs/troubleshooting.md is stale: run tools/gen-troubleshooting.sh build/src/samlcheck > docs/troubleshooting.md"
    diff "$srcdir/docs/troubleshooting.md" "$tmp" | head -20 | sed 's/^/# /'
fi
rm -f "$tmp"
if command -v python3 >/dev/null 2>&1; then
    if out=$(python3 "$srcdir/tools/gen-rules.py" --check 2>&1); then
        echo "ok 3 - src/report/rules.def and src/cli/aws_errors.def match rules/"
    else
        echo "not ok 3 - generated registry files are stale"; echo "$out" | sed 's/^/# /'
    fi
else
    echo "ok 3 # SKIP python3 not installed"
fi
spec="$srcdir/../shared/RULES.md"
if [ -f "$spec" ]; then
    missing=$(grep -oE '`(input|xml|metadata|response|key|policy|config|sec)/[a-z0-9-]+`' "$spec" | tr -d '`' | sort -u |
        while read -r id; do "$bin" explain "$id" >/dev/null 2>&1 || echo "$id"; done)
    if [ -z "$missing" ]; then echo "ok 4 - every rule ID of RULES.md is in the registry"
    else echo "not ok 4 - rules missing from the registry"; echo "$missing" | sed 's/^/# /'; fi
else
    echo "ok 4 # SKIP RULES.md not beside the tree"
fi
