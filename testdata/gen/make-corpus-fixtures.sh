#!/bin/sh
# Seed corpora for the fuzz targets (tests/fuzz/): testdata/corpus/<target>/.
# make check replays every file through its target (tests/fuzz/standalone.c);
# libFuzzer starts from them (tests/fuzz/run-fuzzers.sh). Seeds are the base
# templates filled with the committed keys, a signed response, and nasty
# inputs: truncated, deeply nested, huge attribute, DOCTYPE/entities, bad
# encodings, wrapping. Files named crash-* / repro-* are reproducers found by
# fuzzing and are kept as they are (never regenerated here).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../corpus"
for t in xml input response metadata key; do
    mkdir -p "$out/$t"
    find "$out/$t" -maxdepth 1 -type f -name 'seed-*' -exec rm -f {} +
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$here/fill.sh" "$here/templates/metadata-ok.xml" >"$tmp/metadata.xml"
sh "$here/fill.sh" "$here/templates/response-ok.xml" >"$tmp/response.xml"
signed=""
if command -v xmlsec1 >/dev/null 2>&1; then
    python3 "$here/sign.py" "$tmp/response.xml" "$tmp/signed.xml" --target both >/dev/null
    signed="$tmp/signed.xml"
fi
python3 - "$out" "$here/../keys" "$tmp/metadata.xml" "$tmp/response.xml" "$signed" <<'PY'
import base64, json, os, sys, urllib.parse
out, keys, md_path, resp_path, signed_path = sys.argv[1:6]
md = open(md_path, "rb").read()
resp = open(resp_path, "rb").read()
signed = open(signed_path, "rb").read() if signed_path else resp

def w(target, name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(out, target, "seed-" + name), "wb") as f:
        f.write(data)

def key(name):
    return open(os.path.join(keys, name), "rb").read()

b64 = lambda b: base64.b64encode(b)
form = lambda b: b"SAMLResponse=" + urllib.parse.quote_plus(b64(b).decode()).encode() + b"&RelayState=x%20y"

def har(b, url="https://signin.aws.amazon.com/saml"):
    body = form(b).decode()
    return json.dumps({"log": {"version": "1.2", "creator": {"name": "seed", "version": "1"},
        "entries": [{"request": {"method": "POST", "url": url, "headers": [],
            "postData": {"mimeType": "application/x-www-form-urlencoded", "text": body,
                         "params": [{"name": "SAMLResponse", "value": urllib.parse.quote(b64(b).decode())}]}},
            "response": {"status": 200}}]}}, indent=1)

def tracer(b):
    return json.dumps({"requests": [{"method": "POST", "url": "https://signin.aws.amazon.com/saml",
        "post": [["SAMLResponse", b64(b).decode()]], "saml": b.decode("utf-8", "replace"),
        "protocol": "saml2"}]}, indent=1)

deep = b"<a>" * 200 + b"x" + b"</a>" * 200
wide = b"<r>" + b"<e/>" * 60000 + b"</r>"
many_attrs = b"<r " + b" ".join(b'a%d="v"' % i for i in range(100)) + b"/>"
huge_attr = b'<r a="' + b"A" * 70000 + b'"/>'
laughs = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((c,) + (c - 1,) * 10)
                     for c in range(ord("b"), ord("j")))
          + b"]><r>&i;</r>")
xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
xinclude = (b'<r xmlns:xi="http://www.w3.org/2001/XInclude">'
            b'<xi:include href="file:///etc/passwd" parse="text"/></r>')
dup_ids = b'<r><a ID="_x"/><b ID="_x"/><c ID="1bad id"/><d xml:id="_y" Id="_y"/></r>'
bom16 = b"\xff\xfe" + "<r>x</r>".encode("utf-16-le")
not_utf8 = b'<?xml version="1.0" encoding="UTF-8"?><r a="\xe9\xff">\xc3</r>'
bom8 = b"\xef\xbb\xbf" + resp
# An XSW attempt: an unsigned copy of the signed assertion, different role,
# placed first, with the signed original wrapped in an Extensions element.
i = signed.find(b"<saml:Assertion")
j = signed.find(b"</saml:Assertion>") + len(b"</saml:Assertion>")
evil = signed[i:j].replace(b"role/ReadOnly", b"role/Admin")
if b"<ds:Signature" in evil:
    k = evil.find(b"<ds:Signature"); l = evil.find(b"</ds:Signature>") + len(b"</ds:Signature>")
    evil = evil[:k] + evil[l:]
xsw = signed[:i] + evil + b"<samlp:Extensions>" + signed[i:j] + b"</samlp:Extensions>" + signed[j:]
comment_role = resp.replace(b"role/ReadOnly", b"role/Read<!-- x -->Only")

