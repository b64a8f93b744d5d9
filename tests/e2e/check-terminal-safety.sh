#!/bin/sh
# Terminal and JSON safety (issue 8 item 9): text that comes from an input
# (a file name, a HAR URL, document content) never reaches the terminal with
# raw control or bidi characters, and JSON/SARIF keep a file name that is
# not UTF-8 (each invalid byte as U+FFFD) instead of dropping "input".
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || bin=$(pwd)/src/samlcheck
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
in="$srcdir/testdata/input"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
raw() { LC_ALL=C grep -q "$(printf "$1")" "$2"; }
echo "1..5"
now="--now 2025-06-01T12:00:00Z"
latin1="$tmp/caf$(printf '\351').b64"
cp "$in/response-ok.b64" "$latin1"
"$bin" response $now --format json "$latin1" >"$tmp/json" 2>"$tmp/err"
if grep -q '"input": ".*caf\\uFFFD\.b64"' "$tmp/json"; then ok "JSON keeps a Latin-1 file name as input (U+FFFD)"; else notok "JSON input for a Latin-1 file name"; sed 's/^/# /' "$tmp/json" | grep input | head -3; fi
"$bin" response $now --format sarif "$latin1" >"$tmp/sarif" 2>"$tmp/err"
# SARIF: the artifact URI percent-encodes the file name's bytes (docs/ci.md)
if grep -q '"uri": ".*caf%E9\.b64"' "$tmp/sarif" && grep -q '"ruleId": "response/unsigned"' "$tmp/sarif"; then ok "SARIF keeps the result and its artifact"; else notok "SARIF for a Latin-1 file name"; fi
"$bin" response $now "$latin1" >"$tmp/text" 2>"$tmp/err"
if grep -q 'caf\\xE9\.b64' "$tmp/text" && ! raw '\351' "$tmp/text"; then ok "text shows the invalid byte as \\xE9"; else notok "text output of a Latin-1 file name"; fi
"$bin" response $now "$in/chrome-bidi-url.har" >"$tmp/text" 2>"$tmp/err"
if grep -q 'next=<U+202E>txt.exe<U+001B>\[31m' "$tmp/text" && ! raw '\342\200\256' "$tmp/text" && ! raw '\033' "$tmp/text"; then
    ok "a HAR URL with a bidi override and an ANSI escape is escaped in the report"
else
    notok "HAR URL printed raw in the report"
fi
bidi="$tmp/$(printf 'x\342\200\256lmx.b64')"
cp "$in/response-ok.b64" "$bidi"
"$bin" response $now --metadata "$bidi.missing" "$bidi" >"$tmp/text" 2>"$tmp/err"
if ! raw '\342\200\256' "$tmp/err" && grep -q '<U+202E>' "$tmp/err"; then ok "error lines on stderr escape a bidi file name"; else notok "stderr carries a raw bidi character"; sed 's/^/# /' "$tmp/err" | head -3; fi
