#!/bin/sh
# -j N (issue 14): the whole end-to-end corpus, batched, checked on one
# thread and on four, gives the same bytes in every format (stdout, stderr,
# exit status, the text totals line, the --progress lines); and a batch
# gives what checking each input alone gives.
#
# The batches: every single-input case of testdata/cases/<kind>/<case>/
# (not config, whose inputs are one model; not the standard-input cases),
# grouped by command and the other arguments (option values that name files
# made absolute), one call per group with every input of the group. A
# group of one input runs on one thread whatever -j says, so the groups of
# two or more are compared. `key` batches are compared across -j only: a
# key's findings depend on the other keys of the call (key/count); with
# --trust-policy the policy's report comes once per call (first), and the
# text of those batches is compared across -j only.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
command -v python3 >/dev/null || { echo "1..0 # SKIP python3 not found"; exit 0; }
exec python3 - "$bin" "$srcdir" <<'PY'
import collections, concurrent.futures, json, os, re, shlex, subprocess, sys

binary, srcdir = sys.argv[1], sys.argv[2]
root = os.path.join(srcdir, "testdata", "cases")
FLAGS = {"--strict", "-q", "--quiet", "--redact", "--wide", "--color", "--colour", "--no-color",
         "--no-colour", "-r", "--recursive", "--progress", "--no-progress", "-0", "--null",
         "--no-config"}


def groups_of_corpus():
    groups = collections.OrderedDict()
    for kind in sorted(os.listdir(root)):
        for case in sorted(os.listdir(os.path.join(root, kind))):
            d = os.path.join(root, kind, case)
            if os.path.exists(os.path.join(d, "stdin")):
                continue
            toks = shlex.split(open(os.path.join(d, "args")).read())
            cmd, rest = toks[0], toks[1:]
            opts, inputs, i = [], [], 0
            while i < len(rest):
                t = rest[i]
                if not t.startswith("-") or t == "-":
                    inputs.append(t)
                    i += 1
                    continue
                if t in FLAGS:
                    opts.append(t)
                    i += 1
                    continue
                if t.startswith("--") and "=" in t:
                    name, v = t.split("=", 1)
                    i += 1
                else:
                    name, v = t, rest[i + 1]
                    i += 2
                if name == "--format":
                    continue
                at = "@" if v.startswith("@") else ""
                p = os.path.join(d, v[len(at):])
                if os.path.exists(p):
                    v = at + os.path.normpath(p)
                opts += [name, v]
            if cmd == "config" or len(inputs) != 1 or inputs[0] == "-":
                continue
            path = os.path.normpath(os.path.join(d, inputs[0]))
            if os.path.isfile(path):
                groups.setdefault((cmd, tuple(opts)), []).append(path)
    return groups


def run(args, env=None):
    p = subprocess.run([binary] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env, cwd=srcdir)
    return p.returncode, p.stdout, p.stderr


groups = [(k, v) for k, v in groups_of_corpus().items() if len(v) >= 2]
n_inputs = sum(len(v) for _, v in groups)
FORMATS = ["json", "ndjson", "text", "sarif", "junit", "gitlab", "github"]
tests = []


def ok(cond, what, detail=""):
    tests.append((cond, what, detail))


ok(len(groups) >= 10 and n_inputs >= 400,
   "the corpus gives %d batches of %d inputs" % (len(groups), n_inputs))

# 1. -j 1 and -j 4: the same bytes, stderr and exit status in every format
penv = dict(os.environ, SAMLCHECK_PROGRESS_AFTER_MS="0")
batch = {}
for fmt in FORMATS:
    diff = []
    for (cmd, opts), ins in groups:
        base = [cmd] + list(opts) + ["--no-config", "--format", fmt]
        one = run(base + ["-j", "1"] + ins)
        four = run(base + ["-j", "4"] + ins)
        if one != four:
            diff.append("%s %s" % (cmd, " ".join(opts)))
        batch[(fmt, cmd, opts)] = one
    ok(not diff, "--format %s: -j 4 = -j 1 over every batch (stdout, stderr, exit)" % fmt,
       "; ".join(diff[:3]))
