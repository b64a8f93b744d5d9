#!/bin/sh
# Captures recorded earlier (issue 12: a capture is judged as of its
# capture): testdata/captures/three-signins.har holds three sign-ins 20
# minutes apart, each response signed (sign.py, idp-signing key) and posted
# 2 seconds after its IssueInstant, as a browser records them:
#   #2 a clean sign-in at 11:59:30,
#   #4 20 minutes later, with a wrong Audience (one real cause),
#   #6 40 minutes later, issued by an IdP whose clock runs 2 minutes ahead
#      of the browser (NotBefore after the request: not-yet-valid).
# three-signins.tracer.json is the same as a SAML-tracer export (no request
# times, only the export time, an hour after the last sign-in).
# Deterministic: fixed times, RSA signatures.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../captures"
mkdir -p "$out"
python3 - "$here" "$out" <<'PY'
import base64, json, os, subprocess, sys, tempfile, urllib.parse

here, out = sys.argv[1], sys.argv[2]
base = open(os.path.join(here, "templates", "response-ok.xml"), encoding="utf-8").read()
ACS = "https://signin.aws.amazon.com/saml"


def shift(xml, minutes, tag):
    """Move every time of the template by @minutes and give fresh IDs."""
    def t(hm):
        h, m = divmod(11 * 60 + 59 + minutes + hm, 60)
        return "2025-06-01T%02d:%02d" % (h, m)
    for old, off in (("2025-06-01T11:59", 0), ("2025-06-01T12:04", 5), ("2025-06-01T11:58", -1)):
        xml = xml.replace(old, t(off))
    return xml.replace("_resp-8f3a", "_resp-%s" % tag).replace("_assert-1a2b", "_assert-%s" % tag)


def sign(xml):
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        open(src, "w", encoding="utf-8").write(xml)
        subprocess.run([sys.executable, os.path.join(here, "sign.py"), src, dst,
                        "--target", "assertion"], check=True)
        return open(dst, encoding="utf-8").read()


def at(minutes, seconds):
    h, m = divmod(11 * 60 + 59 + minutes, 60)
    return "2025-06-01T%02d:%02d:%02d.250Z" % (h, m, seconds)


signins = [  # (minutes after 11:59, document, request time)
    (0, sign(shift(base, 0, "0001")), at(0, 32)),
    (20, sign(shift(base, 20, "0002").replace(">urn:amazon:webservices<", ">https://aws.example.com/saml<")),
     at(20, 32)),
    # the IdP clock is 2 minutes ahead: its times are 2 minutes after the browser's
    (40, sign(shift(base, 42, "0003")), at(40, 32)),
]


def entry(method, url, started, post=None):
    e = {"startedDateTime": started, "time": 40.0,
         "request": {"method": method, "url": url, "httpVersion": "HTTP/2", "cookies": [],
                     "headers": [], "queryString": [], "headersSize": -1, "bodySize": 0},
         "response": {"status": 200, "statusText": "", "httpVersion": "HTTP/2", "cookies": [],
                      "headers": [], "content": {"size": 0, "mimeType": "text/html"},
                      "redirectURL": "", "headersSize": -1, "bodySize": 0},
         "cache": {}, "timings": {"send": 0, "wait": 30, "receive": 10}}
    if post:
        text = urllib.parse.urlencode(post)
        e["request"]["postData"] = {"mimeType": "application/x-www-form-urlencoded", "text": text,
                                    "params": [{"name": n, "value": urllib.parse.quote_plus(v)}
                                               for n, v in post]}
    return e


entries, reqs = [], []
for minutes, xml, started in signins:
    b64 = base64.b64encode(xml.encode()).decode()
    entries.append(entry("GET", "https://idp.example.com/app/aws/sso/saml", at(minutes, 20)))
    entries.append(entry("POST", ACS, started, [("SAMLResponse", b64), ("RelayState", "")]))
    reqs.append({"method": "POST", "url": ACS, "requestId": "request-%d-POST-0f1e2d3c" % len(reqs),
                 "requestHeaders": [], "post": [["SAMLResponse", b64]], "saml": xml,
                 "protocol": "SAML-P"})
har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
               "pages": [], "entries": entries}}
with open(os.path.join(out, "three-signins.har"), "w") as f:
    f.write(json.dumps(har, indent=2) + "\n")
with open(os.path.join(out, "three-signins.tracer.json"), "w") as f:
    f.write(json.dumps({"requests": reqs, "timestamp": "2025-06-01T13:40:00.000Z"}, indent=2) + "\n")
with open(os.path.join(out, "signin-1.xml"), "w") as f:
    f.write(signins[0][1])

# --redact: a sign-in full of personal values, in a HAR whose POST URL has a
# query string and a cookie. Each value below must be absent from every
# output format with --redact (tests/e2e/check-redact.sh).
A = "https://aws.amazon.com/SAML/Attributes/"
def attr(name, *vals):
    return ('<saml:Attribute Name="%s">' % name +
            "".join("<saml:AttributeValue>%s</saml:AttributeValue>" % v for v in vals) +
            "</saml:Attribute>")
personal = base.replace(">jdoe<", ">jdoe-laptop42<", 1)
personal = personal.replace("</saml:AttributeStatement>",
                            attr(A + "SourceIdentity", "jane src 9f2") +
                            attr(A + "PrincipalTag:Department", "Finance#Payroll") +
                            attr(A + "PrincipalTag:CostCenter", "cc-77123") +
                            attr("urn:example:mail", "jane.personal@mailbox.example.org") +
                            "</saml:AttributeStatement>", 1)
nameid_old = personal[personal.index("<saml:NameID"):personal.index("</saml:NameID>")]
personal = personal.replace(nameid_old, nameid_old[:nameid_old.index(">") + 1] + "jane.doe@corp.example.com", 1)
e = entry("POST", ACS + "?login_hint=jane.doe%40corp.example.com&sid=a8f3k2", at(0, 32),
          [("SAMLResponse", base64.b64encode(personal.encode()).decode()),
           ("RelayState", "https://console.aws.amazon.com/console/home?account=jane-acct-hint")])
e["request"]["cookies"] = [{"name": "aws-signin-session", "value": "s3cr3tcookievalue"}]
e["request"]["headers"] = [{"name": "Cookie", "value": "aws-signin-session=s3cr3tcookievalue"}]
har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
               "pages": [], "entries": [e]}}
with open(os.path.join(out, "personal.har"), "w") as f:
    f.write(json.dumps(har, indent=2) + "\n")
PY
