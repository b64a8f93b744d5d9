#!/bin/sh
# ThreadSanitizer over the CLI's worker threads (scripts/test.sh --tsan):
# batches of responses (with metadata, with decryption keys, with a trust
# policy), metadata, policies and keys checked with -j 4 in every format.
# Any data race stops the run with exit status 66 (halt_on_error).
# usage: tests/tsan-jobs.sh BUILD/src/samlcheck
set -u
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
t=$top/testdata
NOW=--now=2025-06-01T12:00:00Z
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
fail=0
run() {
    "$@" >/dev/null 2>"${TMPDIR:-/tmp}/tsan-jobs.$$"
    st=$?
    if [ "$st" -gt 2 ] || grep -q "ThreadSanitizer" "${TMPDIR:-/tmp}/tsan-jobs.$$"; then
        echo "FAIL (exit $st): $*" | cut -c1-200
        head -60 "${TMPDIR:-/tmp}/tsan-jobs.$$"
        fail=1
    else
        echo "ok (exit $st): $(echo "$*" | cut -c1-100)..."
    fi
    rm -f "${TMPDIR:-/tmp}/tsan-jobs.$$"
}
for fmt in json text sarif junit gitlab; do
    run "$bin" response $NOW --no-config -j 4 --format $fmt --metadata "$t/responses/idp-metadata.xml" \
        "$t"/responses/*.xml
done
run "$bin" response $NOW --no-config -j 4 --metadata "$t/responses/sig/metadata.xml" "$t"/responses/sig/*.xml
run "$bin" response $NOW --no-config -j 4 --metadata "$t/responses/enc/metadata.xml" \
    --key "$t/keys/sp-encryption.key" "$t"/responses/enc/*.xml
run "$bin" response $NOW --no-config -j 4 --metadata "$t/responses/policy/metadata.xml" \
    --trust-policy "$t/policies/console-saml.json" "$t"/responses/policy/*.xml
run "$bin" metadata $NOW --no-config -j 4 --format ndjson "$t"/metadata/*.xml
run "$bin" policy $NOW --no-config -j 4 "$t"/policies/*.json
run "$bin" key $NOW --no-config -j 4 "$t"/keys/*.key
[ "$fail" -eq 0 ] && echo "tsan-jobs: no data race"
exit "$fail"
