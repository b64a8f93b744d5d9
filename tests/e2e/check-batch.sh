#!/bin/sh
# Batch checking (issue 14): any number of inputs, directories with -r
# (--include/--exclude, sorted), --files-from (newline, -0, stdin); the
# reports are streamed input by input, and the streamed JSON/SARIF/text is
# the same as checking each input alone (results in input order).
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
command -v python3 >/dev/null || { echo "1..0 # SKIP python3 not found"; exit 0; }
resp="$srcdir/testdata/responses"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/err" 2>/dev/null | head -8; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else notok "$2"; fi; }
echo "1..28"
NOW=--now=2025-06-01T12:00:00Z
MD="--metadata=$resp/idp-metadata.xml"

# the corpus: every response fixture, in a tree with a subdirectory, a
# hidden file and a non-XML file
mkdir -p "$tmp/d/sub" "$tmp/d/.hidden"
for f in "$resp"/*.xml; do
    b=$(basename "$f")
    case $b in
    idp-metadata*) continue ;;
    a* | b* | c*) cp "$f" "$tmp/d/sub/$b" ;;
    *) cp "$f" "$tmp/d/$b" ;;
    esac
done
cp "$resp/$(ls "$resp" | grep -v metadata | head -1)" "$tmp/d/.hidden/x.xml"
echo "not a response" >"$tmp/d/notes.txt"
# the sorted list -r must produce (byte order, depth first, hidden skipped)
python3 - "$tmp/d" >"$tmp/list" <<'PY'
import os, sys
def walk(d):
    for e in sorted(os.listdir(d).__iter__(), key=os.fsencode):
        p = d + "/" + e
        if e.startswith("."):
            continue
        if os.path.isdir(p):
            walk(p)
        elif e.endswith(".xml"):
            print(p)
walk(sys.argv[1])
PY
count=$(wc -l <"$tmp/list")
[ "$count" -gt 64 ]
check $? "the corpus has more than 64 inputs ($count)"

# 1. any number of inputs: explicit names, all of them in one call
# shellcheck disable=SC2046
"$bin" response $NOW "$MD" --format json $(cat "$tmp/list") >"$tmp/explicit.json" 2>"$tmp/err"
st=$?
[ "$st" -ge 1 ] && grep -q '"results"' "$tmp/explicit.json"
check $? "$count inputs in one call (exit $st)"

# 2. -r with --include gives the same inputs in the same order
"$bin" response $NOW "$MD" --format json -r --include '*.xml' "$tmp/d" >"$tmp/r.json" 2>"$tmp/err"
cmp -s "$tmp/explicit.json" "$tmp/r.json"
check $? "-r --include '*.xml' DIR = the sorted file names"

# 3. every streamed result is the result of checking that input alone
python3 - "$bin" "$tmp/explicit.json" "$tmp/list" "$NOW" "$MD" >"$tmp/err" 2>&1 <<'PY'
import json, subprocess, sys
b, doc, lst, now, md = sys.argv[1:]
batch = json.load(open(doc))
names = open(lst).read().split("\n")[:-1]
assert len(batch["results"]) >= len(names), "fewer results than inputs"
i = 0
for name in names:
    one = json.loads(subprocess.run([b, "response", now, md, "--format", "json", name],
                                    capture_output=True).stdout)
    for r in one["results"]:
        assert batch["results"][i] == r, "result %d (%s) differs" % (i, name)
        i += 1
assert i == len(batch["results"]), "extra results"
PY
check $? "streamed JSON results = each input checked alone, in input order"

# 4. SARIF and text: the same document as rendering at once (results in order)
"$bin" response $NOW "$MD" --format sarif -r --include '*.xml' "$tmp/d" >"$tmp/r.sarif" 2>"$tmp/err"
python3 - "$bin" "$tmp/r.sarif" "$tmp/list" "$NOW" "$MD" >"$tmp/err" 2>&1 <<'PY'
import json, subprocess, sys
b, doc, lst, now, md = sys.argv[1:]
batch = json.load(open(doc))
names = open(lst).read().split("\n")[:-1]
want = []
for name in names:
    one = json.loads(subprocess.run([b, "response", now, md, "--format", "sarif", name],
                                    capture_output=True).stdout)
    want += one["runs"][0]["results"]
    rules = one["runs"][0]["tool"]
assert batch["runs"][0]["results"] == want, "SARIF results differ"
assert batch["runs"][0]["tool"] == rules
PY
check $? "streamed SARIF results = each input checked alone"
"$bin" response $NOW "$MD" -r --include '*.xml' "$tmp/d" >"$tmp/r.txt" 2>"$tmp/err"
tail -1 "$tmp/r.txt" | grep -q "in $count input(s)\$"
check $? "text totals line counts every input"

# 5. --include/--exclude select, hidden files are skipped
"$bin" response $NOW "$MD" -q -r --exclude 'sub' --include '*.xml' "$tmp/d" >"$tmp/out" 2>"$tmp/err"
want=$(grep -vc "/sub/" "$tmp/list")
tail -1 "$tmp/out" | grep -q "in $want input(s)\$"
check $? "--exclude prunes a directory ($want inputs)"
"$bin" response $NOW "$MD" -q -r "$tmp/d" >"$tmp/out" 2>"$tmp/err"
tail -1 "$tmp/out" | grep -q "in $((count + 1)) input(s)\$" && ! grep -q "\.hidden" "$tmp/out"
check $? "without --include every file is an input; hidden ones are not"

# 6. --files-from: a file, standard input, NUL-separated
"$bin" response $NOW "$MD" --format json --files-from "$tmp/list" >"$tmp/ff.json" 2>"$tmp/err"
cmp -s "$tmp/explicit.json" "$tmp/ff.json"
check $? "--files-from FILE = the names given"
"$bin" response $NOW "$MD" --format json --files-from - <"$tmp/list" >"$tmp/ff.json" 2>"$tmp/err"
cmp -s "$tmp/explicit.json" "$tmp/ff.json"
check $? "--files-from - reads the names from standard input"
tr '\n' '\0' <"$tmp/list" >"$tmp/list0"
"$bin" response $NOW "$MD" --format json -0 --files-from "$tmp/list0" >"$tmp/ff.json" 2>"$tmp/err"
cmp -s "$tmp/explicit.json" "$tmp/ff.json"
check $? "-0 --files-from reads NUL-separated names"

# 7. what must not pass silently
mkdir "$tmp/empty"
"$bin" response $NOW "$MD" -r "$tmp/empty" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "no files to check" "$tmp/err"
check $? "an empty directory is exit 2, not a clean run"
: >"$tmp/nolist"
"$bin" response $NOW "$MD" --files-from "$tmp/nolist" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -qE "names no input|is empty" "$tmp/err"
check $? "an empty --files-from list is exit 2"
"$bin" response $NOW "$MD" --files-from "$tmp/list0" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "add -0" "$tmp/err"
check $? "a NUL-separated list without -0 is refused"
"$bin" response $NOW "$MD" --include '*.xml' "$tmp/d" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "add -r" "$tmp/err"
check $? "--include without -r is refused"
"$bin" response $NOW "$MD" -j -1 "$tmp/d/sub" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "from 0 to 256" "$tmp/err" && [ ! -s "$tmp/out" ]
check $? "-j -1 is refused (exit 2, tests/e2e/check-jobs.sh has the rest)"
"$bin" response $NOW "$MD" --format json -j 1 --files-from "$tmp/list" >"$tmp/ff.json" 2>"$tmp/err"
cmp -s "$tmp/explicit.json" "$tmp/ff.json"
check $? "-j 1 = the default"

# 8. config keeps all its inputs as one model under -r
mkdir "$tmp/cfg"
cp "$srcdir/testdata/configs/current.json" "$tmp/cfg/a.json"
cp "$srcdir/testdata/configs/update-add-and-remove.json" "$tmp/cfg/b.json"
"$bin" config $NOW --format json "$tmp/cfg/a.json" "$tmp/cfg/b.json" >"$tmp/c1" 2>"$tmp/err"
s1=$?
"$bin" config $NOW --format json -r "$tmp/cfg" >"$tmp/c2" 2>"$tmp/err"
s2=$?
[ "$s1" = "$s2" ] && cmp -s "$tmp/c1" "$tmp/c2"
check $? "config -r DIR = config with the files named (one model)"

# 9. the progress line: stderr only, text only, never changes the report
"$bin" response $NOW "$MD" -q --no-progress --files-from "$tmp/list" >"$tmp/p0" 2>"$tmp/err"
SAMLCHECK_PROGRESS_AFTER_MS=0 "$bin" response $NOW "$MD" -q --progress --files-from "$tmp/list" \
    >"$tmp/p1" 2>"$tmp/perr"
cmp -s "$tmp/p0" "$tmp/p1" && grep -q "$count/$count inputs checked" "$tmp/perr"
check $? "--progress: a progress line on stderr, the report unchanged"
[ ! -s "$tmp/err" ]
check $? "--no-progress: nothing on stderr"
SAMLCHECK_PROGRESS_AFTER_MS=0 "$bin" response $NOW "$MD" -q --files-from "$tmp/list" >"$tmp/p1" 2>"$tmp/err"
[ ! -s "$tmp/err" ]
check $? "no progress line by default when stderr is not a terminal"
"$bin" response $NOW "$MD" --progress --format json --files-from "$tmp/list" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "never in a machine format" "$tmp/err"
check $? "--progress with a machine format is refused"

# 10. the CI formats and options (main's w/ci) over a batch
# ndjson and github stream: the same lines as each input checked alone
for fmt in ndjson github; do
    "$bin" response $NOW "$MD" --no-config --format $fmt --files-from "$tmp/list" >"$tmp/b.$fmt" 2>"$tmp/err"
    : >"$tmp/w.$fmt"
    : >"$tmp/list1"
    while IFS= read -r name; do
        "$bin" response $NOW "$MD" --no-config --format $fmt "$name" >>"$tmp/w.$fmt" 2>/dev/null
        [ $? -eq 1 ] && echo "$name" >>"$tmp/list1" # findings, but checked
    done <"$tmp/list"
    [ -s "$tmp/b.$fmt" ] && cmp -s "$tmp/b.$fmt" "$tmp/w.$fmt"
    check $? "streamed $fmt = each input checked alone, in input order"
done
# junit and gitlab collect every report: one document naming every input
"$bin" response $NOW "$MD" --no-config --format junit --files-from "$tmp/list" >"$tmp/b.junit" 2>"$tmp/err"
python3 - "$tmp/b.junit" "$count" >"$tmp/err" 2>&1 <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert len(root.findall(".//testsuite")) >= int(sys.argv[2]) or len(root.findall(".//testcase")) >= int(sys.argv[2]), ET.tostring(root)[:300]
PY
check $? "junit over $count inputs: one document with every input"
count1=$(wc -l <"$tmp/list1")
# --baseline-write over a batch, then --baseline: nothing new, exit 0
"$bin" response $NOW "$MD" --no-config --baseline-write "$tmp/base.json" --files-from "$tmp/list1" >/dev/null 2>"$tmp/err"
st=$?
"$bin" response $NOW "$MD" --no-config --format json --baseline "$tmp/base.json" --files-from "$tmp/list1" >"$tmp/b.json" 2>"$tmp/err"
st2=$?
python3 - "$tmp/b.json" "$count1" >>"$tmp/err" 2>&1 <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert len(doc["results"]) == int(sys.argv[2]), len(doc["results"])
assert all(not r["findings"] for r in doc["results"]), "a baselined finding was reported"
PY
[ $? -eq 0 ] && [ $st -eq 0 ] && [ $st2 -eq 0 ] && [ -s "$tmp/base.json" ]
check $? "--baseline-write then --baseline over $count1 inputs: exit 0, no finding (exits $st, $st2)"
# --ignore globs apply to every streamed input
"$bin" response $NOW "$MD" --no-config --format json --ignore '*' --files-from "$tmp/list1" >"$tmp/b.json" 2>"$tmp/err"
st=$?
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert all(not r["findings"] for r in d["results"])' "$tmp/b.json" 2>>"$tmp/err"
[ $? -eq 0 ] && [ $st -eq 0 ]
check $? "--ignore '*' drops every finding of every input (exit $st)"
# --fail-on never: exit 0 even though the batch has errors
"$bin" response $NOW "$MD" --no-config -q --fail-on never --files-from "$tmp/list1" >/dev/null 2>"$tmp/err"
check $? "--fail-on never over a batch with errors: exit 0"
