#!/bin/sh
# Rule coverage (TAP). Fails when:
#  - a case's `rules` file names a rule the registry does not know;
#  - a registry rule (samlcheck --list-rules) is expected by no end-to-end
#    case (testdata/cases/*/*/rules; `rules-not` does not count) and is not
#    in tests/e2e/rule-coverage-allow.txt;
#  - an allowlist line names an unknown rule, has no reason, or names a rule
#    that a case now covers (remove the line then).
# Allowlist format: `rule-id  reason` (one per line, # comments); the reason
# says why no e2e case can expect the rule (not implemented in this version,
# or reachable only from a unit test: name the test).
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || bin=$srcdir/build/src/samlcheck
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
allow=${RULE_COVERAGE_ALLOW:-$srcdir/tests/e2e/rule-coverage-allow.txt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" --list-rules | awk 'NF {print $1}' | LC_ALL=C sort -u >"$tmp/known"
# rule -> first case expecting it
for f in "$srcdir"/testdata/cases/*/*/rules; do
    c=${f#"$srcdir"/testdata/cases/}
    c=${c%/rules}
    grep -v '^[[:space:]]*#' "$f" | awk -v c="$c" 'NF {print $1 " " c}'
done | LC_ALL=C sort -k1,1 -u >"$tmp/used"
cut -d' ' -f1 "$tmp/used" | LC_ALL=C sort -u >"$tmp/used-ids"
: >"$tmp/allow"
[ -f "$allow" ] && grep -v '^[[:space:]]*#' "$allow" | sed '/^[[:space:]]*$/d' >"$tmp/allow"
nk=$(grep -c . "$tmp/known" || true)
na=$(grep -c . "$tmp/allow" || true)
echo "1..$((nk + na + 1))"
i=0
bad=0
ok() { i=$((i + 1)); echo "ok $i - $1"; }
notok() { i=$((i + 1)); bad=$((bad + 1)); echo "not ok $i - $1"; }

unknown=$(LC_ALL=C comm -23 "$tmp/used-ids" "$tmp/known")
if [ -z "$unknown" ]; then ok "every rule the cases expect exists"; else
    notok "cases expect rules the registry does not know"
    for id in $unknown; do grep "^$id " "$tmp/used" | sed 's/^\([^ ]*\) \(.*\)/#   \1 (testdata\/cases\/\2\/rules)/'; done
fi
while read -r id reason; do
    if ! grep -qxF "$id" "$tmp/known"; then notok "allowlist: $id is not a rule of the registry"
    elif [ -z "$reason" ]; then notok "allowlist: $id has no reason"
    elif grep -qxF "$id" "$tmp/used-ids"; then
        notok "allowlist: $id is covered by testdata/cases/$(grep "^$id " "$tmp/used" | cut -d' ' -f2): remove it from $(basename "$allow")"
    else ok "allowlist: $id ($reason)"; fi
done <"$tmp/allow"
while read -r id; do
    c=$(grep "^$id " "$tmp/used" | cut -d' ' -f2)
    if [ -n "$c" ]; then ok "$id: testdata/cases/$c"
    elif awk '{print $1}' "$tmp/allow" | grep -qxF "$id"; then ok "$id # SKIP allowlisted (tests/e2e/$(basename "$allow"))"
    else notok "$id: no end-to-end case expects it (add testdata/cases/<kind>/<case>/ with the rule in its rules file, or an allowlist line with the reason)"; fi
done <"$tmp/known"
echo "# $(grep -c . "$tmp/used-ids" || true) of $nk rules expected by an end-to-end case, $na allowlisted, $bad problem(s)"
[ "$bad" -eq 0 ]
