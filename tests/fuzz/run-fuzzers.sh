#!/bin/sh
# Run the libFuzzer binaries for a while each, starting from the committed
# seeds (testdata/corpus/<target>/), with a scratch working corpus so the
# tree stays clean. Crashes are written to $OUT/<target>/crash-*; commit a
# reproducer as testdata/corpus/<target>/crash-<what> and make check replays it.
#
#   CC=clang ../configure --enable-fuzzers && make -j && \
#     sh ../tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]
#
# Run from the build directory. SECONDS defaults to 60.
set -u
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-input xml response metadata key policy}
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
out=${OUT:-fuzz-out}
status=0
for t in $targets; do
    bin=./tests/fuzz/fuzz_${t}_libfuzzer
    [ -x "$bin" ] || { echo "no $bin: configure with CC=clang --enable-fuzzers" >&2; exit 2; }
    mkdir -p "$out/$t/corpus"
    echo "== $t (${secs}s)"
    # -rss_limit_mb: xmlsec/OpenSSL allocate per run; 2 GiB is libFuzzer's default.
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions="$srcdir/tests/lsan.supp":print_suppressions=0 \
    top_srcdir="$srcdir" \
        "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$out/$t/" "$out/$t/corpus" "$srcdir/testdata/corpus/$t" \
        >"$out/$t/log" 2>&1 || status=1
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)|ERROR:|SUMMARY:' "$out/$t/log" | head -8
    ls "$out/$t"/crash-* "$out/$t"/leak-* "$out/$t"/timeout-* "$out/$t"/oom-* 2>/dev/null
done
exit $status
