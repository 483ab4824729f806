package com.emailengine.core.dkim;

/**
 * Builds a header field folded at {@link #WIDTH} columns. Folds are CRLF followed by one
 * space, placed only where the DKIM-Signature grammar allows FWS: between tags, around the
 * colons of {@code h=}, and inside base64 values.
 */
final class FoldedField {

    /** RFC 5322 §2.1.1: lines SHOULD be at most 78 characters, excluding the CRLF. */
    static final int WIDTH = 78;

    private final StringBuilder text = new StringBuilder(640);
    private int column;

    FoldedField(String name) {
        text.append(name).append(':');
        column = name.length() + 1;
    }

    /** Appends a space and {@code word}, or a fold and {@code word} if it would overflow the line. */
    FoldedField word(String word) {
        if (column + 1 + word.length() > WIDTH) {
            fold();
        } else {
            text.append(' ');
            column++;
        }
        return append(word);
    }

    /** Starts a new line with {@code word}. */
    FoldedField onNewLine(String word) {
        fold();
        return append(word);
    }

    /** Appends {@code piece} directly, folding first if it would overflow the line. */
    FoldedField glued(String piece) {
        if (column + piece.length() > WIDTH) {
            fold();
        }
        return append(piece);
    }

    /** Appends {@code value}, breaking it across as many lines as needed (base64 allows FWS anywhere). */
    FoldedField wrapped(String value) {
        int pos = 0;
        while (pos < value.length()) {
            int room = WIDTH - column;
            if (room < 8) {
                fold();
                room = WIDTH - column;
            }
            int take = Math.min(room, value.length() - pos);
            text.append(value, pos, pos + take);
            column += take;
            pos += take;
        }
        return this;
    }

    /** The field so far, without a final CRLF. */
    String text() {
        return text.toString();
    }

    private FoldedField append(String s) {
        text.append(s);
        column += s.length();
        return this;
    }

    private void fold() {
        text.append("\r\n ");
        column = 1;
    }
}
