#!/bin/sh
# Judging a capture as of its capture (issue 12), runs WITHOUT --now:
# a HAR's responses are judged as of their request times (startedDateTime),
# a SAML-tracer export's as of their IssueInstant (no request times), a bare
# response as of the system clock, and then its time findings fold into one
# response/expired finding that states the age and the --now to use.
# --now overrides all of it; a HAR time allows 60 s for the browser clock.
# Fixtures: testdata/gen/make-capture-fixtures.sh.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
cap="$srcdir/testdata/captures"
md="$srcdir/testdata/responses/idp-metadata.xml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
check() { # description, then a command that succeeds when the test passes
    d=$1
    shift
    n=$((n + 1))
    if "$@"; then echo "ok $n - $d"; else
        echo "not ok $n - $d"
        sed 's/^/# /' "$tmp/out" | head -30
    fi
}
rules() { grep -o '"rule": "[^"]*"' "$tmp/out" | sed 's/"rule": //; s/"//g' | LC_ALL=C sort | tr '\n' ' '; }
echo "1..11"

"$bin" response "$cap/three-signins.har" --metadata "$md" --format json >"$tmp/out" 2>&1
st=$?
check "HAR, three sign-ins recorded earlier: only the real causes (audience, IdP clock ahead)" \
    test "$st:$(rules)" = "1:input/multiple-saml response/audience response/not-yet-valid response/not-yet-valid response/not-yet-valid "
check "HAR: the summary shows each capture time and the IdP-to-browser clock offset" \
    sh -c 'grep -c "\"captured\": \"2025-06-01T1[12]:[0-9:]*Z (HAR request time; times judged as of it)\"" "$0" | grep -qx 3 &&
           grep -c "\"idp_clock_offset\": \"-2s" "$0" | grep -qx 2 && grep -q "\"idp_clock_offset\": \"+118s (" "$0"' "$tmp/out"

"$bin" response "$cap/three-signins.har" --metadata "$md" --now 2025-06-01T14:00:00Z --format json >"$tmp/out" 2>&1
check "HAR: --now overrides the capture times (every response expired, not folded)" \
    sh -c 'test "$(grep -c "\"rule\": \"response/expired\"" "$0")" -ge 6 && grep -q "\"rule\": \"response/issue-instant-stale\"" "$0"' "$tmp/out"

"$bin" response "$cap/three-signins.tracer.json" --metadata "$md" --format json >"$tmp/out" 2>&1
st=$?
check "SAML-tracer export: judged as of each IssueInstant, only the audience remains" \
    test "$st:$(rules)" = "1:input/multiple-saml response/audience "
check "SAML-tracer export: the summary names the export time as an upper bound" \
    grep -q '"captured": "before 2025-06-01T13:40:00Z (SAML-tracer export time; no request time' "$tmp/out"

"$bin" response "$cap/signin-1.xml" --metadata "$md" --format json >"$tmp/out" 2>&1
st=$?
check "bare response judged at the clock: one response/expired error, nothing else" \
    test "$st:$(rules)" = "1:response/expired "
check "the age finding states the age and the command line to judge it as issued" \
    grep -q '"message": "the response expired .* ago (SubjectConfirmationData NotOnOrAfter: 2025-06-01T12:04:30Z; now is 20[0-9-]*T[0-9:]*Z); issued 2025-06-01T11:59:30Z, it is .* old\. .*samlcheck response --now 2025-06-01T11:59:30Z .*signin-1.xml"' "$tmp/out"

"$bin" response "$cap/signin-1.xml" --metadata "$md" --now 2025-06-01T11:59:30Z --format json >"$tmp/out" 2>&1
st=$?
check "the suggested --now: the response is clean as issued" test "$st:$(rules)" = "0:"

"$bin" response "$cap/signin-1.xml" --metadata "$md" --now 2025-06-01T13:00:00Z --format json >"$tmp/out" 2>&1
check "with an explicit --now every time limit is reported on its own" \
    test "$(rules)" = "response/expired response/expired response/issue-instant-stale response/issue-instant-stale "

"$bin" response - --metadata "$md" <"$cap/signin-1.xml" >"$tmp/out" 2>&1
check "text output: the age finding, and the totals line" \
    sh -c 'grep -q "error \[response/expired\] the response expired" "$0" && grep -q "^1 error(s), 0 warning(s), 0 info in 1 input(s)" "$0"' "$tmp/out"

"$bin" response "$srcdir/testdata/input/chrome.har" --format json >"$tmp/out" 2>&1
check "HAR: an IdP clock 24s ahead of the browser's is within the browser-clock allowance (60s)" \
    sh -c 'test "$(grep -o "\"rule\": \"[^\"]*\"" "$0" | tr "\n" " ")" = "\"rule\": \"response/unsigned\" " &&
           grep -q "\"idp_clock_offset\": \"+24s (" "$0"' "$tmp/out"
