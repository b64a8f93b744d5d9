#!/usr/bin/env python3
"""Make a certificate whose public key is degenerate (RULES.md
metadata/cert-key-degenerate): a copy of IN.crt with its
SubjectPublicKeyInfo replaced, re-signed by SIGNKEY (RSA, deterministic).
No key generator produces such keys and no library lets one build them, so
the DER is written here by hand.

usage: degenerate-key.py IN.crt SIGNKEY OUT.crt KIND
KIND (the RSA ones keep IN's modulus n):
  e1         public exponent 1 (every padded digest is its own signature)
  e0         public exponent 0
  e2         public exponent 2
  e-even     public exponent 65536
  e-ge-n     public exponent n + 2 (odd, not smaller than the modulus)
  n-even     modulus n + 1 (even), exponent 65537
  ec-off     IN is an EC P-256 certificate: its point with y changed, so
             that it is not on the curve"""
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


def integer(v):
    body = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big")  # leading 0 keeps it positive
    return wrap(0x02, body)


RSA_ALG = wrap(0x30, bytes.fromhex("06092a864886f70d010101") + b"\x05\x00")


def rsa_spki(n, e):
    return wrap(0x30, RSA_ALG + wrap(0x03, b"\x00" + wrap(0x30, integer(n) + integer(e))))


def main():
    src, signkey, dst, kind = sys.argv[1:5]
    pem = open(src).read()
    der = base64.b64decode("".join(l for l in pem.splitlines() if "-----" not in l))
    _, cs, ce = tlv(der, 0)
    tbs_tag, tbs_i, tbs_cs, tbs_ce = children(der, cs, ce)[0]
    parts = children(der, tbs_cs, tbs_ce)
    # TBSCertificate: [0] version, serial, signature, issuer, validity,
    # subject, subjectPublicKeyInfo, ...
    spki_idx = 6 if parts[0][0] == 0xA0 else 5
    _, si, scs, sce = parts[spki_idx]
    spki = der[si:sce]
    alg, bits = children(der, scs, sce)
    key = der[bits[2] + 1:bits[3]]  # BIT STRING content after the unused-bits byte
    if kind == "ec-off":
        assert key[0] == 0x04 and len(key) == 65, "expected an uncompressed P-256 point"
        new_spki = wrap(0x30, der[alg[1]:alg[3]] + wrap(
            0x03, b"\x00" + key[:-1] + bytes([key[-1] ^ 0x01])))
    else:
        _, rcs, rce = tlv(key, 0)
        (_, ni, ncs, nce), (_, ei, ecs, ece) = children(key, rcs, rce)
        n = int.from_bytes(key[ncs:nce], "big")
        e = {"e1": 1, "e0": 0, "e2": 2, "e-even": 65536, "e-ge-n": n + 2, "n-even": 65537}[kind]
        if kind == "n-even":
            n += 1
        new_spki = rsa_spki(n, e)
    # the TBS signature field says sha256WithRSA (SIGNKEY), whatever IN had
    sigalg = wrap(0x30, bytes.fromhex("06092a864886f70d01010b") + b"\x05\x00")
    sig_idx = spki_idx - 4
    new_tbs = b"".join(new_spki if k == spki_idx else sigalg if k == sig_idx else der[p[1]:p[3]]
                       for k, p in enumerate(parts))
    tbs = wrap(0x30, new_tbs)
    with tempfile.NamedTemporaryFile() as f:
        f.write(tbs)
        f.flush()
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", signkey, f.name],
                             check=True, capture_output=True).stdout
    cert = wrap(0x30, tbs + sigalg + wrap(0x03, b"\x00" + sig))
    b64 = base64.b64encode(cert).decode()
    with open(dst, "w") as o:
        o.write("-----BEGIN CERTIFICATE-----\n")
        for k in range(0, len(b64), 64):
            o.write(b64[k:k + 64] + "\n")
        o.write("-----END CERTIFICATE-----\n")


main()
