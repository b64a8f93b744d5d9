#!/usr/bin/env python3
"""compare-report.py: the Markdown tables of bench/compare.sh from its raw
results (environment: raw = the directory of raw results, N, RSSN, K, mode,
have_j, have_xmlsec, have_enc, cg, jsame, load_start, load_end). Not meant
to be run alone."""
import os

E = os.environ
RAW = E["raw"]
N, RSSN, K = int(E["N"]), int(E["RSSN"]), int(E["K"])


def meas(name):
    """(wall s, cpu s, exit) or None."""
    try:
        w, c, x = open(os.path.join(RAW, name)).read().split()[:3]
        return float(w), float(c), int(x)
    except (OSError, ValueError):
        return None


def ir(name):
    try:
        return int(open(os.path.join(RAW, name + ".ir")).read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def rss(name):
    try:
        return int(open(os.path.join(RAW, name + ".rss")).read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def ms(s):
    return "-" if s is None else ("%.1f ms" % (s * 1e3) if s < 1 else "%.2f s" % s)


def mi(n):
    return "-" if n is None else "%.1f M" % (n / 1e6)


def ratio(a, b):
    return None if not a or not b or a <= 0 or b <= 0 else a / b


def rx(r):
    return "-" if r is None else "%.2fx" % r


rows = []  # measurement table


def row(what, prog, name, irname=None, note=""):
    m = meas(name)
    i = ir(irname or name)
    if m is None and i is None:
        return
    rows.append("| %s | %s | %s | %s | %s | %s | %s |" % (
        what, prog, ms(m[0]) if m else "-", ms(m[1]) if m else "-", mi(i),
        m[2] if m else "-", note))


enc = E.get("have_enc") == "1"
xs = E.get("have_xmlsec") == "1"
row("one signed response per process", "samlcheck", "pp-sc")
row("", "floor", "pp-floor")
if xs:
    row("", "xmlsec1 --verify", "pp-xmlsec", note="verifies the first signature only (the Response's)")
if enc:
    row("one encrypted response per process", "samlcheck", "ppe-sc")
    row("", "floor (decrypt + verify)", "ppe-floor")
row("one response at the AWS size limit (%s bytes) per process" % E.get("big_bytes", "about 74,700"), "samlcheck", "big-sc")
row("", "floor", "big-floor")
per = []


def batch(what, prog, name, irname):
    m = meas(name)
    i = ir(irname)
    if m is None:
        return
    rate = N / m[1] if m[1] > 0 else None
    rows.append("| %s | %s | %s | %s | %s | %s | %s |" % (
        what, prog, ms(m[0]), ms(m[1]), mi(i) + (" per response" if i is not None else ""), m[2],
        "%.0f responses per CPU second" % rate if rate else ""))


batch("%d signed responses in one process" % N, "samlcheck (batch, -j 1)", "batch-sc", "per-sc")
batch("", "floor (loop)", "batch-floor", "per-floor")
if xs:
    batch("", "xmlsec1 --verify (all files in one call)", "batch-xmlsec", "-")
if enc:
    batch("%d encrypted responses in one process" % N, "samlcheck (batch, -j 1)", "batche-sc", "pere-sc")
    batch("", "floor (loop)", "batche-floor", "pere-floor")
if E.get("have_j") == "1":
    row("%d signed responses, -j 1" % N, "samlcheck", "j1")
    row("%d signed responses, -j 2" % N, "samlcheck", "j2", note="output %s to -j 1" % E.get("jsame", "-"))
ents = sorted(int(f[3:-3]) for f in os.listdir(RAW) if f.startswith("ent") and f.endswith("-sc") and "." not in f)
for n in ents:
    row("one response against metadata with %d entit%s" % (n, "y" if n == 1 else "ies"), "samlcheck", "ent%d-sc" % n)
    row("", "floor (parses the metadata, uses its first certificate)", "ent%d-floor" % n)
row("`samlcheck metadata` on 10 MB (1,000 entities, %s bytes)" % E.get("md10_bytes", "?"), "samlcheck", "md10-sc")

out = []
out.append("### Measurements\n")
out.append("Wall: %s of the processes (per-process rows) or best of the runs (one-process rows); "
           % ("median" if E.get("have_hf") == "1" else "mean")
           + "CPU: user + system; Ir: instructions under `valgrind --tool=callgrind` (whole process, or "
           "per response = (Ir(1 + %d inputs) - Ir(1 input)) / %d in one process).\n" % (K, K))
out.append("| measurement | program | wall | CPU | Ir | exit | note |")
out.append("|---|---|---:|---:|---:|---:|---|")
out.extend(rows)

r1, rn, ra = rss("rss-1"), rss("rss-N"), rss("rss-all")
out.append("\nPeak RSS of one `samlcheck response` call (default -j): 1 input %s KB, %d inputs %s KB, %d inputs %s KB.\n"
           % (r1 or "-", N, rn or "-", RSSN, ra or "-"))

# ---- targets
t = []


def status(r_ir, r_cpu, ok):
    """met/missed from the Ir ratio when measured (repeatable), else CPU."""
    r = r_ir if r_ir is not None else r_cpu
    if r is None:
        return "n/a"
    return "met" if ok(r) else "missed"


def cpu(name):
    m = meas(name)
    return m[1] if m else None


def wall(name):
    m = meas(name)
    return m[0] if m else None


# 1. per process
for label, a, b in (("signed", "pp-sc", "pp-floor"), ("encrypted", "ppe-sc", "ppe-floor")):
    if meas(a) is None:
        continue
    rc, ri = ratio(cpu(a), cpu(b)), ratio(ir(a), ir(b))
    t.append("| one %s response per process: ≤ 1.0x the floor | samlcheck %s CPU, %s Ir; floor %s, %s | %s | %s | %s |" % (
        label, ms(cpu(a)), mi(ir(a)), ms(cpu(b)), mi(ir(b)), rx(rc), rx(ri), status(ri, rc, lambda r: r <= 1.0)))
if xs and meas("pp-xmlsec"):
    t.append("| (reference) xmlsec1 --verify per process against the floor | | %s | %s | |" % (
        rx(ratio(cpu("pp-xmlsec"), cpu("pp-floor"))), rx(ratio(ir("pp-xmlsec"), ir("pp-floor")))))
if meas("big-sc"):
    t.append("| (no target) AWS-size response per process against the floor | | %s | %s | |" % (
        rx(ratio(cpu("big-sc"), cpu("big-floor"))), rx(ratio(ir("big-sc"), ir("big-floor")))))
def per_s(c):
    return "%.0f" % (N / c) if c else "-"


# 2. N in one process: throughput ratio = floor time / samlcheck time
for label, a, b, ia, ib in (("signed", "batch-sc", "batch-floor", "per-sc", "per-floor"),
                            ("encrypted", "batche-sc", "batche-floor", "pere-sc", "pere-floor")):
    if meas(a) is None:
        continue
    rc, ri = ratio(cpu(b), cpu(a)), ratio(ir(ib), ir(ia))
    t.append("| %d %s responses in one call: ≥ 0.8x the floor's responses per second per core | samlcheck %s/CPU s, floor %s/CPU s; %s against %s Ir per response | %s | %s | %s |" % (
        N, label, per_s(cpu(a)), per_s(cpu(b)), mi(ir(ia)), mi(ir(ib)), rx(rc), rx(ri), status(ri, rc, lambda r: r >= 0.8)))
# 3. -j
if E.get("have_j") == "1" and meas("j1") and meas("j2"):
    sp = ratio(wall("j1"), wall("j2"))
    loaded = E.get("load_start", "0").split()[0]
    t.append("| -j 2 on two free cores: ≥ 1.8x one thread (wall) | -j 1 %s, -j 2 %s wall; output %s; load average %s at the start | %s | - | %s |" % (
        ms(wall("j1")), ms(wall("j2")), E.get("jsame", "-"), loaded, rx(sp),
        "n/a" if sp is None else ("met" if sp >= 1.8 else "missed")))
else:
    t.append("| -j 2 on two free cores: ≥ 1.8x one thread | n/a (-j not available: `-j 2` is refused) | - | - | n/a |")
# 4. RSS
if r1 and ra:
    d = ra - r1
    t.append("| RSS flat: %d inputs in one call under 15 MB above one input | %d KB - %d KB = %d KB (%.1f MB) | - | - | %s |" % (
        RSSN, ra, r1, d, d / 1024, "met" if d < 15 * 1024 and RSSN >= 10000 else ("missed" if d >= 15 * 1024 else "n/a (fewer inputs)")))
# 5. entities
if ents and meas("ent%d-sc" % ents[0]) and meas("ent%d-sc" % ents[-1]):
    lo, hi = "ent%d-sc" % ents[0], "ent%d-sc" % ents[-1]
    rc = ratio(cpu(hi), cpu(lo))
    x = meas(hi)[2]
    why = ""
    if x == 2:
        why = "; exit 2: refused as a trust anchor (`sec/limits`, more than 1,000 certificates), no signature checked"
    fr = ratio(cpu("ent%d-floor" % ents[-1]), cpu("ent%d-floor" % ents[0]))
    st = "n/a" if rc is None else ("met" if rc <= 2.0 and x != 2 else "missed")
    mid = ""
    if len(ents) > 2 and meas("ent%d-sc" % ents[1]):
        mid = "; %d entities: %s CPU (%s of 1 entity, the floor %s)" % (
            ents[1], ms(cpu("ent%d-sc" % ents[1])), rx(ratio(cpu("ent%d-sc" % ents[1]), cpu(lo))),
            rx(ratio(cpu("ent%d-floor" % ents[1]), cpu("ent%d-floor" % ents[0]))))
    t.append("| one response against %d-entity metadata: within 2x of 1 entity | samlcheck %s against %s CPU (%s wall against %s)%s; the floor (parse the metadata, verify): %s%s | %s | - | %s |" % (
        ents[-1], ms(cpu(hi)), ms(cpu(lo)), ms(wall(hi)), ms(wall(lo)), why, rx(fr), mid, rx(rc), st))
# 6. 10 MB metadata
if meas("md10-sc"):
    c, w = cpu("md10-sc"), wall("md10-sc")
    t.append("| 10 MB metadata checked in under 0.3 s | %s CPU, %s wall | - | - | %s |" % (
        ms(c), ms(w), ("met" if c < 0.3 else "missed") + ("" if w < 0.3 else " (on CPU; wall %s under load)" % ms(w))))

out.append("### Issue 14 targets\n")
out.append("Ratios to the floor measured in this run. Per process: samlcheck / floor (lower is better); "
           "in one process: floor time / samlcheck time, i.e. samlcheck's responses per second as a "
           "fraction of the floor's (higher is better). Met/missed is decided on the instruction ratio "
           "when it was measured (repeatable on a shared machine), else on CPU time.\n")
out.append("| target | measured | ratio (CPU) | ratio (Ir) | status |")
out.append("|---|---|---:|---:|---|")
out.extend(t)
print("\n".join(out))
