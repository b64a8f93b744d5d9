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
--key|response config show|/nonexistent.pem
--redact|metadata response key policy config show|-
--wide|metadata response key policy config|-
--provider-arn|response config|arn:aws:iam::123456789012:saml-provider/ExampleIdP
--role-arn|response config|arn:aws:iam::123456789012:role/Developer
--trust-policy|response|/nonexistent.json
--context|response config|aws:SourceIp=192.0.2.1
--trust-policy-quota|response policy config|4096
--metadata-signer|metadata|/nonexistent.crt
--max-session-duration|response|3600
--duration|response|3600
--now|metadata response key policy config|2025-06-01T12:00:00Z
--clock-skew|metadata response config|60
--cert-warn-days|metadata config|30
--input-format|response show|auto
--har-entry|response show|1
--aws-sp-entity-id|response config|urn:example
--encryption-mode|response|Allowed
--provider-uuid|response|SAMLSPEXAMPLE
--encryption-cert|key|/nonexistent.crt
--max-input-bytes|metadata response key policy config show|1000000
--limit-depth|metadata response config show|64
--limit-elements|metadata response config show|1000
--limit-attributes|metadata response config show|64
--limit-value-bytes|metadata response config show|100000
--limit-signatures|metadata response config|4
--limit-saml-attributes|response config|100
--limit-values|response config|100
--limit-response-bytes|response config|1000000
--ignore|metadata response key policy config|xml/bom
--strict|metadata response key policy config|-
--format|metadata response key policy config|json
-o|metadata response key policy config show|/nonexistent-dir/out
-q|metadata response key policy config|-
--quiet|metadata response key policy config|-
--color|metadata response key policy config|-
--no-color|metadata response key policy config|-
-r|metadata response key policy config|-
--recursive|metadata response key policy config|-
--include|metadata response key policy config|*.xml
--exclude|metadata response key policy config|*.txt
--files-from|metadata response key policy config|/nonexistent-list
-0|metadata response key policy config|-
--null|metadata response key policy config|-
-j|metadata response key policy|1
--jobs|metadata response key policy|1
--progress|metadata response key policy config|-
--no-progress|metadata response key policy config|-
--fail-on|metadata response key policy config|warning
--config|metadata response key policy config|/nonexistent.yml
--no-config|metadata response key policy config|-
--baseline|metadata response key policy config|/nonexistent.json
--baseline-write|metadata response key policy config|/nonexistent-dir/baseline.json
--sarif-root|metadata response key policy config|/tmp
--help-uri-base|metadata response key policy config|https://example.org/rules.md
--automation-id|metadata response key policy config|samlcheck/ci/
EOF
commands="metadata response key policy config show"

# every option named in the Options section of --help
"$bin" --help | sed -n '/^Options:/,/^$/p' | grep -E '^ +-' |
    grep -oE '(^| )-(-[a-z][a-z-]*|[a-z])\b' | sed 's/^ //' | sort -u >"$tmp/help"
n=$(($(wc -l <"$tmp/help") + $(wc -l <"$tmp/table") * 6))
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
