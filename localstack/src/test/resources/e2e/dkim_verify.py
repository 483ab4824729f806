"""Verifies every DKIM signature of a message with dkimpy (Debian python3-dkim), reading the keys from
the DNS server given on the command line, as a receiving mail server would. Prints one JSON list.

usage: /usr/bin/python3 dkim_verify.py DNS_HOST DNS_PORT < message.eml
"""
import json
import sys

import dkim
import dns.flags
import dns.message
import dns.query
import dns.rdatatype

host, port = sys.argv[1], int(sys.argv[2])


def txt_from_dns(name, timeout=5):
    qname = name.decode() if isinstance(name, bytes) else name
    query = dns.message.make_query(qname, "TXT")
    answer = dns.query.udp(query, host, port=port, timeout=timeout)
    if answer.flags & dns.flags.TC:
        answer = dns.query.tcp(query, host, port=port, timeout=timeout)
    for rrset in answer.answer:
        if rrset.rdtype == dns.rdatatype.TXT:
            for rdata in rrset:
                return b"".join(rdata.strings)
    return None


message = sys.stdin.buffer.read()
checker = dkim.DKIM(message)
count = sum(1 for name, _ in checker.headers if name.lower() == b"dkim-signature")
results = []
for index in range(count):
    verifier = dkim.DKIM(message)
    try:
        passed = verifier.verify(idx=index, dnsfunc=txt_from_dns)
    except dkim.ValidationError:
        # dkimpy raises instead of returning False for some failures, e.g. a body hash mismatch.
        passed = False
    results.append({
        "index": index,
        "pass": bool(passed),
        "domain": verifier.domain.decode() if verifier.domain else None,
        "selector": verifier.selector.decode() if verifier.selector else None,
        "algorithm": verifier.signature_fields.get(b"a", b"").decode() if verifier.signature_fields else None,
    })
print(json.dumps(results))
