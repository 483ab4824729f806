"""Independent checks for the Java DNS-record tests, run with /usr/bin/python3.

  zonecheck.py zone         stdin: zone-file lines; loads them with dnspython (python3-dnspython)
                            and prints JSON [{"name", "type", "ttl", "strings": [...]}]; exit 1
                            with dnspython's message if the text is not a valid zone
  zonecheck.py collapse     stdin: JSON list of address strings; prints the JSON list of CIDR
                            blocks from the standard library's ipaddress.collapse_addresses
"""
import ipaddress
import json
import sys


def zone():
    try:
        import dns.zone
        import dns.rdatatype
    except ImportError:
        sys.stderr.write("cannot import dns: install the Debian package python3-dnspython\n")
        return 3
    try:
        z = dns.zone.from_text(sys.stdin.read(), origin=".", relativize=False, check_origin=False)
    except Exception as e:  # report dnspython's own words
        sys.stderr.write("%s: %s\n" % (type(e).__name__, e))
        return 1
    out = []
    for name, ttl, rdata in z.iterate_rdatas():
        entry = {"name": name.to_text(), "type": dns.rdatatype.to_text(rdata.rdtype), "ttl": ttl}
        if rdata.rdtype == dns.rdatatype.TXT:
            entry["strings"] = [s.decode("utf-8") for s in rdata.strings]
        else:
            entry["strings"] = [rdata.to_text()]
        out.append(entry)
    print(json.dumps(out))
    return 0


def collapse():
    addresses = [ipaddress.ip_address(a) for a in json.loads(sys.stdin.read())]
    v4 = [ipaddress.ip_network(a) for a in addresses if a.version == 4]
    v6 = [ipaddress.ip_network(a) for a in addresses if a.version == 6]
    blocks = list(ipaddress.collapse_addresses(v4)) + list(ipaddress.collapse_addresses(v6))
    print(json.dumps([b.with_prefixlen for b in blocks]))
    return 0


if __name__ == "__main__":
    sys.exit({"zone": zone, "collapse": collapse}[sys.argv[1]]())
