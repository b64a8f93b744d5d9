#!/usr/bin/env python3
"""Hostile inputs at the size caps: generate the worst input of each kind
and time one samlcheck process on each (CPU time user + system, which a
shared machine does not inflate, and wall time; one core). Not a test:
it prints a Markdown table (also written to OUT/results.md) and marks every
run over 1 s, the bound of RULES.md sec/limits.

usage: hostile.py SAMLCHECK TOP OUT [--timeout S] [--only NAME,...]

Every input stays under the 16 MiB input cap (--max-input-bytes default);
names say what is at its cap. Deterministic: the same bytes every run."""
import base64
import json
import os
import re
import resource
import subprocess
import sys
import time
import urllib.parse

CAP = 16 * 1024 * 1024
NOW = "2025-06-01T12:00:00Z"


def main():
    args = sys.argv[1:]
    timeout = 20.0
    only = None
    if "--timeout" in args:
        i = args.index("--timeout")
        timeout = float(args[i + 1])
        del args[i:i + 2]
    if "--only" in args:
        i = args.index("--only")
        only = set(args[i + 1].split(","))
        del args[i:i + 2]
    exe, top, out = args
    os.makedirs(out, exist_ok=True)
    gen = os.path.join(top, "testdata", "gen")
    keys = os.path.join(top, "testdata", "keys")
    sig = os.path.join(top, "testdata", "responses", "sig")

    def rd(path):
        return open(path, "rb").read()

    def fill(tpl):
        return subprocess.run(["sh", os.path.join(gen, "fill.sh"), os.path.join(gen, "templates", tpl)],
                              check=True, capture_output=True).stdout

    md = fill("metadata-ok.xml")
    resp = rd(os.path.join(top, "testdata", "gen", "templates", "response-ok.xml"))
    signed = rd(os.path.join(sig, "both-signed.xml"))
    open(os.path.join(out, "metadata.xml"), "wb").write(md)
    RESP_OPEN = (b'<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
                 b'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r" Version="2.0" '
                 b'IssueInstant="2025-06-01T11:59:30Z">')
    scen = []  # (name, kind, what, bytes-producer, extra args)

    def add(name, kind, what, make, extra=()):
        scen.append((name, kind, what, make, list(extra)))

    def fit(unit, head=b"", tail=b"", cap=CAP - 4096):
        n = (cap - len(head) - len(tail)) // len(unit)
        return head + unit * n + tail

    # ---- parser: attributes, namespaces, nesting, elements
    def b36(i):
        d = b"0123456789abcdefghijklmnopqrstuvwxyz"
        out = b""
        while True:
            out = d[i % 36:i % 36 + 1] + out
            i //= 36
            if not i:
                return out

    def attrs(n, fmt=b' a%s="x"'):
        def make():
            parts, size, i = [], len(RESP_OPEN) + 2, 0
            while i < n:
                a = fmt % b36(i)
                if size + len(a) > CAP - 4096:
                    break
                parts.append(a)
                size += len(a)
                i += 1
            return RESP_OPEN[:-1] + b"".join(parts) + b"/>"
        return make
    add("attributes-100k", "response", "100,000 attributes on one start tag (0.8 MB)", attrs(100000))
    add("attributes-cap", "response", "1,700,000 attributes on one start tag (at the input cap)",
        attrs(10 ** 9))
    add("namespaces-cap", "response", "1,300,000 xmlns:pN declarations on one start tag (at the cap)",
        attrs(10 ** 9, b' xmlns:p%s="u"'))
    add("nesting-cap", "response", "16 MiB of nested <a> (depth in the millions)",
        lambda: fit(b"<a>", RESP_OPEN, b"</samlp:Response>"))
    add("elements-cap", "response", "16 MiB of sibling <a/> (4 million elements)",
        lambda: fit(b"<a/>", RESP_OPEN, b"</samlp:Response>"))
    add("elements-under-limit", "response", "49,000 elements with IDs (just under the 50,000 limit)",
        lambda: RESP_OPEN + b"".join(b'<a ID="_i%d"/>' % i for i in range(49000)) + b"</samlp:Response>")
    add("comments-cap", "response", "16 MiB of comments", lambda: fit(b"<!-- x -->", RESP_OPEN, b"</samlp:Response>"))
    add("charrefs-cap", "response", "one value of character references at the 1 MiB value limit",
        lambda: RESP_OPEN + b"<a>" + b"&#65;" * (1024 * 1024 // 5 - 1) + b"</a></samlp:Response>")
    add("long-values", "response", "15 text values of 1 MiB - 1 (the value limit), 16 MiB in all",
        lambda: RESP_OPEN + (b"<a>" + b"x" * (1024 * 1024 - 1) + b"</a>") * 15 + b"</samlp:Response>")
    add("long-attribute-values", "response", "15 attribute values of 1 MiB - 1",
        lambda: RESP_OPEN + b"".join(b'<a v="' + b"x" * (1024 * 1024 - 1) + b'"/>' for _ in range(15))
        + b"</samlp:Response>")

    # ---- SAML structure at the limits
    a0 = resp.index(b"<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/Role\"")
    a1 = resp.index(b"</saml:Attribute>", a0) + len(b"</saml:Attribute>")
    role = (b"<saml:AttributeValue>arn:aws:iam::123456789012:role/R%d,"
            b"arn:aws:iam::123456789012:saml-provider/ExampleIdP</saml:AttributeValue>")
    add("role-values", "response", "one Role attribute with 4,999 values (limit 5,000)",
        lambda: resp[:a0] + b'<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">'
        + b"".join(role % i for i in range(4999)) + b"</saml:Attribute>" + resp[a1:],
        ["--metadata", os.path.join(out, "metadata.xml")])
    add("saml-attributes", "response", "990 saml:Attribute x 48 values (limits 1,000 and 50,000 elements)",
        lambda: resp[:a1] + b"".join(
            b'<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/PrincipalTag:k%d">' % i
            + b"<saml:AttributeValue>v</saml:AttributeValue>" * 48 + b"</saml:Attribute>"
            for i in range(990)) + resp[a1:])
    sig_el = re.search(rb"<ds:Signature.*?</ds:Signature>", signed, re.S).group(0)
    add("signatures-cap", "response", "16 MiB of ds:Signature elements (limit 4)",
        lambda: fit(sig_el, RESP_OPEN, b"</samlp:Response>"))

    # a signed response of about 1 MB (a 1 MiB-ish value inside the signed Assertion)
    def big_signed(key=None):
        import tempfile
        body = resp.replace(b"<saml:AttributeValue>jdoe</saml:AttributeValue>",
                            b"<saml:AttributeValue>jdoe</saml:AttributeValue></saml:Attribute>"
                            b'<saml:Attribute Name="urn:x:filler"><saml:AttributeValue>'
                            + b"f" * (1000 * 1000) + b"</saml:AttributeValue>", 1)
        with tempfile.TemporaryDirectory() as d:
            i, o = os.path.join(d, "i.xml"), os.path.join(d, "o.xml")
            open(i, "wb").write(body)
            extra = ["--key", os.path.join(keys, key + ".key"), "--cert",
                     os.path.join(keys, key + ".crt")] if key else []
            subprocess.run([sys.executable, os.path.join(gen, "sign.py"), i, o, "--target", "both"]
                           + extra, check=True, capture_output=True)
            return rd(o)

    bs = None

    def get_bs():
        nonlocal bs
        if bs is None:
            bs = big_signed()
        return bs

    # metadata with many signing certificates (other keys first, the real one last)
    kd = re.search(rb"    <md:KeyDescriptor use=\"signing\">.*?</md:KeyDescriptor>\n", md, re.S).group(0)
    other = kd.replace(rd(os.path.join(keys, "idp-signing.b64")).strip(),
                       rd(os.path.join(keys, "idp-rotated.b64")).strip())

    def md_certs(n):
        return md.replace(kd, other * (n - 1) + kd)

    for n in (10, 2000):
        path = os.path.join(out, "metadata-%d-certs.xml" % n)
        open(path, "wb").write(md_certs(n))
    add("metadata-certs-cap", "metadata", "metadata with 12,000 signing certificates (50,000-element limit)",
        lambda: md_certs(12000))
    add("signed-1mb-10-certs", "response", "1 MB response signed twice, metadata with 10 certificates (IAM's cap)",
        get_bs, ["--metadata", os.path.join(out, "metadata-10-certs.xml")])
    add("signed-1mb-2000-certs", "response", "1 MB response signed twice, metadata with 2,000 certificates",
        get_bs, ["--metadata", os.path.join(out, "metadata-2000-certs.xml")])
    add("unknown-key-1mb-10-certs", "response",
        "1 MB response signed twice by a key not in the metadata, 10 certificates (each tried)",
        lambda: big_signed("sp-encryption-other"), ["--metadata", os.path.join(out, "metadata-10-certs.xml")])
    add("unknown-key-1mb-2000-certs", "response",
        "1 MB response signed twice by a key not in the metadata, 2,000 certificates (each tried)",
        lambda: big_signed("sp-encryption-other"), ["--metadata", os.path.join(out, "metadata-2000-certs.xml")])

    # ---- encodings and captures
    add("base64-cap", "response", "base64 of a 12 MB response (16 MiB of base64)",
        lambda: base64.b64encode(fit(b"<a/>", RESP_OPEN, b"</samlp:Response>", cap=CAP * 3 // 4 - 4096)))

    def har(n_saml, filler_bytes):
        b = base64.b64encode(signed).decode()
        body = "SAMLResponse=" + urllib.parse.quote_plus(b)
        post = {"request": {"method": "POST", "url": "https://signin.aws.amazon.com/saml", "headers": [],
                            "postData": {"mimeType": "application/x-www-form-urlencoded", "text": body}},
                "response": {"status": 302}}
        fill_e = {"request": {"method": "GET", "url": "https://idp.example.com/x.js", "headers": []},
                  "response": {"status": 200, "content": {"size": 1000, "text": "x" * 1000}}}
        entries = [post] * n_saml
        one = len(json.dumps(fill_e))
        entries += [fill_e] * max(0, (filler_bytes // one))
        return json.dumps({"log": {"version": "1.2", "creator": {"name": "x", "version": "1"},
                                   "entries": entries}}).encode()
    add("har-saml-entries", "response", "HAR with 1,000 SAML POST entries (~12 MiB; 256 are checked)",
        lambda: har(1000, 0), ["--metadata", os.path.join(out, "metadata.xml")])
    add("har-filler-cap", "response", "HAR of 15,000 filler entries and one SAML POST (16 MiB)",
        lambda: har(1, CAP - 200000), ["--metadata", os.path.join(out, "metadata.xml")])
    add("form-params-cap", "response", "form body of 16 MiB of parameters",
        lambda: fit(b"a=b&", b"SAMLResponse=" + urllib.parse.quote_plus(base64.b64encode(signed)).encode() + b"&"))

    rows = []
    for name, kind, what, make, extra in scen:
        if only and name not in only:
            continue
        path = os.path.join(out, name + (".txt" if name.startswith(("base64", "form")) else
                                         ".har" if name.startswith("har") else ".xml"))
        data = make()
        assert len(data) <= CAP, (name, len(data))
        open(path, "wb").write(data)
        cmd = [exe, kind, path, "--now", NOW, "--format", "json"] + extra
        t0 = time.monotonic()
        u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=timeout)
            wall = time.monotonic() - t0
            u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            dt = (u1.ru_utime - u0.ru_utime) + (u1.ru_stime - u0.ru_stime)
            rc = p.returncode
            rules = sorted(set(re.findall(rb'"rule": "([^"]+)"', p.stdout)))
            shown = ", ".join(r.decode() for r in rules[:3]) + (" ..." if len(rules) > 3 else "")
            secs = "%.2f" % dt
            wsecs = "%.2f" % wall
        except subprocess.TimeoutExpired:
            dt, rc, shown, secs, wsecs = timeout, "-", "(killed)", "?", "> %.0f" % timeout
        flag = "**over 1 s**" if dt > 1.0 or wsecs.startswith(">") else "ok"
        rows.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            name, what, "{:,}".format(len(data)), secs, wsecs, rc, shown or "-", flag))
        print(rows[-1], flush=True)
        os.unlink(path)
    head = ("| input | what | bytes | CPU s | wall s | exit | findings | 1 s bound |\n"
            "|---|---|---:|---:|---:|---:|---|---|\n")
    open(os.path.join(out, "results.md"), "w").write(head + "\n".join(rows) + "\n")
    print()
    print(head + "\n".join(rows))


main()
