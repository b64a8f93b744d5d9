#!/bin/sh
# Refresh every end-to-end golden after a deliberate change of what users
# read, then review the diff before committing:
#   scripts/update-goldens.sh [BUILD_DIR]     (default: build/, made by scripts/test.sh)
#   git diff testdata/                        (review: every changed line is a user-visible change)
#   git add testdata/ && git commit
# It rebuilds the CLI, runs tests/e2e/run-cases.sh with UPDATE_EXPECTED=1
# (testdata/cases/*/*/expected.json, testdata/text/*/expected.txt and
# expected.stderr are rewritten; exit status and rule sets are still checked,
# they are written from RULES.md and never generated), and prints what changed.
# Exit status: 0 when every case still has its expected status and rules.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
b=${1:-$top/build}
b=$(cd "$b" 2>/dev/null && pwd) || { echo "update-goldens: no build directory $1 (run scripts/test.sh first)" >&2; exit 2; }
[ -f "$b/Makefile" ] || { echo "update-goldens: $b has no Makefile (run scripts/test.sh first)" >&2; exit 2; }
make -C "$b" -s -j2 src/samlcheck >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
UPDATE_EXPECTED=1 top_srcdir="$top" SAMLCHECK="$b/src/samlcheck" sh "$top/tests/e2e/run-cases.sh" >"$log" || true
bad=$(grep -c '^not ok' "$log" || true)
total=$(grep -c '^ok\|^not ok' "$log" || true)
cd "$top"
if command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1; then
    changed=$(git status --porcelain -- testdata/cases testdata/text | grep -c . || true)
    echo "update-goldens: $total cases run, $changed golden file(s) changed or added:"
    git status --short -- testdata/cases testdata/text | sed 's/^/  /'
    [ "$changed" -eq 0 ] || echo "review them with: git diff testdata/ (new files: git status testdata/)"
else
    echo "update-goldens: $total cases run"
fi
if [ "$bad" -ne 0 ]; then
    echo "update-goldens: $bad case(s) fail on exit status or rules (goldens were still written):"
    grep -A3 '^not ok' "$log" | sed 's/^/  /'
    exit 1
fi
