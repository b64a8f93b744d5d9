#!/bin/sh
# The small hostile inputs of issue 8 (an adversarial review) as fuzz seeds:
# testdata/corpus/<target>/hostile-*. make check replays them through every
# target (whole and cut in half, under ASan/UBSan/valgrind in CI), and
# make fuzz-smoke mutates from them. Derived from the committed signature
# fixtures (testdata/responses/sig/, testdata/metadata/), so run this after
# make-signature-fixtures.sh and make-degenerate-fixtures.sh (make-fixtures.sh
# runs the scripts in name order: degenerate < hostile < signature, and the
# inputs used here are committed, so the order only matters for a key
# change). Each file stays far below the fuzzers' -max_len (64 KiB).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
python3 - "$top" <<'PY'
import base64, json, os, sys, urllib.parse
top = sys.argv[1]
sig = os.path.join(top, "testdata", "responses", "sig")
corpus = os.path.join(top, "testdata", "corpus")


def rd(*p):
    return open(os.path.join(top, *p), "rb").read()


def put(target, name, data):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "hostile-" + name), "wb").write(data)


for t in ("xml", "input", "response", "metadata", "key", "config"):
    d = os.path.join(corpus, t)
    if os.path.isdir(d):
        for f in os.listdir(d):
            if f.startswith("hostile-"):
                os.unlink(os.path.join(d, f))

resp = rd("testdata", "responses", "sig", "resp-signed.xml")
asrt = rd("testdata", "responses", "sig", "assert-signed.xml")
unsigned = rd("testdata", "responses", "sig", "unsigned.xml")
R = {}
# 1. encoding fail-open: one invalid byte in a comment, a surrogate, bogus
#    or lying encoding declarations
R["not-utf8-in-comment.xml"] = resp.replace(b"<saml:Issuer", b"<!-- \xff --><saml:Issuer", 1)
R["surrogate.xml"] = resp.replace(b">jdoe<", b">jd\xed\xa0\x80oe<", 1)
R["encoding-bogus.xml"] = b'<?xml version="1.0" encoding="x-bogus"?>\n' + resp
R["encoding-utf16-on-utf8.xml"] = b'<?xml version="1.0" encoding="UTF-16"?>\n' + resp
# 3. an evil Assertion hidden in the Response signature's KeyInfo; a
#    comment in the NameID; a duplicate ID
a0 = unsigned.index(b"<saml:Assertion ")
a1 = unsigned.index(b"</saml:Assertion>") + len(b"</saml:Assertion>")
evil = unsigned[a0:a1].replace(b"role/Developer", b"role/Admin").replace(b'ID="_assert-', b'ID="_evil-')
R["assertion-in-keyinfo.xml"] = resp.replace(b"<ds:KeyInfo>", b"<ds:KeyInfo>" + evil, 1)
R["nameid-comment.xml"] = asrt.replace(b">u-7d3f9a2c<", b">u-7d3f<!---->9a2c<", 1)
R["dup-id-after-signing.xml"] = asrt.replace(b'ID="_resp-', b'ID="_assert-', 1)
# 4. junk DigestValue / SignatureValue without KeyInfo; KeyInfo removed
import re
junk = re.sub(rb"<ds:DigestValue>[^<]*<", b"<ds:DigestValue>AAAA<", resp, 1)
junk = re.sub(rb"<ds:SignatureValue>[^<]*<", b"<ds:SignatureValue>!!not base64!!<", junk, 1)
junk = re.sub(rb"<ds:KeyInfo>.*?</ds:KeyInfo>", b"", junk, 1, re.S)
R["junk-signature-no-keyinfo.xml"] = junk
R["tampered-keyinfo-removed.xml"] = re.sub(rb"<ds:KeyInfo>.*?</ds:KeyInfo>", b"", resp, 1, re.S).replace(
    b"role/Developer", b"role/Admin")
# 2. the e = 1 forgery
R["degenerate-e1-forged.xml"] = rd("testdata", "responses", "sig", "degenerate-e1-forged.xml")
# 9. bidirectional and C1 controls in values
R["bidi-controls.xml"] = resp.replace(b">jdoe<", b">jdoe\xe2\x80\xaegpj.exe\xc2\x9b<", 1)
# 10. lookalike Assertion in another namespace; CDATA-split values
R["lookalike-assertion-ns.xml"] = unsigned.replace(
    b"</samlp:Response>", b'<x:Assertion xmlns:x="urn:oasis:names:tc:SAML:1.0:assertion" ID="_x">'
    b"<x:AttributeValue>arn:aws:iam::123456789012:role/Admin</x:AttributeValue></x:Assertion>"
    b"</samlp:Response>")
