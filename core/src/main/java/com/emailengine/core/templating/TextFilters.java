package com.emailengine.core.templating;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code $text}: small text transformations for templates, including those MailWizz offers as tag filters
 * ({@code [FNAME:filter:uppercase]} becomes {@code $text.uppercase($contact.firstName)}). Every method takes what
 * Velocity hands it (a string, a number or null) and returns a string. Stateless and thread-safe.
 */
public final class TextFilters implements TemplateHelper {

    public static final TextFilters INSTANCE = new TextFilters();

    private TextFilters() {
    }

    public String uppercase(Object value) {
        return text(value).toUpperCase(Locale.ROOT);
    }

    public String lowercase(Object value) {
        return text(value).toLowerCase(Locale.ROOT);
    }

    public String ucfirst(Object value) {
        String text = text(value);
        return text.isEmpty() ? text : text.substring(0, text.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT)
                + text.substring(text.offsetByCodePoints(0, 1));
    }

    public String ucwords(Object value) {
        String text = text(value);
        StringBuilder out = new StringBuilder(text.length());
        boolean start = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            out.appendCodePoint(start ? Character.toUpperCase(cp) : cp);
            start = Character.isWhitespace(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    public String trim(Object value) {
        return text(value).strip();
    }

    /** Form encoding (spaces as {@code +}), as PHP's urlencode. */
    public String urlencode(Object value) {
        return URLEncoder.encode(text(value), StandardCharsets.UTF_8);
    }

    /** RFC 3986 encoding (spaces as {@code %20}), as PHP's rawurlencode. */
    public String rawurlencode(Object value) {
        return urlencode(value).replace("+", "%20").replace("%7E", "~");
    }

    public String htmlencode(Object value) {
        return HtmlEscape.text(text(value));
    }

    public String base64encode(Object value) {
        return Base64.getEncoder().encodeToString(text(value).getBytes(StandardCharsets.UTF_8));
    }

    /** The value, or the fallback when it is missing or blank: {@code $text.or($contact.firstName, "there")}. */
    public String or(Object value, Object fallback) {
        String text = text(value);
        return text.isBlank() ? text(fallback) : text;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
