#!/bin/sh
# Hostile inputs at the size caps (issue 8, RULES.md sec/limits: no input
# under the caps may take more than 1 s): generates the worst input of each
# kind (bench/hostile.py) and times one samlcheck process on each. Not a
# test and not part of make check; results go to docs/performance.md
# ("Hostile inputs") by hand.
#
#   bench/hostile.sh [BUILD_DIR] [--only NAME,...] [--timeout SECONDS]
#
# BUILD_DIR defaults to build/ (scripts/test.sh: -O2 -g, no sanitizers).
# Inputs are written to BUILD_DIR/bench-out/hostile/ one at a time and
# deleted after their run; the table is also in results.md there. A run
# over --timeout (default 20 s) is killed and shown as "> 20".
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
case "${1:-}" in -*|"") ;; *) build=$(cd "$1" && pwd); shift ;; esac
[ -x "$build/src/samlcheck" ] || { echo "no $build/src/samlcheck: run scripts/test.sh first" >&2; exit 2; }
echo "# samlcheck $(git -C "$top" describe --always --dirty 2>/dev/null || echo '?'), $(uname -m), $(nproc 2>/dev/null || echo '?') CPUs"
exec python3 "$top/bench/hostile.py" "$build/src/samlcheck" "$top" "$build/bench-out/hostile" "$@"
