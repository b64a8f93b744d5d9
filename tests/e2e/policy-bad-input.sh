#!/bin/sh
# Hostile and broken trust policies, to `samlcheck policy` and to
# `samlcheck response --trust-policy`: malformed JSON, a 10 MB policy,
# 10,000 statements, deep nesting, values of the wrong type, unknown
# operators. Each run must give a finding (never a crash, a sanitizer report
# or a silent pass) in bounded time; the 10 MB policy is timed. Output is TAP.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not found"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NOW=2025-06-01T12:00:00Z
T=${SAMLCHECK_TIMEOUT:-20}
R="$srcdir/testdata/responses/policy"
i=0

python3 - "$tmp" <<'PY'
import json, os, sys
d = sys.argv[1]
P = "arn:aws:iam::123456789012:saml-provider/ExampleIdP"
st = {"Effect": "Allow", "Principal": {"Federated": P}, "Action": "sts:AssumeRoleWithSAML",
      "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}
def w(name, text):
    open(os.path.join(d, name), "w", encoding="utf-8").write(text)
w("10k.json", json.dumps({"Version": "2012-10-17", "Statement": [st] * 10000}))
big = {"Version": "2012-10-17", "Statement": [dict(st, Condition={
    "StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"},
    "StringLike": {"saml:sub": ["*x" * 40 + str(i) for i in range(1200)]}}) for _ in range(100)]}
w("10mb.json", json.dumps(big))
w("deep.json", '{"Version":"2012-10-17","Statement":' + "[" * 5000 + "]" * 5000 + "}")
w("deep-condition.json", json.dumps({"Version": "2012-10-17", "Statement": [dict(st, Condition={
    "StringEquals": {"SAML:aud": [[[["https://signin.aws.amazon.com/saml"]]]]}})]}))
w("types.json", json.dumps({"Version": 2012, "Statement": [{"Effect": True, "Principal": {"Federated": 5},
   "Action": [1, None], "Condition": {"StringEquals": {"saml:aud": {"a": 1}}}}, None, "x", []]}))
w("unknown-operators.json", json.dumps({"Version": "2012-10-17", "Statement": [dict(st, Condition={
    "StringEqualsWhatever": {"SAML:aud": "x"}, "NullIfExists": {"saml:sub": "true"},
    "ForSomeValues:StringLike": {"aws:TagKeys": "*"}})]}))
w("truncated.json", json.dumps({"Version": "2012-10-17", "Statement": [st]})[:97])
w("binary.json", "".join(chr((i * 131 + 7) % 256) for i in range(4096)))
PY
: >"$tmp/empty.json"
echo "1..13"

# run NAME WANT_STATUS SECONDS ARGS... -- RULE...: exit status, each RULE
# reported, no sanitizer report, finished within SECONDS.
run() {
    name=$1 want=$2 limit=$3
    shift 3
    args=""
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        args="$args $1"
        shift
    done
    [ $# -gt 0 ] && shift
    i=$((i + 1))
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    timeout "$T" "$bin" $args --now "$NOW" --format json >"$tmp/out" 2>"$tmp/err"
    got=$?
    ms=$((($(date +%s%N) - start) / 1000000))
    fail=""
    [ "$got" = 124 ] && fail="timed out after ${T}s"
    [ -z "$fail" ] && [ "$got" != "$want" ] && fail="exit status $got, expected $want"
    for rule in "$@"; do
        grep -q "\"rule\": \"$rule\"" "$tmp/out" || fail="${fail:+$fail; }no $rule finding"
    done
    grep -qE 'Sanitizer|runtime error:' "$tmp/err" && fail="${fail:+$fail; }sanitizer report"
    [ "$ms" -gt $((limit * 1000)) ] && fail="${fail:+$fail; }took ${ms} ms (limit ${limit} s)"
    if [ -z "$fail" ]; then
        echo "ok $i - $name (${ms} ms)"
    else
        echo "not ok $i - $name # $fail"
        head -c 1500 "$tmp/out" | sed 's/^/# /'
        head -5 "$tmp/err" | sed 's/^/# stderr: /'
    fi
}

# The timed bounds are generous (a loaded machine, sanitizer builds);
# docs/policy.md records the measured times.
run "10,000 statements" 1 5 policy "$tmp/10k.json" -- policy/size
run "10 MB policy" 1 5 policy "$tmp/10mb.json" -- policy/size
run "10 MB policy against a response" 1 10 response "$R/one-role.xml" --metadata "$R/metadata.xml" \
    --trust-policy "$tmp/10mb.json" -- policy/size
run "nesting 5,000 deep" 1 5 policy "$tmp/deep.json" -- policy/json-invalid
run "nested arrays as condition values" 1 5 policy "$tmp/deep-condition.json" -- policy/statement-invalid
run "values of the wrong type" 1 5 policy "$tmp/types.json" -- policy/version policy/statement-invalid
run "unknown operators" 1 5 policy "$tmp/unknown-operators.json" -- policy/statement-invalid
run "unknown operators against a response: unevaluable, not allowed" 1 5 response "$R/one-role.xml" \
    --metadata "$R/metadata.xml" --trust-policy "$tmp/unknown-operators.json" -- \
    policy/condition-unevaluable policy/statement-invalid
run "truncated JSON" 1 5 policy "$tmp/truncated.json" -- policy/json-invalid
run "binary junk" 1 5 policy "$tmp/binary.json" -- policy/json-invalid
run "empty file is unreadable" 2 5 policy "$tmp/empty.json" -- input/unreadable
run "truncated JSON as --trust-policy: a finding, the response still checked" 1 5 response \
    "$R/one-role.xml" --metadata "$R/metadata.xml" --trust-policy "$tmp/truncated.json" -- \
    policy/json-invalid
# a missing --trust-policy or --context file is a usage error
i=$((i + 1))
"$bin" response "$R/one-role.xml" --trust-policy "$R/one-role.xml" --context @"$tmp/nope.txt" \
    --now "$NOW" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" = 2 ] && grep -q -- '--context @' "$tmp/err"; then
    echo "ok $i - a missing --context @FILE exits 2 with the reason"
else
    echo "not ok $i - missing --context @FILE: exit $st: $(head -1 "$tmp/err")"
fi
