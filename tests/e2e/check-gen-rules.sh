#!/bin/sh
# tools/gen-rules.py import: a specification change is reported (new rule,
# changed severity, changed AWS text, changed wording), and the in-tree
# registry agrees with the specification beside the tree when there is one.
# Skipped without python3. Output is TAP.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
gen="$srcdir/tools/gen-rules.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..3"
# A synthetic specification: xml/bom with another severity and AWS text, and a new rule.
cat >"$tmp/spec.md" <<'SPEC'
### xml/bom
* **Severity:** warning · **Applies to:** metadata
* **Check:** changed wording.
* **AWS error:** "Something else entirely."
* **Fix:** do it.
* **Source:** SEED-SAML.

### xml/brand-new
* **Severity:** info · **Applies to:** metadata
* **Check:** a new check.
* **AWS error:** none.
* **Fix:** none.
* **Source:** tool convention.
SPEC
python3 "$gen" import "$tmp/spec.md" >"$tmp/out" 2>&1
st=$?
if [ "$st" = 1 ] && grep -q '^SEVERITY xml/bom: error -> warning' "$tmp/out" &&
    grep -q '^AWS ERROR xml/bom' "$tmp/out" && grep -q '^TEXT xml/bom' "$tmp/out" &&
    grep -q '^NEW xml/brand-new' "$tmp/out" && grep -q '^REMOVED .*response/role-missing' "$tmp/out"; then
    echo "ok 1 - import reports new, removed, re-severitied, re-worded rules and changed AWS texts"
else
    echo "not ok 1 - import report (exit $st)"; head -20 "$tmp/out" | sed 's/^/# /'
fi
# import without --apply never writes
if python3 "$gen" --check >/dev/null 2>&1; then echo "ok 2 - the registry is unchanged after a report-only import"
else echo "not ok 2 - import without --apply changed the generated files"; fi
spec="$srcdir/../shared/RULES.md"
if [ -f "$spec" ]; then
    if python3 "$gen" import "$spec" --no-text >"$tmp/out" 2>&1; then
        echo "ok 3 - rule IDs, severities and AWS texts agree with the specification beside the tree"
    else
        echo "not ok 3 - the specification has changes not imported yet"; head -20 "$tmp/out" | sed 's/^/# /'
    fi
else
    echo "ok 3 # SKIP no specification beside the tree"
fi
