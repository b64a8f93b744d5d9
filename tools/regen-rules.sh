#!/bin/sh
# After editing rules/ (rules.txt, aws-errors.txt, sources.txt): regenerate
# everything derived from the rule texts, in order, with one command:
#   tools/regen-rules.sh [BUILD_DIR]      (default: build/, made by scripts/test.sh)
#   1. src/report/rules.def, src/cli/aws_errors.def   python3 tools/gen-rules.py
#   2. the CLI                                        make -C BUILD_DIR src/samlcheck
#   3. docs/rules.md                                  samlcheck --list-rules --format markdown
#   4. docs/troubleshooting.md                        tools/gen-troubleshooting.sh
# then lists the generated files that changed. tests/e2e/check-docs.sh fails
# when any of them is stale. See docs/architecture.md, "Adding a rule".
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
b=${1:-$top/build}
b=$(cd "$b" 2>/dev/null && pwd) || { echo "regen-rules: no build directory $1 (run scripts/test.sh first)" >&2; exit 2; }
[ -f "$b/Makefile" ] || { echo "regen-rules: $b has no Makefile (run scripts/test.sh first)" >&2; exit 2; }
cd "$top"
python3 tools/gen-rules.py
make -C "$b" -s -j2 src/samlcheck >/dev/null
bin="$b/src/samlcheck"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$bin" --list-rules --format markdown >"$tmp"
cmp -s "$tmp" docs/rules.md || cp "$tmp" docs/rules.md
sh tools/gen-troubleshooting.sh "$bin" >"$tmp"
cmp -s "$tmp" docs/troubleshooting.md || cp "$tmp" docs/troubleshooting.md
if command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1; then
    echo "regen-rules: changed:"
    git status --short -- rules src/report/rules.def src/cli/aws_errors.def docs/rules.md docs/troubleshooting.md | sed 's/^/  /'
fi
