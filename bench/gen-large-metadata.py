#!/usr/bin/env python3
"""gen-large-metadata.py TEMPLATE N OUT: an md:EntitiesDescriptor holding N
copies of the IdP entity of TEMPLATE (a filled metadata-ok.xml), each with
its own entityID, for bench/run.sh. Deterministic."""
import re
import sys

tpl, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
doc = open(tpl, encoding="utf-8").read()
entity = doc.split("?>", 1)[1].strip()
entity = re.sub(r'\s+xmlns:(md|ds)="[^"]*"', "", entity)
parts = []
for i in range(n):
    parts.append(entity.replace('entityID="https://idp.example.com/saml"',
                                'entityID="https://idp%05d.example.com/saml"' % i))
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Name="bench">\n')
    f.write("\n".join(parts))
    f.write("\n</md:EntitiesDescriptor>\n")
