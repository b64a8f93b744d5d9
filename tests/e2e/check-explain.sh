#!/bin/sh
# `samlcheck explain TEXT`: every AWS error text of the registry, pasted the
# way the console, the AWS CLI, the Java SDK, the Python SDK and the Go SDK
# print it (with request IDs), and split over lines on stdin, finds the rule
# that predicts it; bare error codes work; partial pastes work; an unrelated
# message finds nothing (exit 1) and lists the closest known ones. Output is TAP.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/out" | head -20; }

# finds WANT_RULE WANT_STATUS TEXT...: explain --format json TEXT lists WANT_RULE
finds() {
    want=$1; shift
    "$bin" explain --format json "$@" >"$tmp/out" 2>&1
    st=$?
    if [ "$st" = 0 ] && tr -d ' \n' <"$tmp/out" | grep -q "\"rule\":\"$want\""; then
        ok "finds $want: $(printf '%s' "$*" | cut -c1-90)"
    else
        notok "exit $st, $want not found for: $*"
    fi
}

uuid=6f1c3e2a-1b2c-4d5e-8f90-0123456789ab
"$bin" --list-rules | awk '{print $1}' >"$tmp/ids"
while read -r id; do
    aws=$("$bin" explain "$id" | sed -n 's/^AWS error: //p')
    [ -n "$aws" ] && [ "$aws" != none ] || continue
    core=$(printf '%s' "$aws" | sed 's/ (service: [^)]*)$//')
    code=$(printf '%s' "$aws" | sed -n 's/.*error code: \([A-Za-z]*\))$/\1/p')
    [ -n "$code" ] || code=ValidationError
    # the console and the AWS page
    finds "$id" "$aws"
    finds "$id" "Error: $aws"
    # the AWS CLI
    finds "$id" "An error occurred ($code) when calling the AssumeRoleWithSAML operation: $core"
    # the Java SDK (v1), with request ID and proxy
    finds "$id" "com.amazonaws.services.securitytoken.model.${code}Exception: $core (Service: AWSSecurityTokenService; Status Code: 400; Error Code: $code; Request ID: $uuid; Proxy: null)"
    # the Python SDK (boto3), as a traceback's last line
    finds "$id" "botocore.errorfactory.${code}Exception: An error occurred ($code) when calling the AssumeRoleWithSAML operation: $core"
    # the Go SDK (v2)
    finds "$id" "operation error STS: AssumeRoleWithSAML, https response error StatusCode: 400, RequestID: $uuid, $code: $core"
    # a log line with a timestamp, quoted, split over lines, on stdin
    printf '2025-06-01T12:00:03.120Z ERROR sign-in failed: "%s"\n  request-id: %s\n' "$(printf '%s' "$core" | sed 's/ /\n/4')" "$uuid" >"$tmp/paste"
    if "$bin" explain --format json - <"$tmp/paste" >"$tmp/out" 2>&1 && tr -d ' \n' <"$tmp/out" | grep -q "\"rule\":\"$id\""; then
        ok "finds $id from a multi-line paste on stdin"
    else
        notok "multi-line paste on stdin: $id not found"
    fi
done <"$tmp/ids"

# the AWS troubleshooting page's headings, exactly as printed there
while IFS= read -r heading; do
    "$bin" explain --format json "$heading" >"$tmp/out" 2>&1
    st=$?
    if [ "$st" = 0 ] && tr -d ' \n' <"$tmp/out" | grep -q '"match":"exact"' &&
        tr -d ' \n' <"$tmp/out" | grep -Eq '"command":"samlcheck|"implemented":false'; then
        ok "AWS page heading: $(printf '%s' "$heading" | cut -c1-80)"
    else
        notok "AWS page heading (exit $st): $heading"
    fi
