package com.emailengine.core.delivery;

/**
 * What may appear in the value of a message header: no CR or LF (a line break would let whoever controls the value
 * start a header of their own, such as {@code Bcc:}, or the body: header injection), no NUL and no other ASCII
 * control but tab. Tab stays allowed: RFC 5322 counts it as white space in unstructured values (a folded line
 * starts with it), so it cannot end a header. Non-ASCII text is not concerned: jakarta.mail encodes it (RFC 2047).
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    public static boolean forbidden(char c) {
        return c < 0x20 && c != '\t' || c == 0x7f;
    }

    /** The index of the first forbidden character, or -1. */
    public static int firstForbidden(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            if (forbidden(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** How a forbidden character is named in refusals. */
    public static String describe(char c) {
        String code = String.format("U+%04X", (int) c);
        return switch (c) {
            case '\r' -> "a line break (CR, " + code + ")";
            case '\n' -> "a line break (LF, " + code + ")";
            case '\0' -> "a control character (NUL, " + code + ")";
            default -> "a control character (" + code + ")";
        };
    }

    /** Refuses a value that could break out of its header, naming the header and the character. */
    public static void require(String header, String value) {
        if (value == null) {
            return;
        }
        int at = firstForbidden(value);
        if (at >= 0) {
            throw new IllegalArgumentException("refusing a " + header + " header value with " + describe(value.charAt(at))
                    + " at position " + (at + 1) + " (header injection)");
        }
    }
}