diff = []
for (cmd, opts), ins in groups:
    base = [cmd] + list(opts) + ["--no-config", "--progress"]
    if run(base + ["-j", "1"] + ins, penv) != run(base + ["-j", "4"] + ins, penv):
        diff.append(cmd)
ok(not diff, "--progress: -j 4 = -j 1 (report, progress lines, exit)", "; ".join(diff[:3]))
# the default (no -j) for 8 inputs or more is the cores: the same again
(cmd, opts), ins = max(groups, key=lambda g: len(g[1]))
ok(run([cmd] + list(opts) + ["--no-config", "--format", "json"] + ins) ==
   batch[("json", cmd, opts)], "without -j (%d inputs: every core) = -j 1" % len(ins))

# -j 0 = the cores; what -j refuses (exit 2, a message, no output)
ok(run([cmd] + list(opts) + ["--no-config", "--format", "json", "-j", "0"] + ins) ==
   batch[("json", cmd, opts)], "-j 0 (the cores) = -j 1")
bad = []
for v in ("-1", "257", "1000000", "x", "", "2.5", "0x4"):
    st, out, err = run([cmd] + list(opts) + ["--no-config", "-j", v] + ins[:2])
    if st != 2 or out or b"-j needs a whole number from 0 to 256" not in err:
        bad.append(repr(v))
st, out, err = run([cmd] + list(opts) + ["--no-config", "--jobs=300"] + ins[:2])
if st != 2 or out:
    bad.append("--jobs=300")
ok(not bad, "-j refuses negative, non-numeric and absurd values (exit 2, nothing written)",
   " ".join(bad))

# 2. a batch = each input checked alone, in input order
singles = {}


def single(job):
    fmt, cmd, opts, path = job
    return job, run([cmd] + list(opts) + ["--no-config", "--format", fmt, path])


jobs = [(fmt, cmd, opts, p) for fmt in ("ndjson", "text") for (cmd, opts), ins in groups
        if cmd != "key" for p in ins]
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
    for job, res in ex.map(single, jobs):
        singles[job] = res


TOTALS = re.compile(r"^(\d+) error\(s\), (\d+) warning\(s\), (\d+) info in (\d+) input\(s\)$")


def compare(fmt):
    bad = []
    for (cmd, opts), ins in groups:
        if cmd == "key":
            continue
        # --trust-policy: the policy's own report comes first, once a call
        policy = "--trust-policy" in opts
        if policy and fmt == "text":
            continue
        st, out, _ = batch[(fmt, cmd, opts)]
        alone = [singles[(fmt if fmt != "json" else "ndjson", cmd, opts, p)] for p in ins]
        want_st = max(a[0] for a in alone)
        if fmt in ("ndjson", "json"):
            want = []
            for k, a in enumerate(alone):
                lines = a[1].decode().splitlines(True)
                want += lines[1:] if policy and k else lines
            if fmt == "ndjson":
                same = out.decode() == "".join(want)
            else:
                got = json.loads(out)["results"] if out else []
                objs = []
                for line in want:
                    r = json.loads(line)
                    del r["tool"], r["version"]
                    objs.append(r)
                same = got == objs
        else:  # text: the parts in order, then one totals line for them all
            lines = out.decode().split("\n")
            body = "".join(a[1].decode().rsplit("\n", 2)[0] + "\n" for a in alone)
            tot = [0, 0, 0, 0]
            for a in alone:
                m = TOTALS.match(a[1].decode().rsplit("\n", 2)[1])
                tot = [x + int(y) for x, y in zip(tot, m.groups())] if m else tot
            same = "\n".join(lines[:-2]) + "\n" == body and \
                lines[-2] == "%d error(s), %d warning(s), %d info in %d input(s)" % tuple(tot)
        if not same or st != want_st:
            bad.append("%s %s (exit %d, alone %d)" % (cmd, " ".join(opts)[:60], st, want_st))
    ok(not bad, "--format %s batch = each input alone, in order (and the highest exit)" % fmt,
       "; ".join(bad[:3]))


for fmt in ("ndjson", "json", "text"):
    compare(fmt)

