#!/bin/sh
# samlcheck against the floor, in one command and one run (issue 14 item 4).
#
#   bench/compare.sh [--quick | --smoke] [--no-callgrind] [--no-doc]
#                    [--doc FILE] [BUILD_DIR]
#
# Builds bench/floor.c (parse + decrypt + verify the Response and Assertion
# signatures with libxml2 and xmlsec, nothing else) with `pkg-config
# xmlsec1-openssl`, generates the inputs into a temporary directory
# (bench/gen-bench-inputs.py: distinct signed and encrypted responses made
# from the committed fixture template and keys, a response at the AWS size
# limit, metadata with 1, 1,000 and 5,000 entities and a 10 MB one), then
# measures samlcheck (BUILD_DIR/src/samlcheck, default build/), the floor
# and `xmlsec1 --verify`:
#   - one response per process (hyperfine when installed, else a loop of
#     runs timed with /usr/bin/time): signed, encrypted, at the AWS limit;
#   - 1,000 responses in one process: samlcheck batch (-j 1) against the
#     floor's loop, signed and encrypted;
#   - -j 2 against -j 1 on 1,000 responses (wall; output compared);
#   - peak RSS of one call over 1, 1,000 and 10,000 inputs;
#   - one response against metadata with 1, 1,000 and 5,000 entities;
#   - `samlcheck metadata` on a 10 MB metadata document;
#   - instructions (valgrind --tool=callgrind; repeatable on a loaded
#     machine) of the per-process rows and per response in one process.
# Prints the tables with the ratios to the floor measured in this run and
# each issue-14 target met/missed, and replaces the part of docs/performance.md
# between <!-- bench:begin --> and <!-- bench:end --> (appended when the
# markers are missing; the rest of the page is left as it is).
#
# Modes: default full (30 runs per process row, best of 3 for the batch
# rows, callgrind over 1 + 20 responses); --quick (10 runs, best of 2,
# callgrind over 1 + 5: for CI-size runs and loaded machines); --smoke
# (3 inputs per row, 2 runs, no callgrind, no doc: checks the harness
# itself, that the floor verified every input and rejects a tampered and a
# wrongly signed response; exit 1 when not). --no-callgrind skips the
# instruction counts; --no-doc only prints; --doc FILE writes another file.
# BENCH_KEEP=1 keeps the temporary directory (its path is printed);
# BENCH_HYPERFINE=0 times the per-process rows without hyperfine.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mode=full cg=1 doc="$top/docs/performance.md" build=""
while [ $# -gt 0 ]; do
    case $1 in
    --quick) mode=quick ;;
    --smoke) mode=smoke ;;
    --full) mode=full ;;
    --no-callgrind) cg=0 ;;
    --no-doc) doc="" ;;
    --doc) shift; doc=$1 ;;
    -h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
    *) build=$1 ;;
    esac
    shift
