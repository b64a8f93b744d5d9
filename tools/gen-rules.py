#!/usr/bin/env python3
"""The rule registry's generator.

The repository owns its rule texts: rules/rules.txt (one record per rule),
rules/sources.txt (what each source reference means: a title and a URL) and
rules/aws-errors.txt (the AWS error messages, their order on the AWS
troubleshooting page and the rules that cause each, with likelihood
weights) are the one source of truth. From them this script writes

    src/report/rules.def      the registry (enum, table, --list-rules,
                              explain, SARIF and docs/rules.md derive from it)
    src/cli/aws_errors.def    the AWS error catalogue of `samlcheck explain`

Usage (from the top of the tree):

    python3 tools/gen-rules.py            regenerate both files
    python3 tools/gen-rules.py --check    exit 1 when either file is stale
    python3 tools/gen-rules.py import SPEC [--apply] [--no-text]
        compare the specification (../shared/RULES.md) with rules/rules.txt:
        new and removed rule IDs, changed severities, changed AWS error texts,
        and rules whose specification text changed since the last import
        (each record keeps a digest of its specification block).  With
        --apply, new rules are appended with the specification's wording
        (marked `review: plain words needed`), severities and AWS error
        texts are taken over and the digests are updated; titles, checks
        and fixes of changed rules are left for a person to reword.

See docs/rules-source.md for the file format.
"""
import hashlib
import os
import re
import sys

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
RULES_TXT = os.path.join(TOP, "rules", "rules.txt")
SOURCES_TXT = os.path.join(TOP, "rules", "sources.txt")
AWS_TXT = os.path.join(TOP, "rules", "aws-errors.txt")
RULES_DEF = os.path.join(TOP, "src", "report", "rules.def")
AWS_DEF = os.path.join(TOP, "src", "cli", "aws_errors.def")

RULE_FIELDS = ["severity", "severity-text", "applies", "aws-error", "aws-note", "title",
               "check", "fix", "fix-subcase", "source", "implemented", "spec-digest", "review"]
AWS_FIELDS = ["order", "code", "status", "service", "where", "also", "cause", "command", "basis",
              "example"]
MULTI = {"also", "cause", "example"}


# ---------------------------------------------------------------- record files

def read_records(path, fields, multi=()):
    """[name] headers, `key: value` lines, indented continuation lines
    (joined with one space), `#` comments. Keys in `multi` may repeat and
    give lists."""
    recs = []
    cur = None
    key = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                key = None
                continue
            if line.startswith("#"):
                continue
            m = re.match(r"^\[(.+)\]$", line)
            if m:
                cur = {"name": m.group(1), "_line": n}
                recs.append(cur)
                key = None
                continue
            if line.startswith((" ", "\t")):
                if cur is None or key is None:
                    sys.exit("%s:%d: continuation line without a key" % (path, n))
                if key in multi:
                    cur[key][-1] += " " + line.strip()
                else:
                    cur[key] += " " + line.strip()
                continue
            m = re.match(r"^([a-z-]+):\s?(.*)$", line)
            if not m or cur is None:
                sys.exit("%s:%d: expected [name] or key: value" % (path, n))
            key, val = m.group(1), m.group(2).strip()
            if key not in fields:
                sys.exit("%s:%d: unknown key %r" % (path, n, key))
            if key in multi:
                cur.setdefault(key, []).append(val)
            else:
                if key in cur:
                    sys.exit("%s:%d: %s given twice" % (path, n, key))
                cur[key] = val
    return recs


def wrap(key, val, width=100):
    words = val.split(" ")
    out, line = [], key + ": "
    for w in words:
        if len(line) + len(w) > width and line.strip() and not line.endswith(": "):
            out.append(line.rstrip())
            line = "  "
        line += w + " "
    out.append(line.rstrip())
    return "\n".join(out)


