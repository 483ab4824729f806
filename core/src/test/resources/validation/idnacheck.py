# Independent judge for Email-Engine's IDNA handling: reads one domain or label per line on stdin and prints,
# per line, the A-label form per the Python 'idna' package (IDNA 2008 with UTS #46 mapping), or ERR.
# Mode 'punycode' prints Python's own RFC 3492 codec output instead. Exit 3 when a module is missing.
import sys
try:
    import idna
except ImportError:
    sys.stderr.write("the Python module idna is missing: install the Debian package python3-idna\n")
    sys.exit(3)

mode = sys.argv[1]
for line in sys.stdin.read().split("\n"):
    if not line:
        continue
    if mode == "punycode":
        print(line.encode("punycode").decode("ascii"))
        continue
    try:
        print(idna.encode(line, uts46=True, transitional=False).decode("ascii"))
    except Exception:
        print("ERR")