done
build=$(cd "${build:-$top/build}" && pwd)
bin="$build/src/samlcheck"
[ -x "$bin" ] || { echo "compare.sh: $bin not built (run scripts/test.sh)" >&2; exit 2; }
case $mode in
full) N=1000 RSSN=10000 RUNS=30 BEST=3 K=20 ENT="1 1000 5000" ;;
quick) N=1000 RSSN=10000 RUNS=10 BEST=2 K=5 ENT="1 1000 5000" ;;
smoke) N=3 RSSN=3 RUNS=2 BEST=1 K=2 ENT="1 2 3" cg=0 doc="" ;;
esac
command -v valgrind >/dev/null 2>&1 || cg=0
[ -x /usr/bin/time ] || { echo "compare.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/samlcheck-bench.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "compare.sh: inputs and raw results kept in $tmp" >&2
else
    trap 'rm -rf "$tmp"' EXIT
    trap 'exit 130' INT TERM
fi
in="$tmp/in" raw="$tmp/raw"
mkdir -p "$raw"
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
started=$(date -u +%Y-%m-%dT%H:%MZ)

# ---- the floor
floor="$tmp/floor"
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -O2 -Wall -Wextra -o "$floor" "$top/bench/floor.c" \
    $(pkg-config --cflags --libs xmlsec1-openssl)

# ---- inputs
python3 "$top/bench/gen-bench-inputs.py" "$in" "$N" --rss-n "$RSSN" --entities "$ENT" \
    $([ "$mode" = smoke ] && echo --no-10mb)
md="$in/metadata.xml" key="$top/testdata/keys/sp-encryption.key"
NOW=--now=2025-06-01T12:00:00Z
one="$in/signed/r00000.xml" enc1="$in/enc/r00000.xml" big="$in/aws-limit.xml"
have_enc=0
[ -f "$in/enc.list" ] && have_enc=1
head -n 1 "$in/rss.list" >"$in/rss-1.list"
head -n "$N" "$in/rss.list" >"$in/rss-N.list"
head -n $((K + 1)) "$in/signed.list" >"$in/cg-signed.list"
head -n 1 "$in/signed.list" >"$in/cg-signed-1.list"
if [ "$have_enc" = 1 ]; then
    head -n $((K + 1)) "$in/enc.list" >"$in/cg-enc.list"
    head -n 1 "$in/enc.list" >"$in/cg-enc-1.list"
fi
# -j 1 for the per-core rows when the option exists (once -j lands the
# default may be all cores)
J1=""
"$bin" response -q "$NOW" --metadata "$md" -j 1 "$one" >/dev/null 2>&1 && J1="-j 1"
have_j=0
"$bin" response -q "$NOW" --metadata "$md" -j 2 "$one" "$one" >/dev/null 2>&1 && have_j=1
ID_ATTRS="--id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:Response --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion"
XMLSEC="xmlsec1 --verify --enabled-key-data key-name --pubkey-cert-pem $top/testdata/keys/idp-signing.crt $ID_ATTRS"
have_xmlsec=0
command -v xmlsec1 >/dev/null 2>&1 && $XMLSEC "$one" >/dev/null 2>&1 && have_xmlsec=1
have_hf=0
[ "${BENCH_HYPERFINE:-1}" = 1 ] && command -v hyperfine >/dev/null 2>&1 && have_hf=1

fail=0
die_smoke() { echo "compare.sh: $*" >&2; fail=1; }

# ---- measuring
# per_process NAME CMD...: RUNS processes; writes "wall_s cpu_s exit" (median
# wall with hyperfine, else mean; mean user+system CPU; exit status of the
# last run) to raw/NAME
log_cmd() { # log_cmd NAME CMD...: the exact command, for the report
    lc_name=$1; shift
    grep -q "^# $lc_name\$" "$tmp/commands" 2>/dev/null && return 0
    line=$*
    { echo "# $lc_name"; echo "$line"; } >>"$tmp/commands"
}
per_process() {
    name=$1; shift
    log_cmd "$name" "$@"
    if [ "$have_hf" = 1 ]; then
        hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$raw/$name.json" "$*" >/dev/null 2>&1
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.6f %.6f %d" % (r["median"], r["user"]+r["system"], r["exit_codes"][-1]))' \
            "$raw/$name.json" >"$raw/$name"
    else
        # one timed shell running the RUNS processes: GNU time's CPU counts
        # the children the shell waited for (per-process rusage is too coarse)
        "$@" >/dev/null 2>&1 || true
        /usr/bin/time -o "$raw/$name.t" -f "%e %U %S" sh -c '
            r=$1; shift; i=0; x=0
            while [ "$i" -lt "$r" ]; do "$@" >/dev/null 2>&1; x=$?; i=$((i + 1)); done
            echo "$x" >"$0"' "$raw/$name.x" "$RUNS" "$@" || true
        awk -v r="$RUNS" -v x="$(cat "$raw/$name.x")" '{ printf "%.6f %.6f %d\n", $1 / r, ($2 + $3) / r, x }' \
            "$raw/$name.t" >"$raw/$name"
    fi
}
# best_of NAME CMD...: BEST runs of one process; "wall_s cpu_s exit" (each the
# minimum) to raw/NAME, its stdout to raw/NAME.out, peak RSS (KB) to raw/NAME.rss
best_of() {
    name=$1; shift
    log_cmd "$name" "$@"
    : >"$raw/$name.t"
    i=0
    while [ "$i" -lt "$BEST" ]; do
        /usr/bin/time -a -o "$raw/$name.t" -f "%e %U %S %x %M" "$@" >"$raw/$name.out" 2>"$raw/$name.err" || true
        i=$((i + 1))
    done
    awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 + $3 < c { c = $2 + $3 } NR == 1 || $5 < m { m = $5 } { x = $4 }
         END { printf "%.6f %.6f %d\n", w, c, x; print m > "/dev/stderr" }' "$raw/$name.t" >"$raw/$name" 2>"$raw/$name.rss"
}
# ir NAME CMD...: instructions of the whole process (callgrind) to raw/NAME.ir
ir() {
    name=$1; shift
    if [ "$cg" = 1 ]; then
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            sed -n 's/^==[0-9]*== Collected : *//p' | tr -d , >"$raw/$name.ir"
    fi
}
get() { # get NAME FIELD(1 wall, 2 cpu, 3 exit)
    if [ -f "$raw/$1" ]; then cut -d' ' -f"$2" "$raw/$1"; else echo -; fi
}
getir() { if [ -s "$raw/$1.ir" ]; then cat "$raw/$1.ir"; else echo -; fi; }
floor_ok() { # floor_ok NAME DOCS: the floor's report says every document verified
    grep -q "^floor: $2 documents, [0-9]* signatures verified, 0 failed$" "$raw/$1.out" ||
        die_smoke "the floor did not verify $2 documents in $1: $(cat "$raw/$1.out" "$raw/$1.err" | tail -3)"
}

echo "compare.sh: $mode run, load average $load_start, $(nproc 2>/dev/null || echo '?') CPUs" >&2

# negative controls: the floor really verifies
if "$floor" "$md" "$in/tampered.xml" >/dev/null 2>&1; then die_smoke "the floor accepted a tampered response"; fi
if "$floor" "$md" "$in/wrong-signer.xml" >/dev/null 2>&1; then die_smoke "the floor accepted a response signed by another key"; fi
if [ "$have_xmlsec" = 1 ] && $XMLSEC "$in/tampered.xml" >/dev/null 2>&1; then die_smoke "xmlsec1 accepted a tampered response"; fi

# 1. one response per process
echo "compare.sh: one response per process" >&2
per_process pp-sc "$bin" response -q "$NOW" --metadata "$md" "$one"
per_process pp-floor "$floor" "$md" "$one"
[ "$have_xmlsec" = 1 ] && per_process pp-xmlsec $XMLSEC "$one"
per_process big-sc "$bin" response -q "$NOW" --metadata "$md" "$big"
per_process big-floor "$floor" "$md" "$big"
if [ "$have_enc" = 1 ]; then
    per_process ppe-sc "$bin" response -q "$NOW" --metadata "$md" --key "$key" "$enc1"
    per_process ppe-floor "$floor" --key "$key" "$md" "$enc1"
fi
for n in $ENT; do
    per_process ent$n-sc "$bin" response -q "$NOW" --metadata "$in/entities-$n.xml" "$one"
    per_process ent$n-floor "$floor" "$in/entities-$n.xml" "$one"
done
[ -f "$in/metadata-10mb.xml" ] && per_process md10-sc "$bin" metadata -q "$NOW" "$in/metadata-10mb.xml"
# the exit statuses: 0 expected for the responses
for r in pp-sc pp-floor big-sc big-floor; do
    [ "$(get $r 3)" = 0 ] || die_smoke "$r exited $(get $r 3)"
done

# 2. N responses in one process
echo "compare.sh: $N responses in one process" >&2
# shellcheck disable=SC2086
best_of batch-sc "$bin" response -q "$NOW" --metadata "$md" $J1 --files-from "$in/signed.list"
best_of batch-floor "$floor" -f "$in/signed.list" "$md"
floor_ok batch-floor "$N"
[ "$(get batch-sc 3)" = 0 ] || die_smoke "samlcheck over $N signed responses exited $(get batch-sc 3)"
if [ "$have_xmlsec" = 1 ]; then
    log_cmd batch-xmlsec $XMLSEC '$(cat IN/signed.list)'
    # shellcheck disable=SC2046
    best_of batch-xmlsec $XMLSEC $(cat "$in/signed.list")
fi
if [ "$have_enc" = 1 ]; then
    # shellcheck disable=SC2086
    best_of batche-sc "$bin" response -q "$NOW" --metadata "$md" --key "$key" $J1 --files-from "$in/enc.list"
    best_of batche-floor "$floor" --key "$key" -f "$in/enc.list" "$md"
    floor_ok batche-floor "$N"
    [ "$(get batche-sc 3)" = 0 ] || die_smoke "samlcheck over $N encrypted responses exited $(get batche-sc 3)"
fi

# 3. -j 2 against -j 1
jsame="-"
if [ "$have_j" = 1 ]; then
    echo "compare.sh: -j 2 against -j 1" >&2
    best_of j1 "$bin" response "$NOW" --metadata "$md" -j 1 --files-from "$in/signed.list"
    best_of j2 "$bin" response "$NOW" --metadata "$md" -j 2 --files-from "$in/signed.list"
    if cmp -s "$raw/j1.out" "$raw/j2.out"; then jsame=identical; else jsame=DIFFERENT; die_smoke "-j 2 output differs from -j 1"; fi
fi

# 4. peak RSS over 1, N and RSSN inputs in one call (default -j)
echo "compare.sh: peak RSS" >&2
BEST_SAVED=$BEST BEST=1
for s in 1 N all; do
    case $s in 1) l="$in/rss-1.list" ;; N) l="$in/rss-N.list" ;; all) l="$in/rss.list" ;; esac
    best_of rss-$s "$bin" response -q "$NOW" --metadata "$md" --files-from "$l"