# SARIF: the batch's results are the JSON batch's findings, in order
bad = []
for (cmd, opts), ins in groups:
    st, out, _ = batch[("sarif", cmd, opts)]
    sts, jout, _ = batch[("json", cmd, opts)]
    if not out and not jout:
        continue
    s = json.loads(out)["runs"][0]
    j = json.loads(jout)["results"]
    want = [f["rule"] for r in j for f in r["findings"]]
    if [r["ruleId"] for r in s["results"]] != want or st != sts or \
            s["invocations"][0]["exitCode"] != st:
        bad.append(cmd + " " + " ".join(opts)[:60])
ok(not bad, "--format sarif batch: the JSON batch's findings in order, its exit status",
   "; ".join(bad[:3]))

# 3. unreadable inputs inside a batch: the same across -j; SARIF streams
# their notifications after the results; GitLab and JUnit stay documents
import tempfile
resp = os.path.join(srcdir, "testdata", "responses")
md = ["--metadata", os.path.join(resp, "idp-metadata.xml"), "--now", "2025-06-01T12:00:00Z",
      "--no-config"]
mixed = []
for k, name in enumerate(sorted(f for f in os.listdir(resp) if f.endswith(".xml"))[:40]):
    mixed.append(os.path.join(resp, name))
    if k % 7 == 3:
        mixed.append(os.path.join(resp, "nonexistent-input-%d.xml" % k))
n_missing = sum(1 for m in mixed if "nonexistent-input-" in m)
same = True
docs = {}
for fmt in ("sarif", "gitlab", "junit", "json"):
    one = run(["response"] + md + ["--format", fmt, "-j", "1"] + mixed)
    four = run(["response"] + md + ["--format", fmt, "-j", "4"] + mixed)
    same = same and one == four
    docs[fmt] = one
ok(same, "a batch with %d unreadable inputs: -j 4 = -j 1 (sarif, gitlab, junit, json)" % n_missing)
st, out, _ = docs["sarif"]
run0 = json.loads(out)["runs"][0]
inv = run0["invocations"][0]
ok(st == 2 and list(run0)[:3] == ["tool", "results", "invocations"] and
   inv["exitCode"] == 2 and not inv["executionSuccessful"] and
   [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[1]
    for n in inv["toolExecutionNotifications"]] ==
   [os.path.basename(m) for m in mixed if "nonexistent-input-" in m],
   "SARIF: results, then invocations with exit code 2 and a notification per unreadable input")
import xml.etree.ElementTree as ET
st, out, _ = docs["junit"]
root = ET.fromstring(out)
suites = root.findall("./testsuite")
ok(len(suites) == len(mixed) and
   sum(int(x.get("errors")) for x in suites) == n_missing and
   sum(int(x.get("tests")) for x in suites) == len(root.findall("./testsuite/testcase")),
   "JUnit: a <testsuite> per input with its own counts (%d errors)" % n_missing)
st, out, _ = docs["gitlab"]
ok(isinstance(json.loads(out), list) and out.endswith(b"]\n"), "GitLab: one JSON array")

# 4. --baseline-write: written whole at the end, never left half-written
with tempfile.TemporaryDirectory() as d:
    base = os.path.join(d, "base.json")
    st, _, _ = run(["response"] + md + ["-q", "-j", "4", "--baseline-write", base] + mixed[:12])
    doc = json.load(open(base))
    ok(st == 2 and doc["format"] == 1 and len(doc["fingerprints"]) > 0 and
       sorted(os.listdir(d)) == ["base.json"],
       "--baseline-write over a batch: the whole file, no temporary file left")
    open(base, "w").write("old")
    # a key is no certificate: the metadata check of the first input stops the run
    st, _, _ = run(["metadata", "--metadata-signer",
                    os.path.join(srcdir, "testdata", "keys", "idp-signing.key")] + md[2:] +
                   ["-q", "--baseline-write", base,
                    os.path.join(srcdir, "testdata", "metadata", "ok-adfs.xml")])
    ok(st == 2 and open(base).read() == "old" and sorted(os.listdir(d)) == ["base.json"],
       "a run that stops (exit %d) leaves the old baseline and no temporary file" % st)

print("1..%d" % len(tests))
for i, (cond, what, detail) in enumerate(tests, 1):
    print("%s %d - %s" % ("ok" if cond else "not ok", i, what))
    if not cond and detail:
        print("# " + detail)
PY
