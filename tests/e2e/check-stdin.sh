#!/bin/sh
# Input the way people have it (issue 12): with no input named, standard
# input is read when it is not a terminal; on a terminal the user is asked
# to paste, and a paste cut by the terminal's 4,095-character line limit is
# recognised and explained. The terminal runs under script(1) (a pty).
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
in="$srcdir/testdata/input"
cap="$srcdir/testdata/captures"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/out" | head -12; }
echo "1..7"
NOW=--now=2025-06-01T12:00:00Z

cat "$in/response-ok.b64" | "$bin" response $NOW >"$tmp/out" 2>&1
st=$?
if [ $st -eq 1 ] && grep -q '^- (response)' "$tmp/out" && grep -q 'response/unsigned' "$tmp/out"; then
    ok "a pipe without '-' is read as standard input"
else notok "pipe without '-' (exit $st)"; fi
"$bin" show <"$in/response-ok.form" >"$tmp/out" 2>&1
st=$?
if [ $st -eq 0 ] && grep -q '<samlp:Response' "$tmp/out"; then ok "show reads a redirected stdin"; else notok "show stdin (exit $st)"; fi
"$bin" metadata $NOW <"$srcdir/testdata/responses/idp-metadata.xml" >"$tmp/out" 2>&1
st=$?
if [ $st -ne 2 ] && grep -q '^- (metadata)' "$tmp/out"; then ok "metadata reads a redirected stdin"; else notok "metadata stdin (exit $st)"; fi

if ! command -v script >/dev/null 2>&1 || ! script -qec true /dev/null >/dev/null 2>&1; then
    for t in 4 5 6 7; do echo "ok $t # SKIP script(1) with -e -c not available"; done
    exit 0
fi
# a 6,556-character one-line base64 response pasted into a terminal
base64 "$cap/signin-1.xml" | tr -d '\n' >"$tmp/long.b64"
{ cat "$tmp/long.b64"; printf '\n\004'; } | script -qec "'$bin' response $NOW" /dev/null >"$tmp/out" 2>&1
st=$?
if [ $st -eq 2 ] && grep -q 'paste it here, then press Ctrl-D' "$tmp/out" &&
    grep -q 'a line of exactly 4095 characters' "$tmp/out" && grep -q 'pbpaste | samlcheck response' "$tmp/out" &&
    grep -q 'xclip -o' "$tmp/out" && grep -q 'Get-Clipboard | samlcheck response' "$tmp/out"; then
    ok "a paste cut at 4,095 characters names the terminal limit and the commands that avoid it"
else notok "cut paste (exit $st)"; fi
# the same response wrapped at 76 columns fits the line limit
{ base64 "$cap/signin-1.xml"; printf '\004'; } | script -qec "'$bin' response $NOW --metadata '$srcdir/testdata/responses/idp-metadata.xml'" /dev/null >"$tmp/out" 2>&1
st=$?
if [ $st -eq 0 ] && grep -q '0 error(s), 0 warning(s)' "$tmp/out" && ! grep -q 'exactly 4095' "$tmp/out"; then
    ok "a wrapped paste into the terminal is checked"
else notok "wrapped paste (exit $st)"; fi
{ cat "$tmp/long.b64"; printf '\n\004'; } | script -qec "'$bin' show" /dev/null >"$tmp/out" 2>&1
st=$?
if [ $st -eq 2 ] && grep -q 'exactly 4095' "$tmp/out"; then ok "show recognises a cut paste too"; else notok "show cut paste (exit $st)"; fi
{ cat "$tmp/long.b64"; printf '\n\004'; } | script -qec "'$bin' response $NOW -" /dev/null >"$tmp/out" 2>&1
st=$?
if [ $st -eq 2 ] && grep -q 'exactly 4095' "$tmp/out" && ! grep -q 'paste it here' "$tmp/out"; then
    ok "an explicit '-' on a terminal: no prompt, the cut is recognised"
else notok "explicit - cut paste (exit $st)"; fi
