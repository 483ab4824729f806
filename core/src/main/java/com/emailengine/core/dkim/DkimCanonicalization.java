package com.emailengine.core.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The two canonicalization algorithms of RFC 6376 §3.4, for header fields and for the body.
 * Each works in one pass over the caller's bytes, with no regular expression and no
 * intermediate copy; all methods are stateless and safe for concurrent use.
 */
public enum DkimCanonicalization {

    /** §3.4.1 / §3.4.3: headers untouched; body only loses trailing empty lines. */
    SIMPLE("simple"),
    /** §3.4.2 / §3.4.4: whitespace-insensitive; what the fleet signs with. */
    RELAXED("relaxed");

    private final String tag;

    DkimCanonicalization(String tag) {
        this.tag = tag;
    }

    /** The name used in the {@code c=} tag. */
    public String tag() {
        return tag;
    }

    public static Optional<DkimCanonicalization> fromTag(String value) {
        for (DkimCanonicalization c : values()) {
            if (c.tag.equalsIgnoreCase(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Canonicalizes one header field, given as it appears in the message without its final CRLF
     * (e.g. {@code "Subject: Hi\r\n there"}), and returns it with the CRLF the hash includes.
     */
    public String canonicalizeHeader(String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        int colon = indexOf(bytes, (byte) ':');
        if (colon < 0) {
            throw new IllegalArgumentException("header field without a colon: " + field);
        }
        OctetBuffer out = new OctetBuffer(bytes.length + 2);
        header(bytes, 0, colon, bytes.length, out, true);
        return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
    }

    /** Canonicalizes a whole body (the octets after the empty line that ends the header). */
    public byte[] canonicalizeBody(byte[] body) {
        OctetBuffer out = new OctetBuffer(body.length + 2);
        body(body, 0, body.length, out);
        return out.toByteArray();
    }

    /**
     * Writes the canonical form of the field {@code m[start, end)} whose name ends at
     * {@code colon}; {@code withCrlf} is false only for the DKIM-Signature field being
     * hashed, which RFC 6376 §3.7 hashes without its CRLF.
     */
    void header(byte[] m, int start, int colon, int end, OctetSink out, boolean withCrlf) {
        if (this == SIMPLE) {
            out.write(m, start, end - start);
        } else {
            relaxedHeader(m, start, colon, end, out);
        }
        if (withCrlf) {
            out.write('\r');
            out.write('\n');
        }
    }

    private static void relaxedHeader(byte[] m, int start, int colon, int end, OctetSink out) {
        int nameStart = start;
        while (nameStart < colon && RawMessage.isWsp(m[nameStart])) {
            nameStart++;
        }
        int nameEnd = colon;
        while (nameEnd > nameStart && RawMessage.isWsp(m[nameEnd - 1])) {
            nameEnd--;
        }
        for (int i = nameStart; i < nameEnd; i++) {
            byte b = m[i];
            out.write(b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        out.write(':');
        // Unfold (drop CR and LF), squeeze each WSP run to one SP, and drop WSP at both ends.
        boolean wrote = false;
        boolean pendingSpace = false;
        for (int i = colon + 1; i < end; i++) {
            byte b = m[i];
            if (b == '\r' || b == '\n') {
                continue;
            }
            if (b == ' ' || b == '\t') {
                pendingSpace = wrote;
                continue;
            }
            if (pendingSpace) {
                out.write(' ');
                pendingSpace = false;
            }
            out.write(b);
            wrote = true;
        }
    }

    /** Writes the canonical form of the body {@code m[from, to)}. */
    void body(byte[] m, int from, int to, OctetSink out) {
        if (this == SIMPLE) {
            simpleBody(m, from, to, out);
        } else {
            relaxedBody(m, from, to, out);
        }
    }

    /** §3.4.3: strip trailing CRLFs, then end with exactly one; an empty body becomes CRLF. */
    private static void simpleBody(byte[] m, int from, int to, OctetSink out) {
        int end = to;
        while (end - from >= 2 && m[end - 2] == '\r' && m[end - 1] == '\n') {
            end -= 2;
        }
        out.write(m, from, end - from);
        out.write('\r');
        out.write('\n');
    }

    /**
     * §3.4.4: squeeze WSP runs to one SP, drop WSP at line ends, drop empty lines at the end of
     * the body, and end a non-empty body with CRLF. An empty body stays empty (unlike simple).
     * Empty lines are only counted and written once later content proves they are not trailing.
     */
    private static void relaxedBody(byte[] m, int from, int to, OctetSink out) {
        int pendingEmptyLines = 0;
        boolean pendingSpace = false;
        boolean lineHasContent = false;
        int i = from;
        while (i < to) {
            byte b = m[i];
            if (b == '\r' && i + 1 < to && m[i + 1] == '\n') {
                if (lineHasContent) {
                    out.write('\r');
                    out.write('\n');
                } else {
                    pendingEmptyLines++;
                }
                lineHasContent = false;
                pendingSpace = false;
                i += 2;
                continue;
            }
            if (b == ' ' || b == '\t') {
                pendingSpace = true;
            } else {
                if (!lineHasContent) {
                    for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                        out.write('\r');
                        out.write('\n');
                    }
                    lineHasContent = true;
                }
                if (pendingSpace) {
                    out.write(' ');
                    pendingSpace = false;
                }
                out.write(b);
            }
            i++;
        }
        if (lineHasContent) {
            out.write('\r');
            out.write('\n');
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
