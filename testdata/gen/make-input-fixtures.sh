#!/bin/sh
# Input-decoding fixtures (testdata/input/): the clean template response
# (testdata/gen/templates/response-ok.xml, unsigned: these fixtures test
# decoding, not the response checks) wrapped every way a user may capture
# it - base64 (wrapped, one line, CRLF), a form body, HAR 1.2 exports as
# Chrome, Firefox and Safari write them, SAML-tracer exports - plus inputs
# that must fail input/undecodable or input/har-no-saml. Deterministic:
# fixed timestamps, no randomness.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../input"
mkdir -p "$out"
python3 - "$here/templates/response-ok.xml" "$out" <<'EOF'
import base64, json, os, sys, urllib.parse, zlib

tpl, out = sys.argv[1], sys.argv[2]
xml = open(tpl, 'rb').read()
b64 = base64.b64encode(xml).decode()
ACS = 'https://signin.aws.amazon.com/saml'
RELAY = 'https://console.aws.amazon.com/console/home?region=us-east-1'
T0 = '2025-06-01T11:59:'


def write(name, data, mode='w'):
    with open(os.path.join(out, name), mode, newline='' if mode == 'w' else None) as f:
        f.write(data)


def wrap(s, n=76, eol='\n'):
    return eol.join(s[i:i + n] for i in range(0, len(s), n)) + eol


def form(params):
    # what a browser sends: application/x-www-form-urlencoded, space as '+'
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote_plus)


# A second, different response (another session) for multi-sign-in captures.
xml2 = xml.replace(b'_resp-8f3a2b1c4d5e6f708192a3b4c5d6e7f8', b'_resp-0000000000000000000000000000002')
b64_2 = base64.b64encode(xml2).decode()

# ---- plain encodings ----
write('response-ok.b64', wrap(b64))
write('response-ok-oneline.b64', b64)
write('response-ok-crlf.b64', wrap(b64, 64, '\r\n'))
write('response-ok.form', form([('SAMLResponse', b64), ('RelayState', RELAY)]) + '\n')
write('response-ok-two.form', form([('SAMLResponse', b64), ('SAMLResponse', b64_2)]))
write('response-ok-bom.b64', base64.b64encode(b'\xef\xbb\xbf' + xml).decode() + '\n')

# ---- inputs that are not decodable ----
write('undecodable-urlsafe.b64', base64.urlsafe_b64encode(xml).decode() + '\n')
# length 1 mod 4: no amount of padding makes it base64 (missing padding
# alone, length 2 or 3 mod 4, is decoded: see the containers below)
write('undecodable-padding.b64', b64[:-3] + '\n')
write('undecodable-mid-padding.b64', b64[:40] + '==' + b64[40:] + '\n')
write('undecodable-bad-char.b64', b64[:100] + '!' + b64[101:] + '\n')
c = zlib.compressobj(9, zlib.DEFLATED, -15)
deflated = c.compress(xml) + c.flush()
write('undecodable-deflate.b64', base64.b64encode(deflated).decode() + '\n')
write('undecodable-not-xml.b64', base64.b64encode(b'{"not": "a SAML response"}\n').decode() + '\n')
write('undecodable-plain.txt', 'I could not find the SAML response in the network tab, sorry.\n')
write('undecodable-policy.json', json.dumps({
    'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Principal': {'Federated': 'arn:aws:iam::123456789012:saml-provider/ExampleIdP'},
                   'Action': 'sts:AssumeRoleWithSAML',
                   'Condition': {'StringEquals': {'SAML:aud': ACS}}}]}, indent=2) + '\n')
