#!/bin/sh
# Benchmarks of samlcheck's checks (not part of make check).
#
#   bench/run.sh [BUILD_DIR]      (default: build/, made by scripts/test.sh)
#
# Builds bench/bench_check in BUILD_DIR, generates the inputs into
# BUILD_DIR/bench-out/ (filled templates, a signed response, the same as a
# HAR capture, and EntitiesDescriptor documents with 100 and 1000 IdPs), then
# for each scenario measures
#   - instructions of one check with valgrind --tool=callgrind (repeatable:
#     Ir(2 runs) - Ir(1 run), so process start-up, library initialisation
#     and loading --metadata/--key are not counted),
#   - wall time per check from a loop of N checks in one process,
#   - with hyperfine (if installed), the wall time of a whole process.
# Results: a Markdown table on stdout and in BUILD_DIR/bench-out/results.md.
# Environment: BENCH_ENTITIES (default "100 1000"), BENCH_DOS_CERTS (1000, the most
# certificates a metadata document may hold to be a trust anchor),
# BENCH_SECONDS (0.5).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
out="$build/bench-out"
mkdir -p "$out"
make -s -C "$build" bench/bench_check
bin="$build/bench/bench_check"
gen="$top/testdata/gen"
keys="$top/testdata/keys"

# ---- inputs
sh "$gen/fill.sh" "$gen/templates/metadata-ok.xml" >"$out/metadata.xml"
sh "$gen/fill.sh" "$gen/templates/response-ok.xml" >"$out/response.xml"
python3 "$gen/sign.py" "$out/response.xml" "$out/signed.xml" --target both >/dev/null
python3 - "$out/signed.xml" "$out/signed.har" <<'PY'
import base64, json, sys, urllib.parse
b = base64.b64encode(open(sys.argv[1], "rb").read()).decode()
body = "SAMLResponse=" + urllib.parse.quote_plus(b) + "&RelayState="
filler = [{"request": {"method": "GET", "url": "https://idp.example.com/static/%d.js" % i,
                       "headers": [{"name": "Accept", "value": "*/*"}] * 10},
           "response": {"status": 200, "content": {"size": 1000, "text": "x" * 1000}}}
          for i in range(200)]
entry = {"request": {"method": "POST", "url": "https://signin.aws.amazon.com/saml", "headers": [],
                     "postData": {"mimeType": "application/x-www-form-urlencoded", "text": body,
                                  "params": [{"name": "SAMLResponse", "value": urllib.parse.quote(b)}]}},
         "response": {"status": 302}}
json.dump({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
                   "entries": filler + [entry]}}, open(sys.argv[2], "w"), indent=1)
PY
# the work x certificates worst case (issue 8 item 7): a 1 MB signed
# response against metadata with many signing certificates, none the signer
dos_certs=${BENCH_DOS_CERTS:-1000}
python3 "$top/bench/gen-dos-inputs.py" "$out" "$dos_certs"
entities=${BENCH_ENTITIES:-100 1000}
for n in $entities; do
    python3 "$top/bench/gen-large-metadata.py" "$out/metadata.xml" "$n" "$out/entities-$n.xml"
done

# ---- scenarios: name|kind|input|extra options
scen="$out/scenarios"
{
    echo "metadata|metadata|$out/metadata.xml|"
    for n in $entities; do echo "metadata-${n}-entities|metadata|$out/entities-$n.xml|"; done
    echo "response-unsigned|response|$out/response.xml|--metadata $out/metadata.xml"
    echo "response-signed|response|$out/signed.xml|--metadata $out/metadata.xml"
    echo "response-har|response|$out/signed.har|--metadata $out/metadata.xml"
    enc="$top/testdata/responses/enc/aes256-gcm-oaep.xml"
    [ -f "$enc" ] && echo "response-encrypted|response|$enc|--metadata $top/testdata/responses/enc/metadata.xml --key $keys/sp-encryption.key"
    echo "response-1mb-${dos_certs}-certs|response|$out/response-1mb.xml|--metadata $out/metadata-certs-$dos_certs.xml"
    echo "key|key|$keys/sp-encryption.key|"
} >"$scen"

have_vg=0
command -v valgrind >/dev/null 2>&1 && have_vg=1
have_hf=0
command -v hyperfine >/dev/null 2>&1 && have_hf=1
secs=${BENCH_SECONDS:-0.5}

ir() { # instructions of a bench_check run (callgrind "Collected")
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 >/dev/null |
        sed -n 's/^==[0-9]*== Collected : *//p'
}

res="$out/results.md"
{
    echo "| scenario | input bytes | findings | Ir per check | ms per check | MB/s | process (hyperfine) |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
} >"$res"
while IFS='|' read -r name kind input extra; do
    # shellcheck disable=SC2086
    line=$("$bin" -n 1 $extra "$kind" "$input")
    bytes=$(echo "$line" | sed 's/.*: \([0-9]*\) bytes.*/\1/')
    findings=$(echo "$line" | sed 's/.* \([0-9]*\) findings.*/\1/')
    one=$(echo "$line" | sed 's/.* \([0-9.]*\) ms\/run.*/\1/')
    # enough runs for about $secs seconds
    n=$(awk -v ms="$one" -v s="$secs" 'BEGIN { n = int(s * 1000 / (ms > 0.001 ? ms : 0.001)); print (n < 3 ? 3 : (n > 100000 ? 100000 : n)) }')
    # shellcheck disable=SC2086
    line=$("$bin" -n "$n" $extra "$kind" "$input")
    ms=$(echo "$line" | sed 's/.* \([0-9.]*\) ms\/run.*/\1/')
    mbs=$(echo "$line" | sed 's/.* \([0-9.]*\) MB\/s.*/\1/')
    irs="-"
    if [ "$have_vg" = 1 ]; then
        # shellcheck disable=SC2086
        i1=$(ir -n 1 $extra "$kind" "$input" | tr -d ,)
        # shellcheck disable=SC2086
        i2=$(ir -n 2 $extra "$kind" "$input" | tr -d ,)
        [ -n "$i1" ] && [ -n "$i2" ] && irs=$((i2 - i1))
    fi
    hf="-"
    if [ "$have_hf" = 1 ]; then
        hf=$(hyperfine -N --warmup 3 --runs 20 --export-json "$out/hf-$name.json" \
                 "$bin -n 1 $extra $kind $input" >/dev/null 2>&1 &&
             python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.2f ms" % (r["mean"]*1e3))' "$out/hf-$name.json" || echo "-")
    fi
    echo "| $name | $bytes | $findings | $irs | $ms | $mbs | $hf |" >>"$res"
done <"$scen"
echo "# samlcheck $(git -C "$top" describe --always --dirty 2>/dev/null || echo '?'), $(uname -m), $(nproc 2>/dev/null || echo '?') CPUs"
cat "$res"
