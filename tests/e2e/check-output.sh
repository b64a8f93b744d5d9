#!/bin/sh
# Readable text output (issue 12): 100 columns by default (a too-wide table
# becomes records, a fingerprint on its own line), --wide keeps the table;
# a capture's responses get an index (entry, time, verdict, URL) and short
# labels; findings on decoded input cite "decoded XML line N", which
# `show` prints numbered; `show --key` prints the decrypted assertion;
# role-not-offered lists the offered roles; -q keeps the totals line.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
td="$srcdir/testdata"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
t() {
    d=$1
    shift
    n=$((n + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $n - $d"; else echo "not ok $n - $d"; sed 's/^/# /' "$tmp/out" | head -10; fi
}
wide() { awk 'length($0) > 100 { bad = 1 } END { exit bad ? 0 : 1 }' "$1"; }
echo "1..13"
NOW=--now=2025-06-01T12:00:00Z
"$bin" metadata $NOW "$srcdir/examples/metadata/okta.xml" >"$tmp/out" 2>&1
t "metadata text fits 100 columns" sh -c "! awk 'length(\$0) > 100 { bad = 1 } END { exit bad ? 0 : 1 }' '$tmp/out'"
t "the SHA-256 fingerprint stands on its own line" grep -qE '^ *BC:6A:D8:15:A7:23:83:8E:73:D6:98:03:80:F2:09:4E:0D:74:94:ED:F0:32:7F:46:2C:04:5D:BC:E8:85:C7:A5$' "$tmp/out"
"$bin" metadata --wide $NOW "$srcdir/examples/metadata/okta.xml" >"$tmp/out" 2>&1
t "--wide prints the certificate table" sh -c "grep -q '^ *USE  *SUBJECT  *ISSUER' '$tmp/out' && awk 'length(\$0) > 100 { bad = 1 } END { exit bad ? 0 : 1 }' '$tmp/out'"
(cd "$td/captures" && "$bin" response --metadata ../responses/idp-metadata.xml three-signins.har) >"$tmp/out" 2>&1
t "a capture with three responses starts with an index line per response" \
    sh -c "head -1 '$tmp/out' | grep -qx 'three-signins.har: 3 responses' &&
           sed -n 2p '$tmp/out' | grep -qE '^  #2 +2025-06-01T11:59:32Z +no errors or warnings +https://signin.aws.amazon.com/saml$' &&
           sed -n 3p '$tmp/out' | grep -qE '^  #4 +2025-06-01T12:19:32Z +1 error\(s\), 0 warning\(s\)'"
t "diagnostics use the short label and cite the decoded XML line" \
    grep -qE '^.*three-signins.har#4, decoded XML line [0-9]+: error \[response/audience\]' "$tmp/out"
t "the capture's text output fits 100 columns" sh -c "! awk 'length(\$0) > 100 { bad = 1 } END { exit bad ? 0 : 1 }' '$tmp/out'"
line=$(grep -o 'three-signins.har#4, decoded XML line [0-9]*: error \[response/audience\]' "$tmp/out" | sed 's/.*line \([0-9]*\):.*/\1/')
"$bin" show --har-entry 4 "$td/captures/three-signins.har" >"$tmp/out" 2>&1
t "show numbers the decoded lines: the cited line holds the AudienceRestriction" \
    grep -qE "^ *$line  +<saml:AudienceRestriction>" "$tmp/out"
"$bin" response -q --metadata "$td/responses/idp-metadata.xml" "$td/captures/three-signins.har" >"$tmp/out" 2>&1
t "-q: no summary, the totals line stays" sh -c "! grep -q 'Issuer:' '$tmp/out' && tail -1 '$tmp/out' | grep -qx '4 error(s), 0 warning(s), 1 info in 3 input(s)'"
"$bin" response $NOW --format json --metadata "$td/responses/attrs/metadata.xml" --role-arn arn:aws:iam::123456789012:role/Admin "$td/responses/attrs/ok-tags.xml" >"$tmp/out" 2>&1
t "role-not-offered lists the offered roles" grep -q 'is not among the 2 role/provider pairs the response offers; offered: \\"arn:aws:iam::123456789012:role/Developer\\", \\"arn:aws:iam::123456789012:role/ReadOnly\\"' "$tmp/out"
"$bin" show --key "$td/keys/sp-encryption.key" "$td/responses/enc/aes256-gcm-oaep.xml" >"$tmp/out" 2>&1
st=$?
t "show --key prints the decrypted assertion" sh -c "[ $st -eq 0 ] && grep -q '==> the EncryptedAssertion of line 6, decrypted:' '$tmp/out' && grep -qE '^ +[0-9]+  .*<saml:NameID' '$tmp/out'"
"$bin" show "$td/responses/enc/aes256-gcm-oaep.xml" >"$tmp/out" 2>&1
t "show without --key leaves it encrypted" sh -c "! grep -q 'decrypted' '$tmp/out' && ! grep -q '<saml:NameID' '$tmp/out'"
(cd "$td/input" && "$bin" response $NOW response-ok.b64) >"$tmp/out" 2>&1
t "a base64 input cites decoded XML lines too" grep -qE '^response-ok.b64, decoded XML line [0-9]+: error \[response/unsigned\]' "$tmp/out"
(cd "$td/responses/enc" && "$bin" response $NOW --metadata metadata.xml --key ../../keys/sp-encryption.key unsigned.xml) >"$tmp/out" 2>&1
t "a finding in the decrypted assertion cites its line there (show --key numbers it)" \
    grep -qE '^unsigned.xml, decrypted assertion line 1: error \[sec/decrypted-unsigned\]' "$tmp/out"