write('undecodable-json-syntax.json', '{"log": {"entries": [\n')
write('undecodable-pem.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
write('undecodable-form-percent.form', 'SAMLResponse=' + b64[:60] + '%G1' + b64[63:] + '&RelayState=x\n')
write('undecodable-form-request.form', form([('SAMLRequest', base64.b64encode(deflated).decode()), ('RelayState', 'abc')]))
write('undecodable-binary.bin', b'\x00\x01\x02\x03PK\x03\x04\x00\x00\xff\xfe', 'wb')
write('whitespace.txt', ' \n\t\r\n')
write('empty.txt', '')

# ---- HAR 1.2 ----
def headers(extra=()):
    h = [{'name': 'Accept', 'value': 'text/html,application/xhtml+xml'},
         {'name': 'User-Agent', 'value': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36'}]
    h.extend({'name': n, 'value': v} for n, v in extra)
    return h


def timings():
    return {'blocked': 1.2, 'dns': -1, 'ssl': -1, 'connect': -1, 'send': 0.1, 'wait': 40.5,
            'receive': 2.3, '_blocked_queueing': 0.8}


def response(status=200, mime='text/html', redirect=''):
    return {'status': status, 'statusText': 'OK' if status == 200 else 'Found',
            'httpVersion': 'http/2.0', 'headers': [{'name': 'content-type', 'value': mime}],
            'cookies': [], 'content': {'size': 512, 'mimeType': mime},
            'redirectURL': redirect, 'headersSize': -1, 'bodySize': 512}


def entry(i, method, url, post=None, cookies=(), status=200, redirect=''):
    req = {'method': method, 'url': url, 'httpVersion': 'http/2.0',
           'headers': headers([('Content-Type', 'application/x-www-form-urlencoded')] if post else []),
           'queryString': [{'name': k, 'value': v} for k, v in urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query)],
           'cookies': [{'name': n, 'value': v} for n, v in cookies],
           'headersSize': -1, 'bodySize': len(post['text']) if post and 'text' in post else 0}
    if post is not None:
        req['postData'] = post
    return {'pageref': 'page_1', 'startedDateTime': '%s%02d.%03dZ' % (T0, i % 60, i), 'time': 44.4,
            'request': req, 'response': response(status, redirect=redirect), 'cache': {},
            'timings': timings(), 'serverIPAddress': '192.0.2.%d' % (i % 250 + 1), 'connection': str(1000 + i)}


def post_data(params, style):
    text = form(params)
    if style == 'chrome':    # params and text, values as sent (URL-encoded)
        return {'mimeType': 'application/x-www-form-urlencoded', 'text': text,
                'params': [{'name': n, 'value': urllib.parse.quote_plus(v)} for n, v in params]}
    if style == 'firefox':   # Firefox: params URL-encoded, text as sent
        return {'mimeType': 'application/x-www-form-urlencoded', 'params':
                [{'name': n, 'value': urllib.parse.quote(v, safe='')} for n, v in params], 'text': text}
    return {'mimeType': 'application/x-www-form-urlencoded', 'text': text}   # Safari: text only


def har(creator, version, browser, entries):
    log = {'version': '1.2', 'creator': {'name': creator, 'version': version},
           'pages': [{'startedDateTime': T0 + '00.000Z', 'id': 'page_1', 'title': 'AWS sign-in',
                      'pageTimings': {'onContentLoad': 512.3, 'onLoad': 801.9}}],
           'entries': entries}
    if browser:
        log['browser'] = browser
    return json.dumps({'log': log}, indent=2) + '\n'


def capture(style, saml_posts=((b64, RELAY),), request_only=False):
    """A sign-in: the app redirects to the IdP with a SAMLRequest (GET,
    HTTP-Redirect), the user logs in (POST of credentials), assets load,
    the IdP page posts SAMLResponse to AWS, the console loads."""
    authn = base64.b64encode(deflated[:200]).decode()
    e = [entry(1, 'GET', 'https://idp.example.com/app/aws/sso/saml?' + form([('SAMLRequest', authn), ('RelayState', 'rs1')])),
         entry(2, 'GET', 'https://idp.example.com/static/app.css'),
         entry(3, 'GET', 'https://idp.example.com/static/app.js'),
         entry(4, 'POST', 'https://idp.example.com/api/v1/authn',
               post={'mimeType': 'application/json', 'text': '{"username":"jdoe","password":"(redacted)"}'},
               cookies=[('JSESSIONID', 'abc123')]),
         entry(5, 'GET', 'https://idp.example.com/favicon.ico')]
    if request_only:
        e.append(entry(6, 'POST', 'https://idp.example.com/sso/saml',
                       post=post_data([('SAMLRequest', authn), ('RelayState', 'rs1')], style)))
    for k, (value, relay) in enumerate(saml_posts):
        params = [('SAMLResponse', value)] + ([('RelayState', relay)] if relay else [])
        e.append(entry(len(e) + 1, 'POST', ACS, post=post_data(params, style),
                       cookies=[('aws-signin-csrf', 'x%d' % k)], status=302,
                       redirect='https://console.aws.amazon.com/'))
        e.append(entry(len(e) + 1, 'GET', 'https://console.aws.amazon.com/console/home?region=us-east-1'))
    for i in range(8):
        e.append(entry(len(e) + 1, 'GET', 'https://console.aws.amazon.com/static/chunk-%d.js' % i))
    return e


write('chrome.har', har('WebInspector', '537.36', None, capture('chrome')))
write('firefox.har', har('Firefox', '128.0', {'name': 'Firefox', 'version': '128.0'}, capture('firefox')))
write('safari.har', har('WebKit Web Inspector', '1.0', None, capture('safari')))
write('chrome-two-signins.har', har('WebInspector', '537.36', None,
                                    capture('chrome', ((b64, RELAY), (b64_2, None)))))
write('har-request-only.har', har('WebInspector', '537.36', None, capture('chrome', (), request_only=True)))
write('har-no-saml.har', har('WebInspector', '537.36', None, capture('chrome', ())))
write('har-empty.har', har('WebInspector', '537.36', None, []))
write('har-bad-entries.har', json.dumps({'log': {'version': '1.2', 'creator': {'name': 'WebInspector'},
                                                 'entries': {'0': 'not an array'}}}) + '\n')
# a POST URL carrying a bidi override and an ANSI escape: `show` and every
# report print it escaped (<U+202E>, <U+001B>)
bidi = capture('chrome')
for e in bidi:
    if e['request']['method'] == 'POST' and e['request']['url'] == ACS:
        e['request']['url'] = ACS + '?next=\u202etxt.exe\x1b[31m'
write('chrome-bidi-url.har', har('WebInspector', '537.36', None, bidi))
# one POST whose body carries SAMLResponse twice (a second one must never
# be dropped silently): Chrome (params + text), Safari (text only), and the
# SAML-tracer "post" pairs
for style, name in (('chrome', 'har-two-in-one-entry.har'), ('safari', 'har-two-in-one-entry-text.har')):
    e = capture(style)
    for x in e:
        if x['request']['method'] == 'POST' and x['request']['url'] == ACS:
            x['request']['postData'] = post_data([('SAMLResponse', b64), ('RelayState', RELAY), ('SAMLResponse', b64_2)], style)
    write(name, har('WebInspector' if style == 'chrome' else 'WebKit Web Inspector', '537.36', None, e))
write('har-undecodable.har', har('WebInspector', '537.36', None, capture('chrome', ((b64.replace('+', '-').replace('/', '_'), None),))))

# ---- SAML-tracer export ----
def tracer_req(i, method, url, post=None, saml=None, get=None):
    r = {'method': method, 'url': url, 'requestId': 'request-%d-%s-0f1e2d3c' % (i, method),
         'requestHeaders': [{'name': 'User-Agent', 'value': 'Mozilla/5.0'}],
         'responseStatus': 200, 'responseStatusText': 'HTTP/1.1 200 OK',
         'responseHeaders': [{'name': 'Content-Type', 'value': 'text/html'}]}
    if get is not None:
        r['get'] = get
    if post is not None:
        r['post'] = post
    if saml is not None:
        r['saml'] = saml
        r['protocol'] = 'SAML-P'
    return r


def tracer(reqs):
    return json.dumps({'requests': reqs, 'timestamp': '2025-06-01T12:00:00.000Z'}, indent=2) + '\n'


authn_xml = ('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" '
             'Version="2.0" IssueInstant="2025-06-01T11:59:00Z"/>')
reqs = [tracer_req(1, 'GET', 'https://idp.example.com/app/aws/sso/saml?SAMLRequest=x',
                   get=[['SAMLRequest', 'x']], saml=authn_xml),
        tracer_req(2, 'GET', 'https://idp.example.com/static/app.js'),
        tracer_req(3, 'POST', ACS, post=[['SAMLResponse', wrap(b64)], ['RelayState', RELAY]],
                   saml=xml.decode()),
        tracer_req(4, 'GET', 'https://console.aws.amazon.com/console/home')]
write('saml-tracer.json', tracer(reqs))
two = json.loads(tracer(reqs))
two['requests'][2]['post'].append(['SAMLResponse', b64_2])
write('saml-tracer-two-in-one.json', json.dumps(two, indent=2) + '\n')
# the "obfuscate POST values" export filter: only the decoded saml field is usable
filtered = json.loads(tracer(reqs))
for r in filtered['requests']:
    if 'post' in r:
        r['post'] = [[n, 'ae02ad5f' * 4] for n, _ in r['post']]
write('saml-tracer-filtered.json', json.dumps(filtered, indent=2) + '\n')
write('saml-tracer-request-only.json', tracer([
    tracer_req(1, 'POST', 'https://idp.example.com/sso/saml', post=[['SAMLRequest', base64.b64encode(authn_xml.encode()).decode()]],
               saml=authn_xml),
    tracer_req(2, 'GET', 'https://idp.example.com/static/app.js')]))
EOF
# ---- containers users actually have (RULES.md 0.2 input/undecodable) ----
# The template response signed at the Response (as the IdP sends it), then
# wrapped: the IdP's HTML auto-post page (value HTML-escaped), a saved page
# source (XHTML), a SOAP envelope (ECP and ArtifactResponse), base64 without
# its final padding; and the twins that must still fail.
python3 - "$here" "$out" <<'EOF'
import base64, os, subprocess, sys, tempfile
here, out = sys.argv[1], sys.argv[2]
tpl = os.path.join(here, 'templates', 'response-ok.xml')
with tempfile.TemporaryDirectory() as d:
    o = os.path.join(d, 'signed.xml')
    subprocess.run([sys.executable, os.path.join(here, 'sign.py'), tpl, o, '--target', 'response'], check=True)
    signed = open(o, 'rb').read()
if signed.startswith(b'<?xml'):
    signed = signed.split(b'?>', 1)[1].lstrip()
ACS = 'https://signin.aws.amazon.com/saml'
RELAY = 'https://console.aws.amazon.com/console/home?region=us-east-1&state=hashArgs'


def write(name, data):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def html_attr(v):
    # what IdP templates emit: '+', '/' and '=' as numeric character references
    return v.replace('&', '&amp;').replace('+', '&#43;').replace('/', '&#x2f;').replace('=', '&#x3d;')


b64 = base64.b64encode(signed).decode()


def autopost(inputs, doctype='<!DOCTYPE html>\n<html>', action=ACS):
    fields = ''.join('\n        <input type="hidden" name="%s" value="%s"/>' % (n, html_attr(v)) for n, v in inputs)
    return ('%s\n<head>\n<meta charset="utf-8"/>\n<meta http-equiv="Content-Security-Policy" content="script-src \'self\'"/>\n'
            '<title>Signing in to AWS</title>\n<script>window.onload = function () { if (1 < 2) document.forms[0].submit(); };</script>\n'
            '<style>body { font-family: sans-serif; } p > a { color: #0073bb; }</style>\n</head>\n'
            '<body>\n<!-- generated by the IdP; <input name="SAMLResponse" value="not this"> -->\n'
            '<noscript><p><strong>Note:</strong> your browser does not support JavaScript; press Continue.</p></noscript>\n'
            '<form action="%s" method="post">\n    <div>%s\n    </div>\n'
            '    <noscript><div><input type="submit" value="Continue"/></div></noscript>\n</form>\n</body>\n</html>\n'
            % (doctype, html_attr(action), fields))


write('html-autopost.html', autopost([('SAMLResponse', b64), ('RelayState', RELAY)]))
write('html-saved-source.html', '<?xml version="1.0" encoding="UTF-8"?>\n' + autopost(
    [('RelayState', RELAY), ('SAMLResponse', '\n'.join(b64[i:i + 64] for i in range(0, len(b64), 64)))],
    doctype='<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">'))
write('html-two-responses.html', autopost([('SAMLResponse', b64), ('SAMLResponse', b64)]))
write('html-no-saml.html', autopost([('username', 'jdoe'), ('csrf', 'x')]))
write('html-request.html', autopost([('SAMLRequest', base64.b64encode(b'<samlp:AuthnRequest/>').decode())]))
write('html-truncated.html', autopost([('SAMLResponse', b64)]).split('value="')[0] + 'value="' + html_attr(b64[:500]))
# nested deeper than the HTML parser goes (256): the page is refused with a
# finding that says the parse stopped, never read half-way in silence
write('html-deep.html', '<!DOCTYPE html>\n<html><body>' + '<div>' * 300 +
      '<form><input name="SAMLResponse" value="%s"/></form></body></html>\n' % html_attr(b64))
write('html-limits.html', '<!DOCTYPE html>\n<html><body><form>\n<input ' +
      ' '.join('a%d="x"' % i for i in range(100)) + ' name="SAMLResponse" value="%s"/></form></body></html>\n' % html_attr(b64))

ENV11 = 'http://schemas.xmlsoap.org/soap/envelope/'
ENV12 = 'http://www.w3.org/2003/05/soap-envelope'
resp = signed.decode().strip()
write('soap-ecp.xml', '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<S:Envelope xmlns:S="%s">\n  <S:Header>\n'
      '    <ecp:Response xmlns:ecp="urn:oasis:names:tc:SAML:2.0:profiles:SSO:ecp" S:mustUnderstand="1" '
      'S:actor="http://schemas.xmlsoap.org/soap/actor/next" AssertionConsumerServiceURL="%s"/>\n'
      '  </S:Header>\n  <S:Body>%s</S:Body>\n</S:Envelope>\n' % (ENV11, ACS, resp))
# ArtifactResponse: the Response relies on the samlp prefix declared on the
# ArtifactResponse (exclusive C14N renders it on the Response either way)
inner = resp.replace(' xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"', '', 1)
write('soap-artifact.xml', '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<env:Envelope xmlns:env="%s">\n  <env:Body>\n'
      '    <samlp:ArtifactResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
      'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_art-1" Version="2.0" '
      'IssueInstant="2025-06-01T11:59:30Z" InResponseTo="_req-1">\n'
      '      <saml:Issuer>https://idp.example.com/saml</saml:Issuer>\n'
      '      <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>\n'
      '      %s\n    </samlp:ArtifactResponse>\n  </env:Body>\n</env:Envelope>\n' % (ENV12, inner))
write('soap-fault.xml', '<?xml version="1.0" encoding="UTF-8"?>\n<S:Envelope xmlns:S="%s"><S:Body><S:Fault>'
      '<faultcode>S:Server</faultcode><faultstring>no session</faultstring></S:Fault></S:Body></S:Envelope>\n' % ENV11)
# the attack twin: the genuine signed Response hidden in the Header, a
# forged unsigned copy (another role) in the Body
forged = resp.split('<ds:Signature', 1)[0] + resp.split('</ds:Signature>', 1)[1]
forged = forged.replace('role/ReadOnly', 'role/Admin').replace('_resp-8f3a2b1c', '_resp-f0f0f0f0')
write('soap-forged-body.xml', '<?xml version="1.0" encoding="UTF-8"?>\n<S:Envelope xmlns:S="%s">'
      '<S:Header>%s</S:Header><S:Body>%s</S:Body></S:Envelope>\n' % (ENV11, resp, forged))

# base64 without its final padding: a document whose length is not a
# multiple of 3 (one and two '=' missing)
for k, extra in ((1, b'\n\n'), (2, b'\n')):
    e = base64.b64encode(signed + extra).decode()
    if not (e.endswith('=' * k) and not e.endswith('=' * (k + 1))):
        extra = extra + b'\n'
        e = base64.b64encode(signed + extra).decode()
    assert e.endswith('=' * k) and not e.endswith('=' * (k + 1)), (k, e[-4:])
    write('response-unpadded-%d.b64' % k, e.rstrip('=') + '\n')
EOF
echo "input fixtures written to testdata/input/"