def write_rules_txt(recs, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(RULES_HEADER)
        for r in recs:
            f.write("\n[%s]\n" % r["name"])
            for k in RULE_FIELDS:
                if k in r and r[k] is not None:
                    f.write(wrap(k, r[k]) + "\n")


RULES_HEADER = """\
# samlcheck rule registry: the one source of the rule texts.
# tools/gen-rules.py turns this file into src/report/rules.def; docs/rules.md,
# `samlcheck explain`, `--list-rules` and SARIF all derive from that.
# Format: docs/rules-source.md.  Rule IDs, severities and AWS error texts come
# from the specification and must not change; every other text is ours.
"""


# ---------------------------------------------------------------- specification

def clean(s):
    return re.sub(r"\s+", " ", s.strip())


def first_quote(text):
    m = re.search(r'"([^"]+)"', text)
    if m:
        return m.group(1)
    m = re.match(r"\s*`([A-Za-z]+)`", text)
    if m:
        return m.group(1)
    return None


# AWS error texts that a mechanical "first quoted string" would get wrong.
AWS_OVERRIDE = {
    "response/source-identity-invalid":
        'Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:" '
        '(service: AWSSecurityTokenService; status code: 400; error code: InvalidIdentityToken)',
    "key/unsupported-type": None,   # "unknown"; only a guess is quoted
    "response/attribute-near-miss": None,
    "response/principal-tags": None,
}


def parse_spec(path):
    """The specification's rules: id -> dict of spec fields (mechanical)."""
    src = open(path, encoding="utf-8").read()
    blocks = re.split(r"^### ", src, flags=re.M)[1:]
    seen = {}
    for b in blocks:
        head, _, body = b.partition("\n")
        head = head.strip()
        m = re.match(r"^([a-z]+/[a-z0-9-]+)(.*)$", head)
        if not m:
            continue
        rid = m.group(1)
        if m.group(2).strip() and not (rid in seen and "full definition" in m.group(2)):
            continue
        fields = {}
        cur = None
        raw = []
        for line in body.split("\n"):
            fm = re.match(r"^\* \*\*([A-Za-z ]+):\*\* ?(.*)$", line)
            if line.startswith("---") or line.startswith("## "):
                break
            raw.append(line)
            if fm:
                cur = fm.group(1)
                fields[cur] = fm.group(2)
            elif cur and line.strip():
                fields[cur] += "\n" + line
        if rid in seen and not fields.get("Check"):
            continue
        sev_line = fields.get("Severity", "")
        sev_part, _, applies = sev_line.partition("· **Applies to:**")
        sev_word = sev_part.strip().split()[0].rstrip(";")
        aws_field = clean(fields.get("AWS error", ""))
        if rid in AWS_OVERRIDE:
            aws = AWS_OVERRIDE[rid]
        elif re.match(r"^(none|not |unknown|indirect|an API|a `LimitExceeded|API validation|usually none)",
                      aws_field):
            aws = None
            if aws_field.startswith("not documented") and '"' in aws_field and "closest" in aws_field:
                aws = first_quote(aws_field)
        else:
            aws = first_quote(aws_field)
        check = clean(fields.get("Check", ""))
        title = check.split(". ")[0]
        if len(title) > 160:
            title = title[:157] + "..."
        seen[rid] = {
            "name": rid, "severity": sev_word, "severity-text": clean(sev_part),
            "applies": clean(applies), "aws-error": aws, "aws-note": aws_field, "title": title,
            "check": check, "fix": clean(fields.get("Fix", "")),
            "source": clean(fields.get("Source", "")),
            "spec-digest": hashlib.sha256("\n".join(raw).strip().encode()).hexdigest()[:16],
        }
    return seen


# ---------------------------------------------------------------- generation

def cstr(s):
    if s is None:
        return "NULL"
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + s + '"'


def load_sources():
    srcs = {}
    for r in read_records(SOURCES_TXT, ["title", "url"]):
        srcs[r["name"]] = r
    return srcs


def expand_sources(text, srcs, where):
    """{@KEY} -> "title <url>"; {@KEY §N} -> "title, section N <url>";
    {@KEY|words} -> "words <url>"."""
    def rep(m):
        key, sec, words = m.group(1), m.group(2), m.group(3)
        if key not in srcs:
            sys.exit("%s: unknown source {@%s}" % (where, key))
        s = srcs[key]
        label = words or s["title"]
        if sec:
            label += ", section " + sec.lstrip("§")
        return "%s <%s>" % (label, s["url"]) if s.get("url") else label
    return re.sub(r"\{@([A-Z][A-Z0-9-]*)(?: (§[^}|]*))?(?:\|([^}]*))?\}", rep, text)


def load_rules():
    recs = read_records(RULES_TXT, RULE_FIELDS)
    ids = set()
    for r in recs:
        where = "%s:%d" % (RULES_TXT, r["_line"])
        if not re.match(r"^(input|xml|metadata|response|key|policy|config|sec)/[a-z0-9]+(-[a-z0-9]+)*$",
                        r["name"]):
            sys.exit("%s: bad rule ID %s" % (where, r["name"]))
        if r["name"] in ids:
            sys.exit("%s: rule %s given twice" % (where, r["name"]))
        ids.add(r["name"])
        for k in ("severity", "severity-text", "applies", "aws-error", "aws-note", "title", "check",
                  "fix", "source"):
            if k not in r:
                sys.exit("%s: %s has no %s" % (where, r["name"], k))
        if r["severity"] not in ("error", "warning", "info"):
            sys.exit("%s: bad severity %r" % (where, r["severity"]))
        if r.get("implemented", "yes") not in ("yes", "no"):
            sys.exit("%s: implemented must be yes or no" % where)
    return recs


def gen_rules_def(recs, srcs):
    out = ["/* Generated by tools/gen-rules.py from rules/rules.txt: do not edit by hand.",
           " * RULE(enum, id, severity, severity_text, applies, aws_error, aws_note,",
           " *      title, check, fix, source, implemented, fix_subcase) */"]
    for r in recs:
        where = "%s [%s]" % (RULES_TXT, r["name"])
        enum = "SC_RULE_" + re.sub(r"[^A-Z0-9]", "_", r["name"].upper())
        aws = None if r["aws-error"] == "-" else r["aws-error"]
        vals = [r["severity-text"], r["applies"], aws, r["aws-note"], r["title"], r["check"], r["fix"],
                r["source"]]
        vals = [expand_sources(v, srcs, where) if v else v for v in vals]
        out.append("RULE(%s, %s, SAMLCHECK_SEV_%s," % (enum, cstr(r["name"]), r["severity"].upper()))
        for v in vals:
            out.append("     %s," % cstr(v))
        fxs = r.get("fix-subcase")
        out.append("     %d, %s)" % (1 if r.get("implemented", "yes") == "yes" else 0,
                                     cstr(expand_sources(fxs, srcs, where) if fxs else None)))
    return "\n".join(out) + "\n"


def load_aws(rules):
    recs = read_records(AWS_TXT, AWS_FIELDS, MULTI)
    texts = {}
    for r in recs:
        where = "%s:%d" % (AWS_TXT, r["_line"])
        for k in ("order", "code", "service", "where", "cause", "command", "basis"):
            if k not in r:
                sys.exit("%s: message %r has no %s" % (where, r["name"], k))
        causes = []
        for c in r["cause"]:
            parts = [p.strip() for p in c.split(" | ")]
            m = re.match(r"^(\S+)\s+(\d+)$", parts[0])
            if not m or m.group(1) not in rules or len(parts) > 3:
                sys.exit("%s: cause %r: expected `rule/id WEIGHT | why [| command]`" % (where, c))
            causes.append((m.group(1), int(m.group(2)), parts[1] if len(parts) > 1 else None,
                           parts[2] if len(parts) > 2 else None))
        if sum(c[1] for c in causes) != 100:
            sys.exit("%s: the weights of %r add up to %d, not 100" % (where, r["name"], sum(c[1] for c in causes)))
        r["causes"] = sorted(causes, key=lambda c: -c[1])
        for t in [r["name"]] + r.get("also", []):
            texts.setdefault(t, set()).update(c[0] for c in causes)
    # Every AWS error text of the registry must lead back to its rule.
    for rid, rule in rules.items():
        aws = rule["aws-error"]
        if aws != "-" and rid not in texts.get(aws, ()):
            sys.exit("%s: the AWS error of %s (%r) is not a message (or `also`) with that rule as a cause"
                     % (AWS_TXT, rid, aws))
    return recs


def gen_aws_def(recs):
    out = ["/* Generated by tools/gen-rules.py from rules/aws-errors.txt: do not edit by hand.",
           " * AWS_MSG(text, order, codes, status, service, where, command, basis)",
           " * AWS_ALSO(text)                          another wording of the message above",
           " * AWS_CAUSE(rule, weight, why, command)   a rule behind the message above",
           " * AWS_EXAMPLE(command)                    the guide's example for the message above */"]
    for r in recs:
        code = None if r["code"] == "-" else r["code"]
        out.append("AWS_MSG(%s, %s, %s, %s, %s, %s, %s, %s)" % (
            cstr(r["name"]), int(r["order"]), cstr(code), int(r.get("status", "0")),
            cstr(r["service"]), cstr(r["where"]), cstr(r["command"]), cstr(r["basis"])))
        for a in r.get("also", []):
            out.append("AWS_ALSO(%s)" % cstr(a))
        for rid, w, why, cmd in r["causes"]:
            out.append("AWS_CAUSE(%s, %d, %s, %s)" % (cstr(rid), w, cstr(why), cstr(cmd)))
        for e in r.get("example", []):
            out.append("AWS_EXAMPLE(%s)" % cstr(e))
    return "\n".join(out) + "\n"


def generate():
    srcs = load_sources()
    recs = load_rules()
    files = {RULES_DEF: gen_rules_def(recs, srcs)}
    if os.path.exists(AWS_TXT):
        files[AWS_DEF] = gen_aws_def(load_aws({r["name"]: r for r in recs}))
    return files


# ---------------------------------------------------------------- import

def do_import(spec_path, apply, text=True):
    spec = parse_spec(spec_path)
    recs = load_rules()
    have = {r["name"]: r for r in recs}
    changes = 0
    for rid in have:
        if rid not in spec:
            print("REMOVED from the specification (rule IDs are never deleted: mark it reserved): %s" % rid)
            changes += 1
    for rid, s in spec.items():
        r = have.get(rid)
        if r is None:
            print("NEW %s (%s): appended with the specification's wording; reword it" % (rid, s["severity"]))
            changes += 1
            if apply:
                nr = dict(s)
                nr["aws-error"] = nr["aws-error"] if nr["aws-error"] is not None else "-"
                nr["implemented"] = "yes"
                nr["review"] = "plain words needed (imported from the specification)"
                recs.append(nr)
            continue
        if r["severity"] != s["severity"]:
            print("SEVERITY %s: %s -> %s" % (rid, r["severity"], s["severity"]))
            changes += 1
            if apply:
                r["severity"] = s["severity"]
        aws = None if r["aws-error"] == "-" else r["aws-error"]
        if aws != s["aws-error"]:
            print("AWS ERROR %s:\n  ours: %s\n  spec: %s" % (rid, aws, s["aws-error"]))
            changes += 1
            if apply:
                r["aws-error"] = s["aws-error"] if s["aws-error"] is not None else "-"
        if text and r.get("spec-digest") != s["spec-digest"]:
            print("TEXT %s: the specification's text changed since the last import; reread it and "
                  "reword title/check/fix/severity-text/aws-note by hand:" % rid)
            for k in ("severity-text", "check", "aws-note", "fix", "source"):
                print("  spec %s: %s" % (k, s[k]))
            changes += 1
            if apply:
                r["spec-digest"] = s["spec-digest"]
    if apply:
        write_rules_txt(recs, RULES_TXT)
        print("rules/rules.txt updated; now run: python3 tools/gen-rules.py")
    print("%d difference(s)" % changes)
    return 1 if changes and not apply else 0


def bootstrap(spec_path):
    """One-time conversion used to create rules/rules.txt (kept for the record)."""
    recs = []
    for s in parse_spec(spec_path).values():
        s = dict(s)
        s["aws-error"] = s["aws-error"] if s["aws-error"] is not None else "-"
        s["implemented"] = "yes"
        recs.append(s)
    write_rules_txt(recs, RULES_TXT)


def main(argv):
    if len(argv) >= 2 and argv[0] == "import":
        return do_import(argv[1], "--apply" in argv[2:], "--no-text" not in argv[2:])
    if len(argv) == 2 and argv[0] == "bootstrap":
        bootstrap(argv[1])
        return 0
    check = argv == ["--check"]
    if argv and not check:
        sys.stderr.write(__doc__)
        return 2
    stale = 0
    for path, text in generate().items():
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old == text:
            continue
        if check:
            sys.stderr.write("%s is stale: run python3 tools/gen-rules.py\n" % os.path.relpath(path, TOP))
            stale = 1
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            sys.stderr.write("wrote %s\n" % os.path.relpath(path, TOP))
    return stale


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