done <"$srcdir/testdata/explain/aws-page-headings.txt"
# whole pastes from other tools (PowerShell, .NET, JavaScript, saml2aws)
for f in "$srcdir"/testdata/explain/pastes/*.txt; do
    want=$(basename "$f" .txt)
    want=$(printf '%s' "${want%%--*}" | sed 's|_|/|')
    "$bin" explain --format json - <"$f" >"$tmp/out" 2>&1
    st=$?
    if [ "$st" = 0 ] && tr -d ' \n' <"$tmp/out" | grep -q "\"rule\":\"$want\""; then
        ok "paste $(basename "$f") finds $want"
    else
        notok "paste $(basename "$f") (exit $st): $want not found"
    fi
done
# bare error codes
finds response/signature-invalid InvalidIdentityToken
finds response/signature-cert-unknown InvalidIdentityTokenException
finds response/expired ExpiredTokenException
finds response/issue-instant-stale ExpiredToken
finds policy/no-saml-action AccessDenied
finds policy/json-invalid MalformedPolicyDocument
finds metadata/too-many-keys LimitExceeded
finds response/status IDPRejectedClaim
finds response/principal-tags PackedPolicyTooLarge
finds response/issuer-mismatch AuthSamlInvalidSamlResponseException
# partial pastes, unquoted words
finds response/role-missing invalid SAML response
finds response/signature-cert-unknown "signature invalid"
finds key/encrypted "Key is encrypted."
finds metadata/cert-key-too-small "Unable to parse metadata"
finds response/duration-exceeds-max "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."

# an unrelated message: nothing found, exit 1, the closest listed
for text in "The security token included in the request is invalid" "hello world"; do
    "$bin" explain --format json "$text" >"$tmp/out" 2>&1
    st=$?
    if [ "$st" = 1 ] && tr -d ' \n' <"$tmp/out" | grep -q '"found":false' &&
        tr -d ' \n' <"$tmp/out" | grep -q '"closest":\["'; then
        ok "an unrelated message finds nothing and lists the closest: $text"
    else
        notok "unrelated message (exit $st): $text"
    fi
    "$bin" explain "$text" >"$tmp/out" 2>&1
    if [ $? = 1 ] && grep -q "knows no AWS error message" "$tmp/out" && grep -q "closest known" "$tmp/out"; then
        ok "text output says so: $text"
    else
        notok "text output for an unrelated message: $text"
    fi
done

# a pasted text is untrusted: its terminal controls are escaped, never echoed raw
"$bin" explain "$(printf 'evil \033[31m \342\200\256 text')" >"$tmp/out" 2>&1
if grep -q 'U+202E' "$tmp/out" && ! LC_ALL=C grep -q "$(printf '\342\200\256')" "$tmp/out" &&
    ! LC_ALL=C grep -q "$(printf '\033')" "$tmp/out"; then
    ok "an unknown pasted text is shown with its controls escaped"
else
    notok "an unknown pasted text reaches the terminal with raw controls"
fi
# the text form names the message, the ranked rules, fix, command and inputs
"$bin" explain "An error occurred (AccessDenied) when calling the AssumeRoleWithSAML operation: Not authorized to perform sts:AssumeRoleWithSAML" >"$tmp/out" 2>&1
if grep -q '^AWS error: Not authorized to perform sts:AssumeRoleWithSAML' "$tmp/out" &&
    grep -q '^  1\. response/role-arn-invalid' "$tmp/out" && grep -q 'Confirm: *samlcheck response' "$tmp/out" &&
    grep -q 'role.json: .*aws iam get-role' "$tmp/out" && grep -q '^Ranking: ' "$tmp/out"; then
    ok "text output: message, ranked rules, command, inputs to gather, ranking basis"
else
    notok "text output of a found message"
fi
# no argument: the guide's table of contents
"$bin" explain >"$tmp/out" 2>&1
if [ $? = 0 ] && grep -q 'docs/troubleshooting.md' "$tmp/out" && grep -q ' 1\. Your request included an invalid SAML response' "$tmp/out"; then
    ok "explain without an argument prints the guide's contents"
else
    notok "explain without an argument"
fi
"$bin" explain --format json >"$tmp/out" 2>&1
if [ $? = 0 ] && tr -d ' \n' <"$tmp/out" | grep -q '"guide_section":1,"aws_error":"Yourrequestincluded'; then
    ok "explain --format json without an argument lists the known messages"
else
    notok "explain --format json without an argument"
fi
# rule IDs keep working; an unknown rule ID is a usage error
"$bin" explain response/role-whitespace >"$tmp/out" 2>&1 && grep -q '^response/role-whitespace (error)' "$tmp/out" &&
    ok "explain RULE still works" || notok "explain RULE"
"$bin" explain --format json response/role-whitespace >"$tmp/out" 2>&1 && tr -d ' \n' <"$tmp/out" | grep -q '"aws_messages":\["Yourrequest' &&
    ok "explain --format json RULE lists the AWS messages it causes" || notok "explain --format json RULE"
"$bin" explain response/no-such-rule >"$tmp/out" 2>&1
[ $? = 2 ] && ok "an unknown rule ID exits 2" || notok "an unknown rule ID"
"$bin" explain --format xml "x" >"$tmp/out" 2>&1
[ $? = 2 ] && ok "explain --format xml is refused (exit 2)" || notok "explain --format xml"
"$bin" explain --bogus Response signature invalid >"$tmp/out" 2>&1
[ $? = 2 ] && grep -q "unknown option '--bogus'" "$tmp/out" && ok "explain --bogus is refused (exit 2), not searched as text" || notok "explain --bogus"
"$bin" explain -- --format json >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "knows no AWS error message" "$tmp/out" && ok "after --, a text that begins with '-' is searched" || notok "explain -- TEXT"
# untrusted pastes: long adversarial texts finish quickly; over the cap, or
# not text, is a usage error
to=""
command -v timeout >/dev/null 2>&1 && to="timeout 20"
for unit in "(service: " "a." "a" "1" "An error occurred (" "x.yexception " "(Service: AWSSecurityTokenService; "; do
    awk -v u="$unit" 'BEGIN { while (length(s) < 60000) s = s u; print s }' >"$tmp/big"
    $to "$bin" explain - <"$tmp/big" >"$tmp/out" 2>&1
    st=$?
    [ "$st" = 1 ] && ok "a 60,000-byte paste of '$unit' finishes (nothing found)" || notok "60,000-byte paste of '$unit': exit $st"
done
awk 'BEGIN { while (length(s) < 70000) s = s "abcdefgh"; print s }' >"$tmp/big"
"$bin" explain - <"$tmp/big" >"$tmp/out" 2>&1
[ $? = 2 ] && grep -q "longer than" "$tmp/out" && ok "a paste over 64 KiB is refused (exit 2)" || notok "a paste over 64 KiB"
printf 'Response signature\000invalid' >"$tmp/nul"
"$bin" explain - <"$tmp/nul" >"$tmp/out" 2>&1
[ $? = 2 ] && ok "a paste with a NUL byte is refused (exit 2)" || notok "a paste with a NUL byte"
printf 'Response \377\376 signature invalid' >"$tmp/bad"
"$bin" explain --format json - <"$tmp/bad" >"$tmp/out" 2>&1
st=$?
if [ "$st" = 1 ] && tr -d ' \n' <"$tmp/out" | grep -q '"query":null,"normalized":null'; then
    ok "a non-UTF-8 paste gives valid JSON with null query (exit 1)"
else
    notok "a non-UTF-8 paste (exit $st)"
fi
echo "1..$n"
exit 0
