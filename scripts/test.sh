#!/bin/sh
# Build samlcheck out of tree and run the whole test suite.
#   scripts/test.sh             warnings as errors, build/ , make check
#   scripts/test.sh --sanitize  ASan + UBSan (+ LeakSanitizer), build-sanitize/
#   scripts/test.sh --valgrind  the test programs (unit tests, fuzz replays)
#                               under valgrind memcheck, build-valgrind/
#   scripts/test.sh --distcheck build/ as above, then make distcheck
#   scripts/test.sh --fuzz-smoke  clang libFuzzer + ASan + UBSan build in
#                               build-fuzz/, then make fuzz-smoke: every fuzz
#                               target for FUZZ_SECONDS (default 60) each
#   scripts/test.sh --tsan      ThreadSanitizer build in build-tsan/, then the
#                               threaded tests only (tests/unit/test_threads:
#                               the threading contract of docs/api.md; and
#                               tests/tsan-jobs.sh: the CLI with -j 4)
#   scripts/test.sh --alloc-fail  ASan + UBSan + --enable-alloc-fail build in
#                               build-alloc/, then tests/alloc-fail.sh (the
#                               Nth allocation fails; RUNS, FULL, CASES)
# Exit status: 0 when every test passed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mode=plain
case "${1:-}" in
--sanitize) mode=sanitize ;;
--valgrind) mode=valgrind ;;
--distcheck) mode=distcheck ;;
--fuzz-smoke) mode=fuzz ;;
--alloc-fail) mode=alloc ;;
--tsan) mode=tsan ;;
"") ;;
*) echo "usage: scripts/test.sh [--sanitize|--valgrind|--distcheck|--fuzz-smoke|--alloc-fail|--tsan]" >&2; exit 2 ;;
esac
cd "$top"
[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || ./autogen.sh >/dev/null
jobs=$(nproc 2>/dev/null || echo 2)
case $mode in
sanitize)
    b="$top/build-sanitize"
    flags="--enable-asan --enable-ubsan --enable-werror"
    ;;
fuzz)
    b="$top/build-fuzz"
    flags="--enable-fuzzers --enable-werror"
    export CC=clang
    ;;
alloc)
    b="$top/build-alloc"
    flags="--enable-asan --enable-ubsan --enable-alloc-fail --enable-werror"
    ;;
tsan)
    b="$top/build-tsan"
    flags="--enable-werror"
    CFLAGS="-g -O1 -fsanitize=thread"
    LDFLAGS="-fsanitize=thread"
    export CFLAGS LDFLAGS
    ;;
valgrind)
    b="$top/build-valgrind"
    flags="--enable-valgrind --enable-werror"
    ;;
*)
    b="$top/build"
    flags="--enable-werror"
    ;;
esac
mkdir -p "$b"
cd "$b"
if [ ! -f Makefile ] || [ "$top/configure" -nt config.status ]; then
    # shellcheck disable=SC2086
    "$top/configure" -q $flags
fi
make -s -j"$jobs"
if [ "$mode" = fuzz ]; then
    exec make -s fuzz-smoke FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
fi
if [ "$mode" = tsan ]; then
    # halt_on_error: any data race fails the run (exitcode 66)
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" make -s check \
        TESTS=tests/unit/test_threads || exit $?
    # the CLI's worker threads (-j 4) over a batch of every kind
    exec "$top/tests/tsan-jobs.sh" "$b/src/samlcheck"
fi
if [ "$mode" = alloc ]; then
    exec "$top/tests/alloc-fail.sh" "$b"
fi
status=0
if [ "$mode" != distcheck ] || [ ! -f test-suite.log ]; then
    make -s -j"$jobs" check || status=$?
fi
if [ "$status" -ne 0 ]; then
    for f in $(find . -name '*.log' ! -name config.log ! -name test-suite.log); do
        grep -qE '^(not ok|FAIL|ERROR)' "$f" 2>/dev/null && { echo "== $f"; grep -E '^(not ok|#)' "$f" | grep -v '# TODO' | head -40; }
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
