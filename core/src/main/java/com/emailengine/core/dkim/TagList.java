package com.emailengine.core.dkim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed tag=value list (RFC 6376 §3.2), as found in a DKIM-Signature field and in a key
 * record. Tag names are case-sensitive; a repeated tag makes the whole list invalid. Values keep
 * their inner folding whitespace (callers that need base64 or colon lists strip it); whitespace
 * around a value is not part of it.
 */
final class TagList {

    /**
     * One tag; offsets index the parsed text. {@code afterEquals} is just past the '=' and
     * {@code specEnd} is the ';' that ends the tag-spec (or the end of the text): the region
     * between them is what RFC 6376 §3.5 deletes for "b=".
     */
    record Tag(String name, String value, int afterEquals, int specEnd) {
    }

    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    private final Map<String, Tag> tags;

    private TagList(Map<String, Tag> tags) {
        this.tags = tags;
    }

    Optional<String> value(String name) {
        Tag t = tags.get(name);
        return t == null ? Optional.empty() : Optional.of(t.value());
    }

    Optional<Tag> tag(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    boolean has(String name) {
        return tags.containsKey(name);
    }

    static TagList parse(CharSequence text) throws SyntaxException {
        Map<String, Tag> tags = new LinkedHashMap<>();
        int n = text.length();
        int pos = 0;
        while (pos < n) {
            pos = skipFws(text, pos, n);
            if (pos >= n) {
                break; // whitespace after a trailing ';'
            }
            int nameStart = pos;
            if (!isAlpha(text.charAt(pos))) {
                throw new SyntaxException("tag name must start with a letter at offset " + pos);
            }
            while (pos < n && isAlnumPunc(text.charAt(pos))) {
                pos++;
            }
            String name = text.subSequence(nameStart, pos).toString();
            pos = skipFws(text, pos, n);
            if (pos >= n || text.charAt(pos) != '=') {
                throw new SyntaxException("tag '" + name + "' lacks '='");
            }
            pos++;
            int afterEquals = pos;
            pos = skipFws(text, pos, n);
            int valueStart = pos;
            int valueEnd = pos;
            while (pos < n && text.charAt(pos) != ';') {
                char c = text.charAt(pos);
                if (c >= 0x21 && c <= 0x7e) {
                    valueEnd = pos + 1;
                } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    throw new SyntaxException("invalid character 0x" + Integer.toHexString(c) + " in tag '" + name + "'");
                }
                pos++;
            }
            int specEnd = pos;
            if (tags.containsKey(name)) {
                throw new SyntaxException("duplicate tag '" + name + "'");
            }
            tags.put(name, new Tag(name, text.subSequence(valueStart, valueEnd).toString(), afterEquals, specEnd));
            if (pos < n) {
                pos++; // the ';'
            }
        }
        return new TagList(tags);
    }

    /** Removes every WSP, CR and LF: for base64 values and colon-separated lists. */
    static String withoutWhitespace(String value) {
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ws = c == ' ' || c == '\t' || c == '\r' || c == '\n';
            if (ws && sb == null) {
                sb = new StringBuilder(value.length());
                sb.append(value, 0, i);
            } else if (!ws && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? value : sb.toString();
    }

    private static int skipFws(CharSequence s, int pos, int n) {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            pos++;
        }
        return pos;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnumPunc(char c) {
        return isAlpha(c) || (c >= '0' && c <= '9') || c == '_';
    }
}