R["cdata-split.xml"] = asrt.replace(b"role/Developer,arn", b"role/Dev<![CDATA[eloper]]>,arn", 1)
# 6. attributes on one element, many (below the cap: the pre-scan path)
R["many-attributes.xml"] = b"<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"" + \
    b"".join(b' a%d="x"' % i for i in range(5000)) + b"/>"
R["deep-nesting.xml"] = b"<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">" + \
    b"<a>" * 3000 + b"</a>" * 3000 + b"</samlp:Response>"
for name, data in R.items():
    put("response", name, data)
    put("xml", name, data)

# 10. a second SAMLResponse in one form body / one HAR entry (input layer)
b1 = base64.b64encode(resp).decode()
b2 = base64.b64encode(R["assertion-in-keyinfo.xml"]).decode()
form = "SAMLResponse=%s&RelayState=x&SAMLResponse=%s" % (urllib.parse.quote(b1, safe=""),
                                                       urllib.parse.quote(b2, safe=""))
har = {"log": {"version": "1.2", "creator": {"name": "x", "version": "1"}, "entries": [{
    "request": {"method": "POST", "url": "https://signin.aws.amazon.com/saml",
                "postData": {"mimeType": "application/x-www-form-urlencoded", "text": form,
                             "params": [{"name": "SAMLResponse", "value": urllib.parse.quote(b1, safe="")},
                                        {"name": "SAMLResponse", "value": urllib.parse.quote(b2, safe="")}]}},
    "response": {"status": 200}}]}}
har_url = json.loads(json.dumps(har))
har_url["log"]["entries"][0]["request"]["url"] = "https://signin.aws.amazon.com/saml?\x1b[2J\u202e"
for t in ("input", "response"):
    put(t, "form-two-samlresponse.txt", form.encode())
    put(t, "har-two-samlresponse.har", json.dumps(har).encode())
    put(t, "har-url-controls.har", json.dumps(har_url).encode())
    put(t, "base64-not-utf8.txt", base64.b64encode(R["not-utf8-in-comment.xml"]))

# metadata: degenerate keys, many certificates
for k in ("e1", "e0", "e-ge-n", "n-even", "ec-off"):
    put("metadata", "degenerate-%s.xml" % k, rd("testdata", "metadata", "cert-key-degenerate-%s.xml" % k))
md = rd("testdata", "responses", "sig", "metadata-degenerate-mixed.xml")
kd0 = md.index(b"<md:KeyDescriptor")
kd1 = md.index(b"</md:KeyDescriptor>") + len(b"</md:KeyDescriptor>")
put("metadata", "many-certificates.xml", md[:kd0] + md[kd0:kd1] * 40 + md[kd1:])
put("metadata", "not-utf8-in-comment.xml", md.replace(b"<md:IDPSSODescriptor", b"<!-- \xff --><md:IDPSSODescriptor", 1))

# 8. keys shorter than the prefixes the classifier compares ("ssh-",
# "ecdsa-sha2-", "PuTTY-User-Key-File"): samlcheck_check_key read them as C
# strings, past the end of the buffer (the key fuzzer's finding)
for name, data in (("short-s", b"s"), ("short-ss", b"ss"), ("short-ssh", b"ssh"),
                   ("short-putty", b"PuTTY-User"), ("short-ecdsa", b"ecdsa-sha2")):
    put("key", name, data)
# samlcheck config: seeds from the configuration fixtures (one file each;
# testdata/configs/, made by make-config-fixtures.py), the small ones
cfg = os.path.join(top, "testdata", "configs")
for f in sorted(os.listdir(cfg)) if os.path.isdir(cfg) else []:
    path = os.path.join(cfg, f)
    if os.path.isfile(path) and os.path.getsize(path) <= 16384:
        put("config", "seed-" + f, rd("testdata", "configs", f))
put("config", "not-utf8.json", b'{"SAMLProviderArn": "arn:aws:iam::1:saml-provider/\xff"}')
put("config", "deep.json", b"[" * 5000 + b"]" * 5000)
put("config", "role-policy-urlencoded-junk.json",
    b'{"Role": {"RoleName": "r", "Arn": "arn:aws:iam::123456789012:role/r", '
    b'"AssumeRolePolicyDocument": "%7B%22Statement%22%3A%5B%25%25%25"}}')
PY
