#!/bin/sh
# `samlcheck show`: decodes every input form and pretty-prints the document,
# with no verdict; an input that cannot be decoded exits 2 with the input/*
# finding on stderr.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
in="$srcdir/testdata/input"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
echo "1..14"
for f in response-ok.b64 response-ok.form chrome.har saml-tracer.json html-autopost.html soap-artifact.xml response-unpadded-1.b64; do
    "$bin" show "$in/$f" >"$tmp/out" 2>"$tmp/err"
    st=$?
    if [ "$st" -eq 0 ] && grep -q '<samlp:Response' "$tmp/out" && grep -q 'Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"' "$tmp/out" &&
        ! grep -qE 'error \[|warning \[' "$tmp/out"; then
        ok "show $f prints the decoded response"
    else
        notok "show $f (exit $st)"; sed 's/^/# /' "$tmp/err" | head -5
    fi
done
"$bin" show "$in/chrome-two-signins.har" >"$tmp/out" 2>&1
c=$(grep -c '<samlp:Response' "$tmp/out")
if [ "$c" -eq 2 ]; then ok "a HAR with two sign-ins shows both responses"; else notok "two sign-ins: $c responses shown"; fi
"$bin" show "$in/undecodable-urlsafe.b64" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" -eq 2 ] && grep -q 'input/undecodable' "$tmp/err"; then ok "undecodable input exits 2 with input/undecodable"; else notok "undecodable input: exit $st"; fi
"$bin" show "$in/empty.txt" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" -eq 2 ]; then ok "empty input exits 2"; else notok "empty input: exit $st"; fi
"$bin" show "$in/chrome-bidi-url.har" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" -eq 0 ] && grep -q 'saml?next=<U+202E>txt.exe<U+001B>\[31m' "$tmp/out" &&
    ! LC_ALL=C grep -q "$(printf '\342\200\256')" "$tmp/out" && ! LC_ALL=C grep -q "$(printf '\033')" "$tmp/out"; then
    ok "a HAR URL with a bidi override and an escape is printed escaped"
else
    notok "bidi URL printed raw (exit $st)"
fi
for f in html-autopost.html soap-ecp.xml; do
    "$bin" show "$in/$f" >"$tmp/out" 2>"$tmp/err"
    if grep -q 'info \[input/undecodable\]: unwrapped from' "$tmp/err"; then ok "show $f says what was unwrapped"; else notok "show $f: no unwrap note"; fi
done
"$bin" show "$in/html-no-saml.html" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" -eq 2 ] && grep -q 'no <input name="SAMLResponse">' "$tmp/err"; then ok "an HTML page without a SAMLResponse exits 2"; else notok "html without SAMLResponse: exit $st"; fi
