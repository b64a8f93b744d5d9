#!/usr/bin/env python3
"""Make a copy of a certificate whose extension list repeats one extension
(RFC 5280 forbids it; IAM rejects such metadata), re-signed with the same key.
usage: dup-extension.py IN.crt KEY OUT.crt"""
import base64
import subprocess
import sys
import tempfile


def tlv(b, i):
    tag = b[i]
    ln = b[i + 1]
    j = i + 2
    if ln & 0x80:
        n = ln & 0x7F
        ln = int.from_bytes(b[j:j + n], "big")
        j += n
    return tag, j, j + ln  # tag, content start, end


def enc_len(n):
    if n < 0x80:
        return bytes([n])
    s = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(s)]) + s


def wrap(tag, content):
    return bytes([tag]) + enc_len(len(content)) + content


def children(b, start, end):
    out = []
    i = start
    while i < end:
        tag, cs, ce = tlv(b, i)
        out.append((tag, i, cs, ce))
        i = ce
    return out


pem = open(sys.argv[1]).read()
der = base64.b64decode("".join(l for l in pem.splitlines() if "-----" not in l))
_, cs, ce = tlv(der, 0)
cert_parts = children(der, cs, ce)
tbs_tag, tbs_i, tbs_cs, tbs_ce = cert_parts[0]
sigalg = der[cert_parts[1][1]:cert_parts[1][3]]
tbs_parts = children(der, tbs_cs, tbs_ce)
new_tbs = b""
for tag, i, s, e in tbs_parts:
    if tag == 0xA3:  # [3] extensions
        _, ecs, ece = tlv(der, s)  # SEQUENCE OF Extension
        exts = [der[x[1]:x[3]] for x in children(der, ecs, ece)]
        # repeat the subjectKeyIdentifier (2.5.29.14 = 06 03 55 1D 0E)
        dup = [x for x in exts if b"\x06\x03\x55\x1d\x0e" in x][0]
        exts.append(dup)
        new_tbs += wrap(0xA3, wrap(0x30, b"".join(exts)))
    else:
        new_tbs += der[i:e]
tbs = wrap(0x30, new_tbs)
with tempfile.NamedTemporaryFile() as f:
    f.write(tbs)
    f.flush()
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", sys.argv[2], f.name],
                         check=True, capture_output=True).stdout
cert = wrap(0x30, tbs + sigalg + wrap(0x03, b"\x00" + sig))
b64 = base64.b64encode(cert).decode()
with open(sys.argv[3], "w") as o:
    o.write("-----BEGIN CERTIFICATE-----\n")
    for k in range(0, len(b64), 64):
        o.write(b64[k:k + 64] + "\n")
    o.write("-----END CERTIFICATE-----\n")
