#!/bin/sh
# Hostile and broken input to `samlcheck metadata`: each run must finish
# within a few seconds, never crash, never read what an entity points at,
# and exit with the status RULES.md gives (2 only when no document exists:
# unreadable or over the size cap; 1 for a document with error findings).
# Output is TAP.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NOW=2025-06-01T12:00:00Z
T=${SAMLCHECK_TIMEOUT:-20}
i=0
echo "1..9"

# run NAME FILE WANT_STATUS RULE...: the exit status and that each RULE is
# reported; sanitizer reports and timeouts fail.
run() {
    name=$1 file=$2 want=$3
    shift 3
    i=$((i + 1))
    timeout "$T" "$bin" metadata --now "$NOW" --format json "$file" >"$tmp/out" 2>"$tmp/err"
    got=$?
    fail=""
    [ "$got" = 124 ] && fail="timed out after ${T}s"
    [ -z "$fail" ] && [ "$got" != "$want" ] && fail="exit status $got, expected $want"
    for rule in "$@"; do
        grep -q "\"rule\": \"$rule\"" "$tmp/out" || fail="${fail:+$fail; }no $rule finding"
    done
    grep -qE 'Sanitizer|runtime error:' "$tmp/err" && fail="${fail:+$fail; }sanitizer report"
    if [ -z "$fail" ]; then
        echo "ok $i - $name"
    else
        echo "not ok $i - $name # $fail"
        head -c 2000 "$tmp/out" | sed 's/^/# /'
        head -5 "$tmp/err" | sed 's/^/# stderr: /'
    fi
}

# 1. empty file
: >"$tmp/empty.xml"
run "empty file is unreadable" "$tmp/empty.xml" 2 input/unreadable

# 2. binary junk (deterministic bytes, not UTF-8, not XML)
awk 'BEGIN { for (i = 0; i < 4096; i++) printf "%c", (i * 131 + 7) % 256 }' </dev/null \
    >"$tmp/junk.xml"
run "binary junk is reported, not crashed on" "$tmp/junk.xml" 1 xml/not-utf8

# 3. truncated XML
head -c 1500 "$srcdir/testdata/metadata/ok-base.xml" >"$tmp/truncated.xml"
run "truncated XML is malformed" "$tmp/truncated.xml" 1 xml/malformed

# 4. 50 MB: over the 16 MiB input cap before any parsing
{
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"><!--'
    head -c 52428800 /dev/zero | tr '\0' 'a'
    printf -- '--></md:EntityDescriptor>\n'
} >"$tmp/huge.xml"
run "50 MB file is too large" "$tmp/huge.xml" 2 input/too-large
rm -f "$tmp/huge.xml"

# 5. 10,000-deep nesting
{
    printf '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://x">'
    awk 'BEGIN { for (i = 0; i < 10000; i++) printf "<a>"; for (i = 0; i < 10000; i++) printf "</a>" }' </dev/null
    printf '</md:EntityDescriptor>\n'
} >"$tmp/deep.xml"
run "10,000-deep nesting hits sec/limits" "$tmp/deep.xml" 1 sec/limits

# 6. billion laughs
cat >"$tmp/laughs.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE md:EntityDescriptor [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&lol9;"/>
EOF
run "billion laughs is refused as a DTD" "$tmp/laughs.xml" 1 xml/dtd

# 7. external entity pointing at a local file with a marker
marker="SAMLCHECK-XXE-MARKER-$$"
echo "$marker" >"$tmp/secret.txt"
cat >"$tmp/xxe.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE md:EntityDescriptor [ <!ENTITY xxe SYSTEM "file://$tmp/secret.txt"> ]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&xxe;">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>
</md:EntityDescriptor>
EOF
run "external entity is refused as a DTD" "$tmp/xxe.xml" 1 xml/dtd
cp "$tmp/out" "$tmp/xxe-json"
timeout "$T" "$bin" metadata --now "$NOW" "$tmp/xxe.xml" >"$tmp/xxe-text" 2>&1
i=$((i + 1))
if grep -q "$marker" "$tmp/xxe-json" "$tmp/xxe-text" "$tmp/err"; then
    echo "not ok $i - the external entity's file content appeared in the output"
else
    echo "ok $i - the external entity's file was never read into the output (JSON and text)"
fi

# 9. over 10,000,000 characters but within every parser limit: metadata/size
{
    sed '/<\/md:EntityDescriptor>/d' "$srcdir/testdata/metadata/ok-base.xml"
    n=0
    while [ $n -lt 11 ]; do
        printf '<!--'
        head -c 1000000 /dev/zero | tr '\0' 'x'
        printf -- '-->\n'
        n=$((n + 1))
    done
    printf '</md:EntityDescriptor>\n'
} >"$tmp/big.xml"
run "11 million characters exceed metadata/size" "$tmp/big.xml" 1 metadata/size
