#!/bin/sh
# Run the libFuzzer binaries for a while each, starting from the committed
# seeds (testdata/corpus/<target>/), with a scratch working corpus so the
# tree stays clean. Exit status 1 when any target found a crash, a leak, a
# timeout (one input over 10 s) or ran out of memory; the artifact is in
# $OUT/<target>/ (crash-*, leak-*, timeout-*, oom-*) and the end of the log
# is printed. Commit a reproducer as testdata/corpus/<target>/<what> (once
# fixed) and make check replays it for ever.
#
#   CC=clang ../configure --enable-fuzzers && make -j && \
#     sh ../tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]
#   (or make fuzz-smoke, or scripts/test.sh --fuzz-smoke from the top)
#
# Run from the build directory. SECONDS defaults to 60.
set -u
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-input xml response metadata key policy config}
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
out=${OUT:-fuzz-out}
status=0
table=""
for t in $targets; do
    bin=./tests/fuzz/fuzz_${t}_libfuzzer
    [ -x "$bin" ] || { echo "no $bin: configure with CC=clang --enable-fuzzers" >&2; exit 2; }
    mkdir -p "$out/$t/corpus"
    rm -f "$out/$t"/crash-* "$out/$t"/leak-* "$out/$t"/timeout-* "$out/$t"/oom-*
    echo "== $t (${secs}s)"
    # -rss_limit_mb: xmlsec/OpenSSL allocate per run; 2 GiB is libFuzzer's default.
    rc=0
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions="$srcdir/tests/lsan.supp":print_suppressions=0 \
    top_srcdir="$srcdir" \
        "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$out/$t/" "$out/$t/corpus" "$srcdir/testdata/corpus/$t" \
        >"$out/$t/log" 2>&1 || rc=$?
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)|ERROR:|SUMMARY:' "$out/$t/log" | head -8
    found=$(ls "$out/$t"/crash-* "$out/$t"/leak-* "$out/$t"/timeout-* "$out/$t"/oom-* 2>/dev/null)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t/log" | tail -1)
    if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
        status=1
        echo "FAILED: $t (exit $rc) ${found:-}"
        tail -60 "$out/$t/log"
        table="$table$(printf '%-10s FAILED  %10s runs  %s' "$t" "${runs:-?}" "$found")
"
    else
        table="$table$(printf '%-10s ok      %10s runs' "$t" "${runs:-?}")
"
    fi
done
echo "== fuzz summary (${secs}s per target)"
printf '%s' "$table"
exit $status
