package com.emailengine.core.templating;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the plain-text part from HTML when a template has none: block ends become line breaks,
 * links keep their address, tags are dropped and the common entities decoded.
 */
final class HtmlToText {

    private static final Pattern DROPPED = Pattern.compile("(?is)<(head|style|script)\\b.*?</\\1\\s*>");
    private static final Pattern LINK = Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*[\"']([^\"']+)[\"'][^>]*>(.*?)</a\\s*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|h[1-6]|li|tr|table|blockquote)\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ", "eacute", "é", "egrave", "è", "agrave", "à", "ccedil", "ç");

    private HtmlToText() {
    }

    static String convert(String html) {
        String text = DROPPED.matcher(html).replaceAll("");
        text = LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(2).equals(m.group(1)) ? m.group(1) : m.group(2) + " (" + m.group(1) + ")"));
        text = BREAK.matcher(text).replaceAll("\n");
        text = BLOCK_END.matcher(text).replaceAll("\n\n");
        text = TAG.matcher(text).replaceAll("");
        text = ENTITY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(decode(m.group(1), m.group())));
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : text.split("\n", -1)) {
            String cleaned = line.replaceAll("[ \\t\\x0B\\f\\r]+", " ").strip();
            if (cleaned.isEmpty()) {
                blank++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(cleaned);
            blank = 0;
        }
        return out.append('\n').toString();
    }

    private static String decode(String entity, String original) {
        if (entity.startsWith("#x")) {
            return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
        }
        if (entity.startsWith("#")) {
            return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
        }
        return NAMED.getOrDefault(entity, original);
    }
}
