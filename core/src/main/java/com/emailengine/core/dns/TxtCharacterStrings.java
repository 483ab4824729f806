package com.emailengine.core.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire and zone-file form of a TXT value: a sequence of character-strings of at most 255
 * octets each (RFC 1035 §3.3), which receivers concatenate with nothing between them (RFC 7208
 * §3.3 for SPF, RFC 6376 §3.6.2.2 for DKIM). {@link DnsRecord} holds the one logical string;
 * this class makes the pieces when the record is published.
 */
public final class TxtCharacterStrings {

    /** Longest character-string (RFC 1035 §3.3). */
    public static final int MAX_OCTETS = 255;
    // Prefer to cut after a space (between SPF mechanisms or DKIM tags) when one lies in the last part of a piece.
    private static final int PREFERRED_CUT_FROM = 128;

    private TxtCharacterStrings() {
    }

    /**
     * Splits {@code value} into pieces of at most 255 UTF-8 octets whose concatenation is
     * {@code value}, cutting after a space where one is near the end of a piece so that SPF
     * mechanisms stay whole for a human reader, and never inside a character.
     */
    public static List<String> split(String value) {
        byte[] octets = value.getBytes(StandardCharsets.UTF_8);
        List<String> pieces = new ArrayList<>(octets.length / MAX_OCTETS + 1);
        int start = 0;
        while (octets.length - start > MAX_OCTETS) {
            int cut = start + MAX_OCTETS;
            while ((octets[cut] & 0xc0) == 0x80) {
                cut--; // do not split a UTF-8 sequence
            }
            for (int i = cut - 1; i >= start + PREFERRED_CUT_FROM; i--) {
                if (octets[i] == ' ') {
                    cut = i + 1;
                    break;
                }
            }
            pieces.add(new String(octets, start, cut - start, StandardCharsets.UTF_8));
            start = cut;
        }
        pieces.add(new String(octets, start, octets.length - start, StandardCharsets.UTF_8));
        return pieces;
    }

    /** The value in zone-file form: each piece quoted, quotes and backslashes escaped, other octets as \DDD. */
    public static String zoneFileText(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (String piece : split(value)) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append('"');
            for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c == '"' || c == '\\') {
                    sb.append('\\').append((char) c);
                } else if (c >= 0x20 && c <= 0x7e) {
                    sb.append((char) c);
                } else {
                    sb.append('\\').append(String.format("%03d", c));
                }
            }
            sb.append('"');
        }
        return sb.toString();
    }

    /**
     * A zone-file line that zone loaders accept for long TXT values too, unlike
     * {@link DnsRecord#zoneFileLine()}, which calls this.
     */
    public static String zoneFileLine(DnsRecord record) {
        if (record.type() != DnsRecord.Type.TXT) {
            return record.name() + " " + record.ttlSeconds() + " IN " + record.type() + " " + record.value();
        }
        return record.name() + " " + record.ttlSeconds() + " IN TXT " + zoneFileText(record.value());
    }
}
