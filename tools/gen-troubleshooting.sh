#!/bin/sh
# Write docs/troubleshooting.md to stdout: the guide that
# `samlcheck --list-rules --format troubleshooting` prints from the rule
# registry, with each `<!-- example: samlcheck ARGS -->` line followed by
# what that command prints when run from the top of the source tree on the
# shipped fixtures.
#   tools/gen-troubleshooting.sh [SAMLCHECK] > docs/troubleshooting.md
# tests/e2e/check-docs.sh runs it and compares with docs/troubleshooting.md.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${SAMLCHECK:-$top/build/src/samlcheck}}
cd "$top"
"$bin" --list-rules --format troubleshooting | while IFS= read -r line; do
    printf '%s\n' "$line"
    case $line in
    '<!-- example: samlcheck '*' -->')
        cmd=${line#<!-- example: samlcheck }
        cmd=${cmd% -->}
        printf '\n```console\n$ samlcheck %s\n' "$cmd"
        set +e
        # shellcheck disable=SC2086
        NO_COLOR=1 "$bin" $cmd 2>&1
        st=$?
        set -e
        printf '$ echo $?\n%s\n```\n' "$st"
        ;;
    esac
done
