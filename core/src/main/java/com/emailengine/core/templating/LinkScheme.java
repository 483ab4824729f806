package com.emailengine.core.templating;

import java.util.Locale;
import java.util.Set;
import org.jsoup.parser.Parser;

/**
 * Which links contact data may make: relative ones, and those whose scheme is http, https, mailto or tel. The value of
 * an attribute is read as a browser reads it (WHATWG URL): character references decoded once (the value is already
 * HTML-escaped, so data's own {@code &#58;} stays text), leading spaces and controls trimmed, tabs and line breaks
 * dropped anywhere ({@code java\tscript:} is {@code javascript:} to a browser). What precedes the first colon is a
 * scheme only if RFC 3986 says so; otherwise the link is relative, as it is to the browser. {@code javascript:},
 * {@code data:}, {@code vbscript:}, {@code file:} and every scheme not on the list are refused: a list of the bad ones
 * would miss the next.
 */
final class LinkScheme {

    private static final Set<String> ALLOWED = Set.of("http", "https", "mailto", "tel");

    private LinkScheme() {
    }

    /** Whether an attribute value, read as a browser reads it, is relative or has an allowed scheme. */
    static boolean allowed(String attributeValue) {
        String url = Parser.unescapeEntities(attributeValue, true);
        StringBuilder seen = new StringBuilder(Math.min(url.length(), 64));
        int start = 0;
        while (start < url.length() && url.charAt(start) <= ' ') {
            start++;
        }
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c == ':') {
                String scheme = seen.toString().toLowerCase(Locale.ROOT);
                return !validScheme(scheme) || ALLOWED.contains(scheme);
            }
            if (c == '/' || c == '?' || c == '#') {
                return true;
            }
            seen.append(c);
        }
        return true;
    }

    /** RFC 3986's scheme syntax: anything else before a colon makes the URL relative (a path such as {@code a b:c}). */
    private static boolean validScheme(String scheme) {
        if (scheme.isEmpty() || !asciiLetter(scheme.charAt(0))) {
            return false;
        }
        for (int i = 1; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!asciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
