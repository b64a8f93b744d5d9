#!/bin/sh
# Enforced formatting (TAP): every C file of the tree (git ls-files 'src/*.[ch]'
# 'tests/*.[ch]' 'include/*.h' 'bench/*.[ch]', or find outside a git checkout)
# must be unchanged by `clang-format` with the tree's .clang-format. A file
# that differs is `not ok`. Fix it with
#   clang-format -i $(git ls-files 'src/*.[ch]' 'tests/*.[ch]' 'include/*.h' 'bench/*.[ch]')
# (whitespace only; after a merge, run it and commit the result separately).
# clang-format 14 (Debian 12, scripts/install-deps.sh) is the reference:
# other major versions format a few constructs differently, so outside CI
# their differences are reported as `# TODO` (not failures) with a note.
# Skipped (1..0 # SKIP) when clang-format is not installed, except under
# CI=true, where a missing clang-format fails; skipped when the tree has no
# .clang-format (the release tarball).
#   CLANG_FORMAT   the binary (default: clang-format)
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
cf=${CLANG_FORMAT:-clang-format}
ref_major=14
[ -f "$srcdir/.clang-format" ] || { echo "1..0 # SKIP no .clang-format (not in the tarball)"; exit 0; }
if ! command -v "$cf" >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then
        echo "1..1"
        echo "not ok 1 - $cf not installed: CI=true requires it (scripts/install-deps.sh installs clang-format)"
        exit 1
    fi
    echo "1..0 # SKIP $cf not installed (apt-get install clang-format, or scripts/install-deps.sh)"
    exit 0
fi
cd "$srcdir" || exit 1
# git's file list only at the top of a checkout (the distcheck tree lies
# inside the build directory of one, untracked: find there)
if command -v git >/dev/null 2>&1 && [ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$(pwd -P)" ]; then
    files=$(git ls-files 'src/*.[ch]' 'tests/*.[ch]' 'include/*.h' 'bench/*.[ch]' | LC_ALL=C sort)
else
    files=$(find src include tests bench -name '*.[ch]' 2>/dev/null | LC_ALL=C sort)
fi
n=$(echo "$files" | grep -c . || true)
echo "1..$n"
version=$("$cf" --version | head -1)
major=$(echo "$version" | sed -n 's/.*version \([0-9][0-9]*\)\..*/\1/p')
echo "# $version"
lenient=0
if [ "$major" != "$ref_major" ] && [ "${CI:-}" != true ]; then
    lenient=1
    echo "# clang-format $major is not the reference $ref_major: differences are reported as TODO"
fi
i=0
bad=0
for f in $files; do
    i=$((i + 1))
    # --Werror: a difference (or a clang-format error) is a non-zero exit
    if "$cf" --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "ok $i - $f"
        continue
    fi
    k=$("$cf" --style=file --dry-run "$f" 2>&1 | grep -c 'warning:' || true)
    if [ "$k" -eq 0 ]; then
        echo "not ok $i - $f: clang-format fails on it: $("$cf" --style=file --dry-run "$f" 2>&1 | head -1)"
        bad=$((bad + 1))
    elif [ "$lenient" = 1 ]; then
        echo "not ok $i - $f # TODO clang-format $major would change $k places"
    else
        echo "not ok $i - $f: clang-format would change $k places (clang-format -i $f)"
        bad=$((bad + 1))
    fi
done
echo "# $bad of $n files differ from .clang-format"
[ "$bad" -eq 0 ]
