#!/bin/sh
# No silent options: walk every option `samlcheck --help` lists and try it on
# every command. An option a command does not use must be refused (exit 2,
# "does not use the option"); an option it uses must never be refused or
# called unknown. The table below says which commands use which option
# (docs/cli.md); an option in --help that is missing from it fails the test,
# so a new option has to be classified here, and wired, when it is added.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# option | commands that use it | a value it accepts ("-" for a flag)
cat >"$tmp/table" <<'EOF'
--metadata|response key|/nonexistent.xml
--key|response show|/nonexistent.pem
--redact|metadata response key policy show|-
--wide|metadata response key policy|-
--provider-arn|response|arn:aws:iam::123456789012:saml-provider/ExampleIdP
--role-arn|response|arn:aws:iam::123456789012:role/Developer
--trust-policy|response|/nonexistent.json
--context|response|aws:SourceIp=192.0.2.1
--trust-policy-quota|response policy|4096
--metadata-signer|metadata|/nonexistent.crt
--max-session-duration|response|3600
--duration|response|3600
--now|metadata response key policy|2025-06-01T12:00:00Z
--clock-skew|metadata response|60
--cert-warn-days|metadata|30
--input-format|response show|auto
--har-entry|response show|1
--aws-sp-entity-id|response|urn:example
--encryption-mode|response|Allowed
--provider-uuid|response|SAMLSPEXAMPLE
--encryption-cert|key|/nonexistent.crt
--max-input-bytes|metadata response key policy show|1000000
--limit-depth|metadata response show|64
--limit-elements|metadata response show|1000
--limit-attributes|metadata response show|64
--limit-value-bytes|metadata response show|100000
--limit-signatures|metadata response|4
--limit-saml-attributes|response|100
--limit-values|response|100
--limit-response-bytes|response|1000000
--ignore|metadata response key policy|xml/bom
--strict|metadata response key policy|-
--format|metadata response key policy|json
-o|metadata response key policy show|/nonexistent-dir/out
-q|metadata response key policy|-
--quiet|metadata response key policy|-
--color|metadata response key policy|-
--no-color|metadata response key policy|-
--fail-on|metadata response key policy|warning
--config|metadata response key policy|/nonexistent.yml
--no-config|metadata response key policy|-
--baseline|metadata response key policy|/nonexistent.json
--baseline-write|metadata response key policy|/nonexistent-dir/baseline.json
--sarif-root|metadata response key policy|/tmp
--help-uri-base|metadata response key policy|https://example.org/rules.md
--automation-id|metadata response key policy|samlcheck/ci/
EOF
commands="metadata response key policy show"

# every option named in the Options section of --help
"$bin" --help | sed -n '/^Options:/,/^$/p' | grep -E '^ +-' |
    grep -oE '(^| )-(-[a-z][a-z-]*|[a-z])\b' | sed 's/^ //' | sort -u >"$tmp/help"
n=$(($(wc -l <"$tmp/help") + $(wc -l <"$tmp/table") * 5))
echo "1..$n"
i=0
while read -r opt; do
    i=$((i + 1))
    if grep -q "^$opt|" "$tmp/table"; then
        echo "ok $i - $opt from --help is classified"
    else
        echo "not ok $i - $opt is listed by --help but not classified in tests/e2e/check-options.sh"
    fi
done <"$tmp/help"

while IFS='|' read -r opt uses value; do
    for cmd in $commands; do
        i=$((i + 1))
        if [ "$value" = "-" ]; then
            "$bin" "$cmd" "$opt" /nonexistent-input >"$tmp/out" 2>"$tmp/err"
        else
            "$bin" "$cmd" "$opt" "$value" /nonexistent-input >"$tmp/out" 2>"$tmp/err"
        fi
        st=$?
        case " $uses " in
        *" $cmd "*)
            if grep -qE 'does not use the option|unknown option' "$tmp/err"; then
                echo "not ok $i - $cmd $opt: refused although the command uses it: $(head -1 "$tmp/err")"
            else
                echo "ok $i - $cmd uses $opt"
            fi
            ;;
        *)
            if [ "$st" -eq 2 ] && grep -q 'does not use the option' "$tmp/err"; then
                echo "ok $i - $cmd refuses $opt"
            else
                echo "not ok $i - $cmd $opt: accepted (exit $st) but the command does not use it"
            fi
            ;;
        esac
    done
done <"$tmp/table"
