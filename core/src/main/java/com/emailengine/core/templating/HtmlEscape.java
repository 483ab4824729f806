package com.emailengine.core.templating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Escapes text for HTML element content and quoted attribute values. */
final class HtmlEscape {

    private HtmlEscape() {
    }

    /** A copy of template variables with every string escaped, through nested maps and lists. */
    static Map<String, Object> values(Map<String, Object> variables) {
        Map<String, Object> escaped = new HashMap<>();
        variables.forEach((key, value) -> escaped.put(key, value(value)));
        return escaped;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object value) {
        if (value instanceof String text) {
            return text(text);
        }
        if (value instanceof Map<?, ?> map) {
            return values((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> escaped = new ArrayList<>(list.size());
            list.forEach(item -> escaped.add(value(item)));
            return escaped;
        }
        return value;
    }

    static String text(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }
}