for t, docs in (("xml", [("metadata.xml", md), ("response.xml", resp), ("signed.xml", signed)]),
                ("response", [("response.xml", resp), ("signed.xml", signed)]),
                ("metadata", [("metadata.xml", md)])):
    for name, d in docs:
        w(t, name, d)
        w(t, "truncated-" + name, d[: len(d) * 2 // 3])
for t in ("xml", "response", "metadata"):
    w(t, "deep.xml", deep)
    w(t, "many-attrs.xml", many_attrs)
    w(t, "huge-attr.xml", huge_attr)
    w(t, "laughs.xml", laughs)
    w(t, "xxe.xml", xxe)
    w(t, "xinclude.xml", xinclude)
    w(t, "utf16.xml", bom16)
    w(t, "not-utf8.xml", not_utf8)
w("xml", "wide.xml", wide)
w("xml", "dup-ids.xml", dup_ids)
w("xml", "bom.xml", bom8)
w("xml", "empty", b"")

w("response", "bom.xml", bom8)
w("response", "xsw.xml", xsw)
w("response", "comment-in-role.xml", comment_role)
w("response", "base64.txt", b64(signed))
w("response", "form.txt", form(signed))
w("response", "capture.har", har(signed))
w("response", "tracer.json", tracer(signed))
w("response", "dup-ids.xml", resp.replace(b'ID="_assert-', b'ID="_resp-8f3a2b1c4d5e6f708192a3b4c5d6e7f8" X="'))

w("input", "response.xml", resp)
w("input", "base64.txt", b64(signed))
w("input", "base64-wrapped.txt", b"\n".join(b64(signed)[k:k + 76] for k in range(0, len(b64(signed)), 76)))
w("input", "base64-bad.txt", b64(signed)[:-3] + b"*=")
w("input", "form.txt", form(signed))
w("input", "form-bad-pct.txt", b"SAMLResponse=%ZZ%4" + b64(resp)[:40])
w("input", "capture.har", har(signed))
w("input", "capture-two.har", har(signed).replace('"entries": [', '"entries": [' + json.dumps(
    json.loads(har(resp))["log"]["entries"][0]) + ","))
w("input", "capture-truncated.har", har(signed)[:700])
w("input", "har-no-saml.har", har(b"").replace("SAMLResponse", "Other"))
w("input", "deep.json", "[" * 5000 + "]" * 5000)
w("input", "tracer.json", tracer(signed))
w("input", "utf16.xml", bom16)
w("input", "empty", b"")
# containers (RULES.md 0.2 input/undecodable)
page = ('<!DOCTYPE html>\n<html><head><script>if (1 < 2) document.forms[0].submit();</script></head>'
        '<body><!-- <input name="SAMLResponse"> --><form action="https://signin.aws.amazon.com/saml" method="post">'
        '<input type="hidden" name="SAMLResponse" value="%s"/><input type="hidden" name="RelayState" value="a&amp;b"/>'
        '</form></body></html>\n') % b64(signed).decode().replace("+", "&#43;")
w("input", "autopost.html", page)
w("input", "autopost-unclosed.html", page[:len(page) // 2])
w("input", "attrs.html", "<html><body><input " + " ".join("a%d=1" % k for k in range(200)) + "></body></html>")
body = signed.split(b"?>", 1)[1] if signed.startswith(b"<?xml") else signed
w("input", "soap-ecp.xml", b'<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>' + body
  + b"</S:Body></S:Envelope>")
w("input", "soap-artifact.xml", b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>'
  b'<p:ArtifactResponse xmlns:p="urn:oasis:names:tc:SAML:2.0:protocol">' + body + body
  + b"</p:ArtifactResponse></e:Body></e:Envelope>")
w("input", "unpadded.txt", b64(signed + b"\n").rstrip(b"="))

w("metadata", "entities.xml", b'<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">'
  + md.split(b"?>", 1)[1] * 3 + b"</md:EntitiesDescriptor>")
w("metadata", "bad-cert.xml", md.replace(b"<ds:X509Certificate>MII", b"<ds:X509Certificate>!!MII"))
w("metadata", "cert-garbage.xml", md.replace(b"<ds:X509Certificate>", b"<ds:X509Certificate>AAAA"))
w("metadata", "cert-truncated.xml", md.replace(b"</ds:X509Certificate>", b"==</ds:X509Certificate>", 1)
  .replace(b"<ds:X509Certificate>", b"<ds:X509Certificate>" + b"MIIB", 1))
w("metadata", "bom.xml", b"\xef\xbb\xbf" + md)

for name in ("sp-encryption.key", "sp-encryption.pkcs1.pem", "sp-encryption.pkcs8.pem",
             "sp-encryption.enc.pem", "sp-encryption.pkcs1-enc.pem", "ec-p256.key", "rsa512.key"):
    w("key", name, key(name))
k = key("sp-encryption.key")
w("key", "cert-not-key.pem", key("sp-encryption.crt"))
w("key", "truncated.pem", k[: len(k) // 2])
w("key", "bad-base64.pem", k.replace(b"\n", b"\n!", 3))
w("key", "two-keys.pem", k + key("sp-encryption-other.key"))
w("key", "huge-header.pem", b"-----BEGIN " + b"A" * 100000 + b"-----\n" + k)
w("key", "crlf.pem", k.replace(b"\n", b"\r\n"))
w("key", "no-end.pem", k.split(b"-----END")[0])
w("key", "empty", b"")
PY
echo "corpus: $(find "$out" -type f -name 'seed-*' | wc -l) seed files in $out"
