#!/bin/sh
# metadata/cert-key-degenerate on a response (RULES.md 0.2, issue 8 item 2):
# a response "signed" for a metadata key with RSA public exponent 1 (the
# SignatureValue is the PKCS#1 v1.5 padded DigestInfo itself, which anyone
# can compute) must never be trusted, and its legitimate twin (a genuine
# signature, the same metadata holding the good key and the degenerate one)
# stays trusted. The findings and exit status are in testdata/cases; this
# asserts the trust verdict JSON consumers read. Output is TAP.
set -u
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${SAMLCHECK:-./src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
sig="$srcdir/testdata/responses/sig"
now="--now 2025-06-01T12:00:00Z --format json"
echo "1..4"
i=0
check() { # want-trusted want-result response metadata
    i=$((i + 1))
    # shellcheck disable=SC2086
    out=$("$bin" response "$sig/$3" --metadata "$sig/$4" $now 2>&1)
    t=$(printf '%s\n' "$out" | grep -o '"trusted": [a-z]*' | head -1)
    r=$(printf '%s\n' "$out" | grep -o '"result": "[a-z-]*"' | head -1)
    if [ "$t" = "\"trusted\": $1" ] && [ "$r" = "\"result\": \"$2\"" ]; then
        echo "ok $i - $3 with $4: trusted $1, $2"
    else
        echo "not ok $i - $3 with $4: got $t, $r; expected trusted $1, $2"
    fi
}
check false degenerate-key degenerate-e1-forged.xml metadata-degenerate-e1.xml
check false degenerate-key degenerate-e1-forged.xml metadata-degenerate-mixed.xml
check true valid resp-signed.xml metadata-degenerate-mixed.xml
check true valid resp-signed.xml metadata.xml
