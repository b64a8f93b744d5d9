#!/bin/sh
# Build samlcheck out of tree and run the whole test suite.
#   scripts/test.sh             warnings as errors, build/ , make check
#   scripts/test.sh --sanitize  ASan + UBSan (+ LeakSanitizer), build-sanitize/
#   scripts/test.sh --distcheck also run make distcheck
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mode=plain
[ "${1:-}" = "--sanitize" ] && mode=sanitize
[ "${1:-}" = "--distcheck" ] && mode=distcheck
cd "$top"
[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || ./autogen.sh >/dev/null
jobs=$(nproc 2>/dev/null || echo 2)
case $mode in
sanitize)
    b="$top/build-sanitize"
    flags="--enable-asan --enable-ubsan --enable-werror"
    ;;
*)
    b="$top/build"
    flags="--enable-werror"
    ;;
esac
mkdir -p "$b"
cd "$b"
if [ ! -f Makefile ] || [ "$top/configure" -nt config.status ]; then
    "$top/configure" -q $flags
fi
make -s -j"$jobs"
status=0
make -s -j"$jobs" check || status=$?
if [ "$status" -ne 0 ]; then
    for f in $(find . -name '*.log' ! -name config.log ! -name test-suite.log); do
        grep -qE '^(not ok|FAIL|ERROR)' "$f" 2>/dev/null && { echo "== $f"; grep -E '^(not ok|#)' "$f" | head -40; }
    done
fi
if [ "$mode" = sanitize ]; then
    if grep -rlE 'ERROR: (Address|Leak)Sanitizer|runtime error:' --include='*.log' . >/dev/null 2>&1; then
        echo "sanitizer reports found:"
        grep -rlE 'ERROR: (Address|Leak)Sanitizer|runtime error:' --include='*.log' .
        status=1
    fi
fi
if [ "$mode" = distcheck ] && [ "$status" -eq 0 ]; then
    make -s distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror || status=$?
fi
exit "$status"
