#!/bin/sh
# CI-grade output (docs/ci.md), as TAP:
#  - every e2e case of testdata/cases/ run again with --format sarif: the exit
#    status is the JSON run's, the SARIF carries the same findings, and every
#    log validates against the vendored SARIF 2.1.0 schema and GitHub's upload
#    requirements (tests/sarif/validate-sarif.py);
#  - SARIF details: URIs (spaces, commas, stdin, outside the root), regions of
#    decoded inputs, HAR entries, fingerprints stable across runs and line
#    moves, invocations, rule names, helpUri, security-severity, automation id;
#  - the github, gitlab, junit and ndjson formats (structure);
#  - .samlcheck.yml (walk-up, --config, --no-config, ignore entries, limits),
#    --ignore globs and lists, --fail-on, the baseline;
#  - the recipes of docs/ci.md: their samlcheck commands are run and the files
#    they produce validated.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-}
if [ -z "$bin" ]; then
    for c in ./src/samlcheck "$srcdir/build/src/samlcheck" "$srcdir/src/samlcheck"; do
        [ -x "$c" ] && { bin=$(cd "$(dirname "$c")" && pwd)/$(basename "$c"); break; }
    done
fi
[ -n "$bin" ] && [ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
validate="python3 $srcdir/tests/sarif/validate-sarif.py"
td="$srcdir/testdata"
NOW="--now 2025-06-01T12:00:00Z"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
fails=0
ok() { i=$((i + 1)); echo "ok $i - $1"; }
notok() { i=$((i + 1)); fails=$((fails + 1)); echo "not ok $i - $1"; }
check() { # check DESCRIPTION COMMAND...: ok when the command succeeds
    d=$1
    shift
    if "$@" >"$tmp/check.out" 2>&1; then ok "$d"; else notok "$d"; sed 's/^/# /' "$tmp/check.out" | head -20; fi
}
# py 'python expression over d (the JSON of file $1)' FILE
pyj() {
    python3 - "$@" <<'EOF'
import json, sys
expr, path = sys.argv[1], sys.argv[2]
d = json.load(open(path))
res = eval(expr, {"d": d, "json": json})
if not res:
    print("assertion failed:", expr)
    sys.exit(1)
EOF
}

# ---------- 1. every e2e case as SARIF ----------
mkdir -p "$tmp/sarif"
: >"$tmp/manifest"
cases=$(cd "$td/cases" && find . -mindepth 2 -maxdepth 2 -type d | sed 's#^\./##' | LC_ALL=C sort)
n=0
status_bad=""
for c in $cases; do
    dir="$td/cases/$c"
    [ -f "$dir/args" ] || continue
    n=$((n + 1))
    args=$(sed 's/--format json/--format sarif/' "$dir/args")
    out="$tmp/sarif/$n.sarif"
    if [ -f "$dir/stdin" ]; then
        (cd "$dir" && eval "\"\$bin\" $args --sarif-root \"\$td\" -o \"\$out\"" <"$dir/stdin" >/dev/null 2>&1)
    else
        (cd "$dir" && eval "\"\$bin\" $args --sarif-root \"\$td\" -o \"\$out\"" </dev/null >/dev/null 2>&1)
    fi
    got=$?
    want=$(tr -d ' \n' <"$dir/status")
    [ "$got" = "$want" ] || status_bad="$status_bad $c($got!=$want)"
    match=full
    [ -f "$dir/match" ] && grep -qx subset "$dir/match" && match=subset
    # a usage error (exit 2) writes no report
    [ -f "$out" ] || [ "$got" != 2 ] || { rm -f "$out"; continue; }
    printf '%s\t%s\t%s\t%s\n' "$out" "$dir/rules" "$match" "$c" >>"$tmp/manifest"
done
if [ -z "$status_bad" ]; then ok "$n cases: --format sarif exits as --format json"; else notok "exit status differs in SARIF:$status_bad"; fi
check "$n case SARIF logs validate (schema + GitHub requirements)" $validate "$tmp"/sarif/*.sarif
check "$n case SARIF logs carry the findings of the cases' rules files" python3 - "$tmp/manifest" <<'EOF'
import json, sys
lv = {"error": "error", "warning": "warning", "note": "info"}
bad = 0
for line in open(sys.argv[1]):
    out, rules, match, case = line.rstrip("\n").split("\t")
    d = json.load(open(out))
    got = {"%s %s" % (r["ruleId"], lv[r["level"]]) for r in d["runs"][0]["results"]}
    want = {l.strip() for l in open(rules) if l.strip() and not l.startswith("#")}
    if (match == "subset" and not want <= got) or (match == "full" and want != got):
        print(case, sorted(want ^ got))
        bad += 1
sys.exit(1 if bad else 0)
EOF

# ---------- 2. SARIF details ----------
cd "$tmp" || exit 1
mkdir -p "dir with space" proj/sub
cp "$td/responses/attrs/role-whitespace.xml" "dir with space/role ws,v1%:x.xml"
cp "$td/responses/attrs/metadata.xml" md.xml
"$bin" response "dir with space/role ws,v1%:x.xml" --metadata md.xml $NOW --format sarif >sp.sarif
check "a path with spaces, ',', '%' and ':' is a percent-encoded relative URI" \
    pyj 'd["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir%20with%20space/role%20ws%2Cv1%25%3Ax.xml"' sp.sarif
check "that SARIF validates" $validate sp.sarif
check "region is the line on disk (role-whitespace at line 50)" \
    pyj '[r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in d["runs"][0]["results"] if r["ruleId"] == "response/role-whitespace"] == [50]' sp.sarif

# the validator itself: each of these breakages must be caught
python3 - sp.sarif <<'EOF'
import copy, json, sys
d = json.load(open(sys.argv[1]))
def res(x): return x["runs"][0]["results"][0]
def rule(x): return x["runs"][0]["tool"]["driver"]["rules"][0]
muts = {
    "uri-space": lambda x: res(x)["locations"][0]["physicalLocation"]["artifactLocation"].__setitem__("uri", "a b.xml"),
    "uri-colon": lambda x: res(x)["locations"][0]["physicalLocation"]["artifactLocation"].__setitem__("uri", "capture.har#3 (POST https://x)"),
    "name-is-id": lambda x: rule(x).__setitem__("name", rule(x)["id"]),
    "region-0": lambda x: res(x)["locations"][0]["physicalLocation"].__setitem__("region", {"startLine": 0}),
    "no-fingerprint": lambda x: res(x).pop("partialFingerprints"),
    "bad-index": lambda x: res(x).__setitem__("ruleIndex", res(x)["ruleIndex"] + 1),
    "extra-key": lambda x: res(x).__setitem__("bogus", 1),
    "helpuri": lambda x: rule(x).__setitem__("helpUri", "https://example.org/"),
    "secsev": lambda x: rule(x).setdefault("properties", {}).__setitem__("security-severity", "high"),
    "no-location": lambda x: res(x).pop("locations"),
}
for k, f in muts.items():
    x = copy.deepcopy(d)
    f(x)
    json.dump(x, open("broken-%s.sarif" % k, "w"))
EOF
for b in broken-*.sarif; do
    if $validate "$b" >/dev/null 2>&1; then notok "the validator rejects $b"; else ok "the validator rejects $b"; fi
done

"$bin" response - $NOW --format sarif <"$td/input/response-ok-oneline.b64" >stdin.sarif
check "stdin is the URI 'stdin' and validates" sh -c "$validate stdin.sarif && python3 -c 'import json,sys; d=json.load(open(\"stdin.sarif\")); sys.exit(not all(r[\"locations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"] == \"stdin\" for r in d[\"runs\"][0][\"results\"]) or not d[\"runs\"][0][\"results\"])'"

cp "$td/corpus-vectors/python3-saml/tests/data/responses/invalids/signature_wrapping_attack.xml.base64" wrap.b64
"$bin" response wrap.b64 --metadata "$td/corpus-vectors/python3-saml/metadata-idp.xml" $NOW --format sarif >b64.sarif
check "a one-line base64 file: region line 1, the decoded-XML line in properties.decodedRegion" \
    pyj 'all(r["locations"][0]["physicalLocation"]["region"]["startLine"] == 1 and r["properties"]["decodedRegion"]["startLine"] >= 1 and r["properties"]["encoding"] == "base64" for r in d["runs"][0]["results"] if "region" in r["locations"][0]["physicalLocation"]) and any(r["properties"].get("decodedRegion", {}).get("startLine", 0) > 1 for r in d["runs"][0]["results"])' b64.sarif
check "security-severity on the signature-wrapping finding's rule" \
    pyj 'd["runs"][0]["tool"]["driver"]["rules"][[r["ruleIndex"] for r in d["runs"][0]["results"] if r["ruleId"] == "response/signature-wrapping"][0]]["properties"]["security-severity"] == "9.1"' b64.sarif

cp "$td/input/chrome-two-signins.har" capture.har
"$bin" response capture.har $NOW --format sarif >har.sarif
grep -n '"text": "SAMLResponse=' capture.har | cut -d: -f1 >capture.har.lines
check "HAR results: the file as URI, the entry in logicalLocations, message and properties" \
    pyj 'sorted({(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["logicalLocations"][0]["name"], r["properties"]["harEntry"], r["message"]["text"].endswith("(HAR entry %d)" % r["properties"]["harEntry"])) for r in d["runs"][0]["results"] if r["ruleId"] == "response/unsigned"}) == [("capture.har", "HAR entry 6", 6, True), ("capture.har", "HAR entry 8", 8, True)]' har.sarif
check "HAR: the region is the line of the entry's SAMLResponse in the file" \
    pyj 'sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in d["runs"][0]["results"] if r["ruleId"] == "response/unsigned") == [int(x) for x in open("capture.har.lines").read().split()]' har.sarif
check "HAR: the two entries' findings have different fingerprints" \
    pyj 'len({r["partialFingerprints"]["samlcheck/v1"] for r in d["runs"][0]["results"]}) == len(d["runs"][0]["results"])' har.sarif
cp "$td/input/saml-tracer.json" tracer.json
"$bin" response tracer.json $NOW --format sarif >tracer.sarif
check "SAML-tracer: the request in logicalLocations, validates" sh -c "$validate tracer.sarif && grep -q '\"SAML-tracer request 3\"' tracer.sarif"

# fingerprints: same across runs, same after lines move, different region
"$bin" response "dir with space/role ws,v1%:x.xml" --metadata md.xml $NOW --format sarif >sp2.sarif
check "SARIF is identical across runs" cmp sp.sarif sp2.sarif
awk 'NR == 1 && /^<\?xml/ { print; print ""; print ""; print ""; next } NR == 1 { print ""; print ""; print "" } { print }' \
    "dir with space/role ws,v1%:x.xml" >moved.xml
cp moved.xml "dir with space/role ws,v1%:x.xml"
"$bin" response "dir with space/role ws,v1%:x.xml" --metadata md.xml $NOW --format sarif >sp3.sarif
check "fingerprints survive a line move; the region follows it" python3 - sp.sarif sp3.sarif <<'EOF'
import json, sys
a, b = (json.load(open(f))["runs"][0]["results"] for f in sys.argv[1:3])
fa = [r["partialFingerprints"]["samlcheck/v1"] for r in a]
fb = [r["partialFingerprints"]["samlcheck/v1"] for r in b]
la = [r["locations"][0]["physicalLocation"].get("region", {}).get("startLine") for r in a]
lb = [r["locations"][0]["physicalLocation"].get("region", {}).get("startLine") for r in b]
assert fa and fa == fb, (fa, fb)
assert [x + 3 if x else x for x in la] == lb, (la, lb)
EOF
cp "$td/responses/attrs/role-whitespace.xml" "dir with space/role ws,v1%:x.xml"

"$bin" metadata "$td/metadata/cert-expired.xml" missing.xml $NOW --format sarif --sarif-root "$td" >unread.sarif
st=$?
check "an unreadable input: exit 2, invocation unsuccessful with a notification naming it" sh -c "[ $st = 2 ] && python3 -c '
import json; d = json.load(open(\"unread.sarif\")); inv = d[\"runs\"][0][\"invocations\"][0]
assert inv[\"executionSuccessful\"] is False and inv[\"exitCode\"] == 2, inv
n = inv[\"toolExecutionNotifications\"]; assert len(n) == 1 and n[0][\"locations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"].endswith(\"missing.xml\"), n
assert n[0][\"associatedRule\"][\"id\"] == \"input/unreadable\"'"
check "a file outside --sarif-root is a file:// URI (valid, flagged for upload)" sh -c \
    "! $validate unread.sarif >/dev/null && $validate --allow-file-uri unread.sarif && grep -q '\"file:///' unread.sarif"
check "rules: readable names (RoleWhitespace, InputTooLarge / ResponseTooLarge), no helpUri by default" \
    pyj '(lambda r: r["response/role-whitespace"]["name"] == "RoleWhitespace" and r["input/too-large"]["name"] == "InputTooLarge" and r["response/too-large"]["name"] == "ResponseTooLarge" and not any("helpUri" in x for x in r.values()) and "security-severity" not in r["response/role-missing"]["properties"] and r["sec/limits"]["properties"]["security-severity"] and "AWS error" in r["response/role-whitespace"]["help"]["text"] and "**Fix:**" in r["response/role-whitespace"]["help"]["markdown"])({x["id"]: x for x in d["runs"][0]["tool"]["driver"]["rules"]})' sp.sarif
"$bin" response "dir with space/role ws,v1%:x.xml" --metadata md.xml $NOW --format sarif \
    --help-uri-base https://docs.example.org/samlcheck/rules.md --automation-id samlcheck/federation/ >h.sarif
check "--help-uri-base gives helpUri per rule; --automation-id sets automationDetails.id" sh -c "$validate --help-uri h.sarif && python3 -c '
import json; d = json.load(open(\"h.sarif\")); r = d[\"runs\"][0]
assert r[\"automationDetails\"][\"id\"] == \"samlcheck/federation/\"
assert {x[\"id\"]: x[\"helpUri\"] for x in r[\"tool\"][\"driver\"][\"rules\"]}[\"response/role-whitespace\"] == \"https://docs.example.org/samlcheck/rules.md#responserole-whitespace\"'"
"$bin" response md.xml --help-uri-base docs/rules.md $NOW >/dev/null 2>&1
check "--help-uri-base refuses a relative URL (exit 2)" [ $? = 2 ]

# ---------- 3. the other CI formats ----------
"$bin" response "dir with space/role ws,v1%:x.xml" --metadata md.xml $NOW --format json >j.json
"$bin" response "dir with space/role ws,v1%:x.xml" --metadata md.xml $NOW --format github >gh.txt
check "github: one workflow command per finding, GitHub's escaping" python3 - gh.txt j.json <<'EOF'
import json, re, sys
lines = open(sys.argv[1]).read().split("\n")[:-1]
findings = [f for r in json.load(open(sys.argv[2]))["results"] for f in r["findings"]]
assert len(lines) == len(findings) > 0, (len(lines), len(findings))
pat = re.compile(r"^::(error|warning|notice) file=([^,:\r\n]*)(,line=\d+)?(,col=\d+)?,title=([^,:\r\n]*)::([^\r\n]*)$")
for l, f in zip(lines, findings):
    m = pat.match(l)
    assert m, l
    assert m.group(1) == {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
    assert m.group(2) == "dir with space/role ws%2Cv1%25%3Ax.xml", m.group(2)
    assert m.group(5) == "samlcheck " + f["rule"], m.group(5)
    assert "%0AFix%3A" not in m.group(6) and ("%0AFix: " in m.group(6) or not f["hint"]), m.group(6)
ws = [l for l in lines if "title=samlcheck response/role-whitespace" in l]
assert ws and ",line=50" in ws[0], ws
EOF
"$bin" response "dir with space/role ws,v1%:x.xml" capture.har --metadata md.xml $NOW --format gitlab >gl.json
"$bin" response "dir with space/role ws,v1%:x.xml" capture.har --metadata md.xml $NOW --format json >j2.json
check "gitlab: Code Quality issues (description, check_name, fingerprint, severity, location)" python3 - gl.json j2.json <<'EOF'
import json, sys
issues = json.load(open(sys.argv[1]))
findings = [f for r in json.load(open(sys.argv[2]))["results"] for f in r["findings"]]
assert isinstance(issues, list) and len(issues) == len(findings) > 0
fps = set()
for x in issues:
    assert isinstance(x["description"], str) and x["description"]
    assert isinstance(x["check_name"], str) and "/" in x["check_name"]
    assert x["severity"] in ("info", "minor", "major", "critical", "blocker"), x["severity"]
    p = x["location"]["path"]
    assert p in ("dir with space/role ws,v1%:x.xml", "capture.har"), p
    assert isinstance(x["location"]["lines"]["begin"], int) and x["location"]["lines"]["begin"] >= 1
    fps.add(x["fingerprint"])
assert len(fps) == len(issues)
EOF
"$bin" response "dir with space/role ws,v1%:x.xml" capture.har missing.har --metadata md.xml $NOW --format junit >ju.xml
"$bin" response "dir with space/role ws,v1%:x.xml" capture.har missing.har --metadata md.xml $NOW --format json >j3.json
check "junit: a testcase per result, a failure per error finding, an error for an unreadable input" python3 - ju.xml j3.json <<'EOF'
import json, sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
results = json.load(open(sys.argv[2]))["results"]
cases = root.findall("./testsuite/testcase")
assert root.tag == "testsuites" and len(cases) == len(results), (len(cases), len(results))
for tc, r in zip(cases, results):
    assert tc.get("name") == r["input"], (tc.get("name"), r["input"])
    errs = [f for f in r["findings"] if f["severity"] == "error"]
    if r["exit_status"] == 2:
        assert len(tc.findall("error")) == 1 and not tc.findall("failure")
    else:
        assert [f.get("type") for f in tc.findall("failure")] == [f["rule"] for f in errs]
# streamed: a <testsuite> per input with its counts, none on the root (docs/ci.md)
suites = root.findall("./testsuite")
assert len(suites) == 3 and root.get("tests") is None, len(suites)
assert sum(int(s.get("tests")) for s in suites) == len(cases)
assert sum(int(s.get("failures")) for s in suites) == sum(1 for r in results if r["exit_status"] == 1)
assert sum(int(s.get("errors")) for s in suites) == sum(1 for r in results if r["exit_status"] == 2) == 1
EOF
"$bin" response "dir with space/role ws,v1%:x.xml" capture.har missing.har --metadata md.xml $NOW --format ndjson >nd.txt
check "ndjson: one JSON object per result, the JSON format's results" python3 - nd.txt j3.json <<'EOF'
import json, sys
lines = open(sys.argv[1]).read().split("\n")
assert lines[-1] == ""
objs = [json.loads(l) for l in lines[:-1]]
results = json.load(open(sys.argv[2]))["results"]
assert len(objs) == len(results) == 4
for o, r in zip(objs, results):
    assert o["tool"] == "samlcheck" and {k: o[k] for k in r} == r
EOF
"$bin" response capture.har $NOW --format ndjson -o nd2.txt
check "ndjson with -o: a line per HAR entry" sh -c '[ "$(wc -l <nd2.txt)" -eq 2 ]'
"$bin" response md.xml --format bogus $NOW >/dev/null 2>&1
check "an unknown --format is refused (exit 2)" [ $? = 2 ]

# ---------- 4. configuration, ignores, fail-on, baseline ----------
cp "$td/metadata/cert-expired.xml" proj/expired.xml
cp "$td/metadata/cert-expired.xml" proj/sub/expired.xml
cat >proj/.samlcheck.yml <<'EOF'
# samlcheck configuration (docs/ci.md)
format: json
now: "2025-06-01T12:00:00Z"
ignore:
  - rule: metadata/cert-*
    path: sub/*.xml
    reason: the test IdP's certificate is replaced in the next release
EOF
(cd proj/sub && "$bin" metadata expired.xml ../expired.xml >../../cfg.json)
check "the configuration is found walking up; ignore applies to the path glob only" \
    pyj '[(r["input"], [f["rule"] for f in r["findings"]]) for r in d["results"]] == [("expired.xml", []), ("../expired.xml", ["metadata/cert-expired"])]' cfg.json
(cd proj/sub && "$bin" metadata --no-config --format json $NOW expired.xml >../../nocfg.json)
check "--no-config ignores it" pyj '[f["rule"] for f in d["results"][0]["findings"]] == ["metadata/cert-expired"]' nocfg.json
(cd proj/sub && "$bin" metadata --format sarif expired.xml >../../cfgover.sarif)
check "the command line overrides the configuration (--format sarif)" pyj 'd["version"] == "2.1.0"' cfgover.sarif
printf 'redact: true\n' >redact.yml
"$bin" response --config redact.yml --metadata "$td/responses/idp-metadata.xml" $NOW --format sarif \
    "$td/responses/forms/entra.chrome.har" >red.sarif
"$bin" response --metadata "$td/responses/idp-metadata.xml" $NOW --format sarif \
    "$td/responses/forms/entra.chrome.har" >unred.sarif
check "redact: true in the configuration keeps the e-mail address out of the SARIF" \
    sh -c "grep -q 'jdoe@contoso.example' unred.sarif && ! grep -q 'jdoe@contoso.example' red.sarif && $validate --allow-file-uri red.sarif"
printf 'format: json\nfail-on: warning\nnow: "2025-06-01T12:00:00Z"\n' >other.yml
"$bin" metadata --config other.yml "$td/metadata/cert-expired.xml" >/dev/null
check "--config FILE; fail-on from the file (a warning fails)" [ $? = 1 ]
bad_cfg() { # bad_cfg DESCRIPTION YAML-TEXT PATTERN
    printf '%s' "$2" >bad.yml
    "$bin" metadata --config bad.yml $NOW "$td/metadata/cert-expired.xml" >/dev/null 2>bad.err
    st=$?
    if [ $st = 2 ] && grep -q "$3" bad.err; then ok "$1"; else notok "$1 (exit $st)"; sed 's/^/# /' bad.err; fi
}
bad_cfg "an ignore entry without a reason is refused" 'ignore:
  - rule: xml/bom
' "bad.yml:2: an ignore entry needs a non-empty 'reason'"
bad_cfg "a plain ignore list (no reasons) is refused" 'ignore: [xml/bom]
' "reason is mandatory"
bad_cfg "an ignore glob that names no rule is refused" 'ignore:
  - {rule: "nosuch/*", reason: x}
' "names no rule"
bad_cfg "an unknown key is refused, with its line" 'format: json
colour-scheme: dark
' "bad.yml:2: in option 'colour-scheme'"
bad_cfg "a bad value is refused" 'fail-on: sometimes
' "fail-on is error, warning, info or never"
bad_cfg "an empty value is refused" 'metadata:
' "bad.yml:1: 'metadata' needs a value"
bad_cfg "aliases are refused (no alias bombs)" 'a: &x [1, 2]
b: *x
' "aliases"
bad_cfg "nesting is bounded" 'a: [[[[[[[1]]]]]]]
' "nested too deep"
bad_cfg "invalid YAML is refused with its line" 'format: [json
' "bad.yml:"
bad_cfg "the configuration cannot name another" 'config: x.yml
' "not a configuration key"
python3 -c 'print("ignore:"); [print("  - {rule: xml/bom, reason: r%d}" % i) for i in range(3000)]' >big.yml
"$bin" metadata --config big.yml $NOW "$td/metadata/cert-expired.xml" >/dev/null 2>big.err
check "a configuration over 64 KiB is refused" sh -c "[ $? = 2 ] && grep -qi 'configuration big.yml' big.err"

"$bin" metadata --ignore 'metadata/cert-*,xml/bom' --format json $NOW "$td/metadata/cert-expired.xml" >ig.json
check "--ignore takes globs and comma lists" pyj 'd["results"][0]["findings"] == []' ig.json
"$bin" metadata --ignore 'metadata/nothing-*' $NOW "$td/metadata/cert-expired.xml" >/dev/null 2>&1
check "--ignore with a glob that names no rule is refused (exit 2)" [ $? = 2 ]
"$bin" metadata $NOW "$td/metadata/cert-expired.xml" >/dev/null
s0=$?
"$bin" metadata --fail-on warning $NOW "$td/metadata/cert-expired.xml" >/dev/null
s1=$?
"$bin" metadata --strict $NOW "$td/metadata/cert-expired.xml" >/dev/null
s2=$?
"$bin" metadata --fail-on info $NOW "$td/metadata/cert-expiring.xml" >/dev/null
s3=$?
"$bin" metadata --fail-on never $NOW "$td/metadata/multiple-entities-over-limit.xml" >/dev/null
s4=$?
"$bin" metadata --fail-on never $NOW missing.xml >/dev/null 2>&1
s5=$?
check "--fail-on: warning-only input 0 by default, 1 with --fail-on warning / --strict, info 1 with --fail-on info, never 0 (2 stays 2)" \
    [ "$s0$s1$s2$s3$s4$s5" = "011102" ]

cp "$td/responses/attrs/role-whitespace.xml" b.xml
"$bin" response b.xml --metadata md.xml $NOW --baseline-write base.json >/dev/null
bs=$?
check "--baseline-write records today's findings and exits 0" sh -c "[ $bs = 0 ] && python3 -c '
import json; d = json.load(open(\"base.json\")); assert d[\"fingerprints\"] and all(len(e[\"fingerprint\"]) == 32 and e[\"input\"] == \"b.xml\" for e in d[\"fingerprints\"])'"
cp moved.xml b.xml
"$bin" response b.xml --metadata md.xml $NOW --baseline base.json --format json >bl.json 2>bl.err
bs=$?
check "--baseline: known findings are not reported (after a line move too)" \
    sh -c "[ $bs = 0 ] && grep -q 'in the baseline base.json not reported' bl.err && python3 -c 'import json; assert json.load(open(\"bl.json\"))[\"results\"][0][\"findings\"] == []'"
cp "$td/responses/attrs/role-whitespace.xml" c.xml
"$bin" response b.xml c.xml --metadata md.xml $NOW --baseline base.json --format json >bl2.json 2>/dev/null
bs=$?
check "--baseline: new findings (another file) are reported" \
    sh -c "[ $bs = 1 ] && python3 -c 'import json; r = json.load(open(\"bl2.json\"))[\"results\"]; assert r[0][\"findings\"] == [] and r[1][\"findings\"]'"
echo '{"fingerprints": [{"fingerprint": "short"}]}' >badbase.json
"$bin" response b.xml --metadata md.xml $NOW --baseline badbase.json >/dev/null 2>&1
check "a malformed baseline is refused (exit 2)" [ $? = 2 ]

# ---------- 5. the docs/ci.md recipes ----------
# Every line of docs/ci.md that runs `samlcheck metadata|response` (in the
# workflow files) is run here with the repository layout the recipes
# assume (federation/idp-metadata.xml, federation/captures/*.har), then the
# files they write are validated.
mkdir -p recipe/federation/captures
cp "$td/metadata/cert-expired.xml" recipe/federation/idp-metadata.xml
cp "$td/input/chrome-two-signins.har" recipe/federation/captures/signin.har
cp "$td/configs/cfn-ok.yaml" recipe/federation/template.yaml
cp "$td/configs/tf-plan-rotate.json" recipe/federation/tfplan.json
grep -E '^[[:space:]]*(- |run: )?samlcheck (metadata|response|config) ' "$srcdir/docs/ci.md" |
    sed -E 's/^[[:space:]]*(- |run: )?//; s/ *\|\|.*$//' >recipe/cmds
nc=$(grep -c . recipe/cmds)
(cd recipe && while IFS= read -r cmd; do
    eval "\"\$bin\" ${cmd#samlcheck } $NOW" >/dev/null 2>&1
    [ $? -le 1 ] || echo "exit status > 1: $cmd"
done <cmds) >recipe/errors
check "docs/ci.md: the $nc samlcheck commands of the recipes run" sh -c "[ $nc -ge 8 ] && [ ! -s recipe/errors ]"
check "docs/ci.md: the SARIF they write validates" sh -c "ls recipe/*.sarif >/dev/null && $validate recipe/*.sarif"
check "docs/ci.md: the Code Quality report and the JUnit file are well-formed" python3 - recipe <<'EOF'
import glob, json, os, sys
import xml.etree.ElementTree as ET
d = sys.argv[1]
cqs = glob.glob(os.path.join(d, "gl-code-quality*.json"))
jus = glob.glob(os.path.join(d, "*junit*.xml"))
assert cqs and jus, (cqs, jus)
for f in cqs:
    cq = json.load(open(f))
    assert isinstance(cq, list) and cq and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(x) for x in cq)
for f in jus:
    ju = ET.parse(f).getroot()
    assert ju.tag == "testsuites" and ju.findall("./testsuite/testcase")
EOF

echo "1..$i"
exit 0