done
BEST=$BEST_SAVED
tail -n 1 "$raw/rss-all.out" | grep -q "in $RSSN input(s)" || die_smoke "the RSS run did not check $RSSN inputs: $(tail -n 1 "$raw/rss-all.out")"

# 5. instructions
if [ "$cg" = 1 ]; then
    echo "compare.sh: instructions (callgrind)" >&2
    ir pp-sc "$bin" response -q "$NOW" --metadata "$md" "$one"
    ir pp-floor "$floor" "$md" "$one"
    [ "$have_xmlsec" = 1 ] && ir pp-xmlsec $XMLSEC "$one"
    ir big-sc "$bin" response -q "$NOW" --metadata "$md" "$big"
    ir big-floor "$floor" "$md" "$big"
    # shellcheck disable=SC2086
    ir cg1-sc "$bin" response -q "$NOW" --metadata "$md" $J1 --files-from "$in/cg-signed-1.list"
    # shellcheck disable=SC2086
    ir cgk-sc "$bin" response -q "$NOW" --metadata "$md" $J1 --files-from "$in/cg-signed.list"
    ir cg1-floor "$floor" -f "$in/cg-signed-1.list" "$md"
    ir cgk-floor "$floor" -f "$in/cg-signed.list" "$md"
    if [ "$have_enc" = 1 ]; then
        ir ppe-sc "$bin" response -q "$NOW" --metadata "$md" --key "$key" "$enc1"
        ir ppe-floor "$floor" --key "$key" "$md" "$enc1"
        # shellcheck disable=SC2086
        ir cge1-sc "$bin" response -q "$NOW" --metadata "$md" --key "$key" $J1 --files-from "$in/cg-enc-1.list"
        # shellcheck disable=SC2086
        ir cgek-sc "$bin" response -q "$NOW" --metadata "$md" --key "$key" $J1 --files-from "$in/cg-enc.list"
        ir cge1-floor "$floor" --key "$key" -f "$in/cg-enc-1.list" "$md"
        ir cgek-floor "$floor" --key "$key" -f "$in/cg-enc.list" "$md"
    fi
    for p in sc floor; do
        for e in "" e; do
            a=$(getir cg${e}1-$p) b=$(getir cg${e}k-$p)
            if [ "$a" != - ] && [ "$b" != - ]; then
                echo $(((b - a) / K)) >"$raw/per${e}-$p.ir"
            fi
        done
    done
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# ---- report
res="$tmp/results.md"
big_bytes=$(wc -c <"$big" | tr -d ' ')
md10_bytes=$([ -f "$in/metadata-10mb.xml" ] && wc -c <"$in/metadata-10mb.xml" | tr -d ' ' || echo 0)
export big_bytes md10_bytes raw N RSSN K mode have_j have_xmlsec have_enc have_hf cg jsame load_start load_end
python3 "$top/bench/compare-report.py" >"$res"
cat "$res"

