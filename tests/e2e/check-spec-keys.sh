#!/bin/sh
# No user-visible text carries the specification's internal keys: no
# definition numbers (D1..D7), no source keys (SEED-SAML, DOC-VIEW, OBS-...,
# API-..., SAML-CORE, ...) and no references to sections of the
# specification. Checked over --list-rules in every format, `explain` of
# every rule (text and JSON), `explain` of every known AWS message, the
# manual page, the generated documents and the string literals of src/
# (finding messages and hints). Output is TAP.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# D-numbers that are words of their own (not MD5, not a fingerprint's D7:2E),
# and the source keys
keys='(^|[^0-9A-Za-z:])D[1-9]([^0-9A-Za-z:]|$)|(SEED|DOC|OBS|API)-[A-Z][A-Z0-9-]+|SAML-(CORE|PROF|BIND|META)|XMLDSIG|EXC-C14N|XSW-2012|DUO-2018|XMLENC-CBC|OWASP-SAML|PRACTICE-ORDER|Facts that are uncertain|[Ss]ection 11|\*Changes\*|RULES\.md'
n=0
check() { # NAME FILE
    n=$((n + 1))
    if grep -nE "$keys" "$2" >"$tmp/hits"; then
        echo "not ok $n - $1 shows specification keys"
        head -5 "$tmp/hits" | cut -c1-200 | sed 's/^/# /'
    else
        echo "ok $n - $1 has no specification keys"
    fi
}
for f in text markdown json troubleshooting; do
    "$bin" --list-rules --format "$f" >"$tmp/out" 2>&1
    check "--list-rules --format $f" "$tmp/out"
done
: >"$tmp/all"
"$bin" --list-rules | awk '{print $1}' | while read -r id; do
    "$bin" explain "$id"
    "$bin" explain --format json "$id"
done >"$tmp/all" 2>&1
check "explain RULE (every rule, text and JSON)" "$tmp/all"
"$bin" explain >"$tmp/toc" 2>&1
check "explain (no argument)" "$tmp/toc"
sed -n 's/^ *[0-9][0-9]*\. //p' "$tmp/toc" | while IFS= read -r msg; do
    "$bin" explain "$msg"
    "$bin" explain --format json "$msg"
done >"$tmp/msgs" 2>&1
check "explain TEXT (every known AWS message, text and JSON)" "$tmp/msgs"
"$bin" explain "no such message at all" >"$tmp/out" 2>&1
check "explain of an unknown message" "$tmp/out"
{ "$bin" --help; for c in metadata response key show explain policy config; do "$bin" "$c" --help; done; } >"$tmp/help" 2>&1
check "--help and COMMAND --help" "$tmp/help"
for d in docs/samlcheck.1 docs/rules.md docs/troubleshooting.md README.md; do
    check "$d" "$srcdir/$d"
done
# string literals of the sources: finding messages and hints
n=$((n + 1))
if grep -rnE "\"[^\"]*($keys)[^\"]*\"" "$srcdir/src" --include='*.c' --include='*.def' >"$tmp/hits"; then
    echo "not ok $n - string literals in src/ show specification keys"
    head -5 "$tmp/hits" | cut -c1-200 | sed 's/^/# /'
else
    echo "ok $n - no string literal in src/ (messages, hints, registry) shows specification keys"
fi
echo "1..$n"
