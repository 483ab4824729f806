package com.emailengine.core.dkim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A message split into header fields and body by offsets into the caller's array: nothing is
 * copied. Field bounds exclude the CRLF that ends the field; continuation lines are included.
 */
final class RawMessage {

    /**
     * One header field: {@code bytes[start, colon)} is the name (possibly followed by WSP in the
     * obsolete syntax), {@code bytes[colon + 1, end)} the unfolded-or-not value.
     */
    record HeaderField(String lowerName, int start, int colon, int end) {
    }

    final byte[] bytes;
    final List<HeaderField> fields;
    final int bodyStart;

    private RawMessage(byte[] bytes, List<HeaderField> fields, int bodyStart) {
        this.bytes = bytes;
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    static RawMessage parse(byte[] message) {
        requireCrlfLineEnds(message);
        int n = message.length;
        List<HeaderField> fields = new ArrayList<>(24);
        int pos = 0;
        int bodyStart = n;
        while (pos < n) {
            if (message[pos] == '\r') {
                bodyStart = pos + 2; // the empty line; requireCrlfLineEnds guarantees the LF
                break;
            }
            if (isWsp(message[pos])) {
                throw new MalformedMessageException("continuation line without a header field at offset " + pos);
            }
            int lineEnd = lineEnd(message, pos);
            int colon = -1;
            for (int i = pos; i < lineEnd; i++) {
                if (message[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon < 0) {
                throw new MalformedMessageException("header line without a colon at offset " + pos + ": '"
                        + new String(message, pos, Math.min(lineEnd - pos, 60), java.nio.charset.StandardCharsets.ISO_8859_1) + "'");
            }
            String name = fieldName(message, pos, colon);
            int end = lineEnd;
            while (end + 2 < n && isWsp(message[end + 2])) {
                end = lineEnd(message, end + 2);
            }
            fields.add(new HeaderField(name, pos, colon, end));
            pos = end < n ? end + 2 : n;
        }
        return new RawMessage(message, Collections.unmodifiableList(fields), bodyStart);
    }

    int countOf(String lowerName) {
        int count = 0;
        for (HeaderField f : fields) {
            if (f.lowerName.equals(lowerName)) {
                count++;
            }
        }
        return count;
    }

    /** Rejects any LF not preceded by CR and any CR not followed by LF (RFC 5322 §2.3). */
    static void requireCrlfLineEnds(byte[] m) {
        int n = m.length;
        for (int i = 0; i < n; i++) {
            byte b = m[i];
            if (b == '\n') {
                if (i == 0 || m[i - 1] != '\r') {
                    throw new MalformedMessageException("bare LF at offset " + i + "; the message must use CRLF line ends");
                }
            } else if (b == '\r' && (i + 1 == n || m[i + 1] != '\n')) {
                throw new MalformedMessageException("bare CR at offset " + i + "; the message must use CRLF line ends");
            }
        }
    }

    static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    /** Offset of the CR ending the line that starts at {@code from}, or the array length. */
    private static int lineEnd(byte[] m, int from) {
        for (int i = from; i < m.length; i++) {
            if (m[i] == '\r') {
                return i;
            }
        }
        return m.length;
    }

    private static String fieldName(byte[] m, int start, int colon) {
        int end = colon;
        while (end > start && isWsp(m[end - 1])) {
            end--;
        }
        if (end == start) {
            throw new MalformedMessageException("header field with an empty name at offset " + start);
        }
        char[] name = new char[end - start];
        for (int i = start; i < end; i++) {
            int c = m[i] & 0xff;
            if (c < 33 || c > 126) {
                throw new MalformedMessageException("invalid character in header field name at offset " + i);
            }
            name[i - start] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return new String(name);
    }
}