if [ -n "$doc" ]; then
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
    {
        echo "Generated by \`bench/compare.sh$([ "$mode" = quick ] && echo ' --quick')$([ "$cg" = 0 ] && echo ' --no-callgrind')\` on $started"
        echo "(samlcheck $(git -C "$top" describe --always --dirty 2>/dev/null || echo '?'), $("$bin" --version 2>/dev/null | head -n 1)):"
        echo "$(nproc 2>/dev/null || echo '?') CPUs (${cpu:-unknown CPU}), load average $load_start at the start and $load_end at the end;"
        echo "libxml2 $(pkg-config --modversion libxml-2.0), xmlsec1 $(pkg-config --modversion xmlsec1), OpenSSL $(pkg-config --modversion openssl);"
        echo "$([ "$have_hf" = 1 ] && echo "hyperfine $(hyperfine --version | cut -d' ' -f2)" || echo "no hyperfine (a loop timed with /usr/bin/time)")."
        if awk -v l="${load_start%% *}" -v n="$(nproc 2>/dev/null || echo 1)" 'BEGIN { exit !(l >= n / 2) }'; then
            echo "The machine was shared and loaded while this ran: wall times are pessimistic;"
            echo "CPU seconds (user + system) and instruction counts are the figures to compare."
        fi
        echo
        cat "$res"
        echo
        echo "### Commands"
        echo
        echo "IN is the temporary input directory (\`python3 bench/gen-bench-inputs.py IN $N --rss-n $RSSN\`),"
        echo "floor is \`cc -std=c11 -O2 bench/floor.c \$(pkg-config --cflags --libs xmlsec1-openssl)\`;"
        echo "per-process rows: $([ "$have_hf" = 1 ] && echo "\`hyperfine -N -i --warmup 1 --runs $RUNS CMD\`" || echo "$RUNS runs in a loop under /usr/bin/time");"
        echo "one-process rows: best of $BEST under \`/usr/bin/time\`; instructions: \`valgrind --tool=callgrind CMD\`."
        echo
        echo '```sh'
        sed -e "s|$in|IN|g" -e "s|$top/||g" -e "s|$build/|BUILD/|g" -e "s|$tmp/||g" "$tmp/commands"
        echo '```'
    } >"$tmp/section.md"
    python3 - "$doc" "$tmp/section.md" <<'PY'
import sys
path, sec = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
B, E = "<!-- bench:begin -->", "<!-- bench:end -->"
try:
    text = open(path, encoding="utf-8").read()
except FileNotFoundError:
    text = "# Performance\n"
body = B + "\n" + sec.rstrip("\n") + "\n" + E
if B in text and E in text and text.index(B) < text.index(E):
    text = text[:text.index(B)] + body + text[text.index(E) + len(E):]
else:
    text = text.rstrip("\n") + "\n\n## samlcheck against the floor (bench/compare.sh)\n\n" + body + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
    echo "compare.sh: wrote the generated section of $doc" >&2
fi
if [ "$mode" = smoke ]; then
    [ "$fail" = 0 ] && echo "compare.sh: smoke OK (every row ran; the floor verified every input and rejected the tampered ones)" >&2
fi
exit "$fail"
