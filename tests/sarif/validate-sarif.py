#!/usr/bin/env python3
"""Validate SARIF logs the way an upload would.

usage: validate-sarif.py [--allow-file-uri] [--help-uri] FILE...

1. The OASIS SARIF 2.1.0 JSON schema vendored beside this script
   (sarif-schema-2.1.0.json, see LICENSE-sarif-schema.md), with the "uri"
   and "uri-reference" formats checked against RFC 3986 (python-jsonschema
   does not check them by itself). Needs python3-jsonschema (Debian); when
   it is missing the schema step is reported as skipped unless
   SARIF_REQUIRE_SCHEMA=1, and step 2 still runs.
2. What GitHub code scanning documents for uploads ("SARIF support for code
   scanning"): version 2.1.0, runs[].tool.driver.name, rules with id and a
   readable name different from the id, short/full description and help
   text, tags, security-severity a number 0-10 as a string, every result
   with ruleId, a rule index that points at that rule, message.text, a
   location with artifactLocation.uri (a relative URI reference: no file://
   unless --allow-file-uri), region.startLine >= 1 when a region is given,
   partialFingerprints; and the upload limits (20 runs, 25000 results and
   rules per run, 1000 locations per result, 20 tags per rule, 10 MB).
   helpUri only with --help-uri.
Prints one line per problem and exits 1 when there is any.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "sarif-schema-2.1.0.json")

# RFC 3986: scheme ":" hier-part, or a relative reference whose first
# segment has no ':'; only unreserved, reserved and %HH.
_CH = r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2}"
URI_REF = re.compile(r"^(?:" + _CH + r")*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def is_uri_reference(s):
    if not isinstance(s, str) or not URI_REF.match(s):
        return False
    head = re.split(r"[/?#]", s, 1)[0]
    return ":" not in head or bool(SCHEME.match(s))


def is_uri(s):
    return is_uri_reference(s) and bool(SCHEME.match(s))


def schema_errors(doc):
    try:
        import jsonschema
    except ImportError:
        if os.environ.get("SARIF_REQUIRE_SCHEMA") == "1":
            return ["python3-jsonschema is not installed (SARIF_REQUIRE_SCHEMA=1)"]
        print("# SKIP schema: python3-jsonschema not installed; GitHub checks only")
        return []
    with open(SCHEMA, encoding="utf-8") as fp:
        schema = json.load(fp)
    fc = jsonschema.FormatChecker()
    fc.checks("uri")(is_uri)
    fc.checks("uri-reference")(is_uri_reference)
    v = jsonschema.Draft4Validator(schema, format_checker=fc)
    return ["schema: %s at %s" % (e.message[:300], "/".join(str(p) for p in e.absolute_path))
            for e in v.iter_errors(doc)]


def github_errors(doc, allow_file_uri, help_uri):
    errs = []

    def err(where, msg):
        errs.append("github: %s: %s" % (where, msg))

    if doc.get("version") != "2.1.0":
        err("version", "must be 2.1.0")
    runs = doc.get("runs")
    if not isinstance(runs, list) or not runs:
        err("runs", "must be a non-empty array")
        return errs
    if len(runs) > 20:
        err("runs", "more than 20 runs")
    for ri, run in enumerate(runs):
        w = "runs[%d]" % ri
        drv = run.get("tool", {}).get("driver", {})
        if not isinstance(drv.get("name"), str) or not drv["name"]:
            err(w + ".tool.driver.name", "missing")
        rules = drv.get("rules", [])
        if len(rules) > 25000:
            err(w, "more than 25000 rules")
        ids = {}
        names = set()
        for k, r in enumerate(rules):
            rw = "%s.rules[%d]" % (w, k)
            rid = r.get("id")
            if not isinstance(rid, str) or not rid:
                err(rw, "no id")
                continue
            if rid in ids:
                err(rw, "duplicate rule id " + rid)
            ids[rid] = k
            name = r.get("name")
            if not isinstance(name, str) or not re.match(r"^[A-Z][A-Za-z0-9]+$", name) or name == rid:
                err(rw, "name %r is not a readable name distinct from the id" % (name,))
            elif name in names:
                err(rw, "duplicate rule name " + name)
            names.add(name)
            for key in ("shortDescription", "fullDescription", "help"):
                t = r.get(key, {}).get("text")
                if not isinstance(t, str) or not t.strip():
                    err(rw, key + ".text missing")
            if "helpUri" in r and not help_uri:
                err(rw, "helpUri present without --help-uri-base")
            if help_uri and not is_uri(r.get("helpUri", "")):
                err(rw, "helpUri missing or not an absolute URI")
            props = r.get("properties", {})
            tags = props.get("tags", [])
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags) or len(tags) > 20:
                err(rw, "properties.tags must be at most 20 strings")
            if "security-severity" in props:
                s = props["security-severity"]
                try:
                    ok = isinstance(s, str) and 0.0 <= float(s) <= 10.0
                except ValueError:
                    ok = False
                if not ok:
                    err(rw, "security-severity %r is not a number 0-10 as a string" % (s,))
        results = run.get("results")
        if not isinstance(results, list):
            err(w + ".results", "missing")
            continue
        if len(results) > 25000:
            err(w, "more than 25000 results")
        for k, res in enumerate(results):
            xw = "%s.results[%d]" % (w, k)
            rid = res.get("ruleId")
            if rid not in ids:
                err(xw, "ruleId %r names no rule of rules[]" % (rid,))
            elif res.get("ruleIndex", ids[rid]) != ids[rid]:
                err(xw, "ruleIndex does not point at rule " + rid)
            if not isinstance(res.get("message", {}).get("text"), str) or not res["message"]["text"]:
                err(xw, "message.text missing")
            locs = res.get("locations")
            if not isinstance(locs, list) or not locs:
                err(xw, "no location")
                continue
            if len(locs) > 1000:
                err(xw, "more than 1000 locations")
            for li, loc in enumerate(locs):
                pl = loc.get("physicalLocation", {})
                uri = pl.get("artifactLocation", {}).get("uri")
                if not is_uri_reference(uri):
                    err(xw, "artifactLocation.uri %r is not a URI reference" % (uri,))
                elif uri.startswith("file:") and not allow_file_uri:
                    err(xw, "artifactLocation.uri %r is absolute (outside the root)" % (uri,))
                elif SCHEME.match(uri) and not uri.startswith("file:"):
                    err(xw, "artifactLocation.uri %r is not a file" % (uri,))
                reg = pl.get("region")
                if reg is not None and (not isinstance(reg.get("startLine"), int) or reg["startLine"] < 1):
                    err(xw, "region without startLine >= 1")
            pf = res.get("partialFingerprints")
            if not isinstance(pf, dict) or not pf or not all(isinstance(v, str) and v for v in pf.values()):
                err(xw, "partialFingerprints missing")
        for ii, inv in enumerate(run.get("invocations", [])):
            if not isinstance(inv.get("executionSuccessful"), bool):
                err("%s.invocations[%d]" % (w, ii), "executionSuccessful missing")
    return errs


def main(argv):
    allow_file_uri = "--allow-file-uri" in argv
    help_uri = "--help-uri" in argv
    files = [a for a in argv if not a.startswith("--")]
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    bad = 0
    for f in files:
        if os.path.getsize(f) > 10 * 1024 * 1024:
            print("%s: larger than 10 MB" % f)
            bad += 1
            continue
        try:
            with open(f, encoding="utf-8") as fp:
                doc = json.load(fp)
        except (ValueError, UnicodeDecodeError) as e:
            print("%s: not JSON: %s" % (f, e))
            bad += 1
            continue
        errs = schema_errors(doc) + github_errors(doc, allow_file_uri, help_uri)
        for e in errs[:20]:
            print("%s: %s" % (f, e))
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
