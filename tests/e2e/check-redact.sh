#!/bin/sh
# --redact (issue 12): no personal value of testdata/captures/personal.har
# (NameID, session name, source identity, tag values, an e-mail in another
# attribute, the POST URL's query string, the RelayState query, the cookie)
# may appear in any output format or in `show`; ARNs, certificates and rule
# IDs stay; the same value gets the same hash everywhere. Without --redact
# the values are there (so the greps can fail).
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
har="$srcdir/testdata/captures/personal.har"
md="$srcdir/testdata/responses/idp-metadata.xml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/personal" <<'V'
jane.doe@corp.example.com
jane.doe%40corp.example.com
jdoe-laptop42
jane src 9f2
Finance#Payroll
cc-77123
jane.personal@mailbox.example.org
login_hint
a8f3k2
jane-acct-hint
s3cr3tcookievalue
V
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
echo "1..12"
formats="text json sarif"
for f in $formats; do
    # --wide: no line wrapping between a word and the value the greps look for
    "$bin" response --redact --wide --format "$f" --now 2025-06-01T12:00:00Z --metadata "$md" "$har" >"$tmp/$f" 2>&1
done
"$bin" show --redact "$har" >"$tmp/show" 2>&1
for f in $formats show; do
    if leaked=$(grep -F -f "$tmp/personal" "$tmp/$f"); then
        notok "$f: no personal value"; echo "$leaked" | head -5 | sed 's/^/# leaked: /'
    else ok "$f: no personal value"; fi
done
for f in $formats show; do
    # SARIF carries findings only, and no finding here names an ARN
    if { [ "$f" = sarif ] || grep -q 'arn:aws:iam::123456789012:role/Developer' "$tmp/$f"; } &&
        grep -q '\[redacted:[0-9a-f]\{8\}\]' "$tmp/$f"; then
        ok "$f: ARNs kept, values replaced by hashes"
    else notok "$f: ARNs kept, values replaced by hashes"; fi
done
if [ "$(cat "$tmp/text" "$tmp/json" "$tmp/sarif" | grep -c 'response/source-identity-invalid\|response/principal-tags\|response/nameid-pii')" -ge 9 ]; then
    ok "rule findings stay"
else notok "rule findings stay"; fi
tag=$(grep -o '"name_id": "\[redacted:[0-9a-f]*\]"' "$tmp/json" | grep -o '\[redacted:[0-9a-f]*\]')
if [ -n "$tag" ] && grep -qF "NameID \"$tag\"" "$tmp/text" && grep -qF "$tag</saml:NameID>" "$tmp/show"; then
    ok "the same NameID hashes the same in json, text and show"
else notok "stable hash ($tag)"; fi
"$bin" response --format json --now 2025-06-01T12:00:00Z --metadata "$md" "$har" >"$tmp/plain" 2>&1
if [ "$(grep -c -F -f "$tmp/personal" "$tmp/plain")" -ge 5 ]; then ok "without --redact the values are shown"; else notok "without --redact"; fi
"$bin" response --redact --format json --now 2025-06-01T12:00:00Z --metadata "$md" "$srcdir/testdata/captures/signin-1.xml" >"$tmp/cert" 2>&1
if grep -q '"sha256": "[0-9A-F:]*"' "$tmp/cert" && grep -q '"subject": "O=Example IdP,CN=idp.example.com"' "$tmp/cert"; then
    ok "certificates stay intact"
else notok "certificates stay intact"; fi
