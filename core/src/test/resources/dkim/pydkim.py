"""Independent DKIM peer for the Java tests: Debian's python3-dkim (dkimpy) with python3-nacl.

Run with /usr/bin/python3, the Debian interpreter that sees the Debian packages:

  pydkim.py check                            exit 0 if dkim and nacl import, 3 if not
  pydkim.py verify MESSAGE_FILE DNS_JSON     print one JSON result per DKIM-Signature
  pydkim.py serve                            answer JSON requests, one per line, on stdin

DNS_JSON maps "<selector>._domainkey.<domain>" to the TXT value handed to dkimpy's dnsfunc.
Requests for "serve" (messages and bodies base64-encoded; one process serves a whole test
class, because importing dkimpy alone takes 0.4 s):
  {"op": "verify", "message": B64, "dns": {NAME: TXT}}      -> {"results": [...]}
  {"op": "sign", "message": B64, "key_pem": PEM, "selector": S, "domain": D,
   "algorithm": "rsa-sha256"|"ed25519-sha256", "canon": "relaxed/simple"}  -> {"signed": B64}
  {"op": "canon-body", "algorithm": "simple"|"relaxed", "bodies": [B64]}   -> {"bodies": [B64]}
Any failure of a request is answered with {"error": TEXT}.
"""
import base64
import json
import sys

MISSING = 3

try:
    import dkim
    import dkim.canonicalization
    import nacl.signing  # noqa: F401  (dkimpy needs it for ed25519-sha256)
except ImportError as e:
    sys.stderr.write("cannot import %s: install the Debian packages python3-dkim and python3-nacl\n" % e.name)
    sys.exit(MISSING)


def text(value):
    return value.decode("ascii", "replace") if isinstance(value, bytes) else (value or "")


def verify(message, records):
    """Checks every DKIM-Signature field; dkim.verify() itself only looks at the first."""
    def dnsfunc(name, timeout=5):
        value = records.get(name.decode("ascii").rstrip(".").lower())
        return value.encode("ascii") if value is not None else None

    count = len([1 for name, _ in dkim.DKIM(message).headers if name.lower() == b"dkim-signature"])
    results = []
    for i in range(count):
        checker = dkim.DKIM(message)
        try:
            ok = bool(checker.verify(idx=i, dnsfunc=dnsfunc))
            error = "" if ok else "signature did not verify"
        except dkim.DKIMException as e:
            ok, error = False, "%s: %s" % (type(e).__name__, e)
        results.append({"index": i, "pass": ok, "domain": text(checker.domain), "error": error})
    return results


def sign(message, key_pem, selector, domain, algorithm, canon):
    lines = key_pem.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("-----BEGIN "))
    end = next(i for i, l in enumerate(lines) if l.startswith("-----END "))
    block = lines[start:end + 1]
    if algorithm == "ed25519-sha256":
        der = base64.b64decode("".join(block[1:-1]))
        # A PKCS#8 Ed25519 key (RFC 8410) ends with the 32-octet private key; dkimpy wants it raw, base64.
        privkey = base64.b64encode(der[-32:])
    else:
        privkey = ("\n".join(block) + "\n").encode("ascii")
    header_canon, body_canon = canon.split("/")
    signature = dkim.sign(message, selector.encode("ascii"), domain.encode("ascii"), privkey,
                          canonicalize=(header_canon.encode("ascii"), body_canon.encode("ascii")),
                          signature_algorithm=algorithm.encode("ascii"))
    return signature + message


def canon_body(name, bodies):
    algorithm = {"simple": dkim.canonicalization.Simple, "relaxed": dkim.canonicalization.Relaxed}[name]
    return [algorithm.canonicalize_body(b) for b in bodies]


def b64(data):
    return base64.b64encode(data).decode("ascii")


def answer(request):
    op = request["op"]
    if op == "verify":
        return {"results": verify(base64.b64decode(request["message"]), request["dns"])}
    if op == "sign":
        return {"signed": b64(sign(base64.b64decode(request["message"]), request["key_pem"], request["selector"],
                                   request["domain"], request["algorithm"], request["canon"]))}
    if op == "canon-body":
        bodies = [base64.b64decode(b) for b in request["bodies"]]
        return {"bodies": [b64(b) for b in canon_body(request["algorithm"], bodies)]}
    raise ValueError("unknown op %r" % op)


def serve():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            response = answer(json.loads(line))
        except Exception as e:  # report, keep serving
            response = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(response) + "\n")
        sys.stdout.flush()


def main(argv):
    command = argv[1] if len(argv) > 1 else ""
    if command == "check":
        print("dkimpy and pynacl available")
    elif command == "verify":
        with open(argv[2], "rb") as m, open(argv[3], "rb") as d:
            print(json.dumps(verify(m.read(), json.loads(d.read()))))
    elif command == "serve":
        serve()
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
