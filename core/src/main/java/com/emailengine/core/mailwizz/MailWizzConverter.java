package com.emailengine.core.mailwizz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts MailWizz template text to Velocity once, when a template is saved, so that sending never searches for
 * tags: {@code [FNAME]} becomes {@code ${contact.firstName}}, {@code [RANDOM_CONTENT:a|b]} a choice fixed per
 * recipient ({@code $spin.index}), {@code [FNAME:filter:uppercase]} {@code $text.uppercase(...)}, and an unknown
 * {@code [TAG]} the contact field {@code $contact.fields.tag} (MailWizz custom list fields are written that way) — each
 * recorded as a {@link TagUse}. Text that Velocity would read as code ({@code $price}, {@code #if}) is protected
 * with {@code #[[...]]#}. One instance per template, so random-content slots are numbered across its parts. Not
 * thread-safe.
 */
public final class MailWizzConverter {

    /** A converted text and the tags found in it. */
    public record Conversion(String velocity, List<TagUse> tags) {
        public boolean convertible() {
            return tags.stream().noneMatch(t -> t.outcome() == TagUse.Outcome.UNSUPPORTED);
        }
    }

    private static final Pattern TAG = Pattern.compile("\\[([A-Z][A-Z0-9_]*)((?::[^\\[\\]]*)|(?:\\s+[^\\[\\]]*))?\\]");
    private static final Set<String> DIRECTIVE_WORDS = Set.of("if", "elseif", "else", "end", "foreach", "set", "break",
            "stop", "macro", "define", "evaluate", "include", "parse");

    private int slots;

    public Conversion convert(String source) {
        List<TagUse> uses = new ArrayList<>();
        String velocity = convert(source, uses);
        return new Conversion(velocity, List.copyOf(uses));
    }

    private String convert(String source, List<TagUse> uses) {
        StringBuilder out = new StringBuilder(source.length() + 64);
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf('[', at);
            if (open < 0) {
                protect(source, at, source.length(), out);
                break;
            }
            protect(source, at, open, out);
            if (source.startsWith("[RANDOM_CONTENT:", open)) {
                int close = closing(source, open);
                if (close > 0) {
                    out.append(randomContent(source.substring(open + "[RANDOM_CONTENT:".length(), close), uses,
                            source.substring(open, close + 1)));
                    at = close + 1;
                    continue;
                }
            }
            Matcher m = TAG.matcher(source);
            if (m.find(open) && m.start() == open) {
                out.append(tag(m.group(), m.group(1), m.group(2), uses));
                at = m.end();
            } else {
                out.append('[');
                at = open + 1;
            }
        }
        return out.toString();
    }

    private String tag(String written, String name, String arguments, List<TagUse> uses) {
        MailWizzTags.Mapping mapping = MailWizzTags.of(name).orElse(null);
        String filters = null;
        if (arguments != null && arguments.startsWith(":filter:")) {
            filters = arguments.substring(":filter:".length());
        } else if (arguments != null && !arguments.isBlank()) {
            if (mapping != null && !mapping.supported()) {
                uses.add(new TagUse(written, TagUse.Outcome.UNSUPPORTED, null, mapping.unsupportedBecause()));
            } else {
                uses.add(new TagUse(written, TagUse.Outcome.UNSUPPORTED, null,
                        "tag parameters (" + arguments.strip() + ") are not supported; write the value out"));
            }
            return written;
        }
        String expression;
        TagUse.Outcome outcome = TagUse.Outcome.CONVERTED;
        String note = null;
        if (mapping == null) {
            String field = name.toLowerCase(Locale.ROOT);
            expression = "${contact.fields." + field + "}";
            outcome = TagUse.Outcome.CONTACT_FIELD;
            note = "not a MailWizz tag: taken for the custom field '" + field + "'; contacts without it are not sent this template";
        } else if (!mapping.supported()) {
            uses.add(new TagUse(written, TagUse.Outcome.UNSUPPORTED, null, mapping.unsupportedBecause()));
            return written;
        } else if (mapping.literal() != null) {
            uses.add(new TagUse(written, outcome, mapping.literal(), null));
            return mapping.literal();
        } else {
            expression = mapping.velocity();
            note = mapping.note();
        }
        if (filters != null) {
            if (!expression.startsWith("${") || expression.indexOf('}') != expression.length() - 1) {
                uses.add(new TagUse(written, TagUse.Outcome.UNSUPPORTED, null, "filters apply to values, not to links"));
                return written;
            }
            String value = "$" + expression.substring(2, expression.length() - 1);
            for (String filter : filters.split("\\|")) {
                String f = filter.strip().toLowerCase(Locale.ROOT);
                if (!MailWizzTags.FILTERS.contains(f)) {
                    uses.add(new TagUse(written, TagUse.Outcome.UNSUPPORTED, null, "unknown filter '" + filter.strip()
                            + "' (supported: " + String.join(", ", new java.util.TreeSet<>(MailWizzTags.FILTERS)) + ")"));
                    return written;
                }
                value = "$text." + f + "(" + value + ")";
            }
            expression = value;
        }
        uses.add(new TagUse(written, outcome, expression, note));
        return expression;
    }

    /** {@code #set($ee_r1 = $spin.index(1, 3))#if($ee_r1 == 0)a#elseif($ee_r1 == 1)b#{else}c#end} */
    private String randomContent(String body, List<TagUse> uses, String written) {
        List<String> options = splitOptions(body);
        int slot = ++slots;
        String variable = "$ee_r" + slot;
        StringBuilder out = new StringBuilder("#{set}(" + variable + " = $spin.index(" + slot + ", " + options.size() + "))");
        for (int i = 0; i < options.size(); i++) {
            String converted = convert(options.get(i), uses);
            if (i == 0) {
                out.append("#{if}(").append(variable).append(" == 0)");
            } else if (i < options.size() - 1) {
                out.append("#{elseif}(").append(variable).append(" == ").append(i).append(')');
            } else {
                out.append("#{else}");
            }
            out.append(converted);
        }
        out.append("#{end}");
        uses.add(new TagUse(written, TagUse.Outcome.CONVERTED, "one of " + options.size() + " options, fixed per recipient", null));
        return out.toString();
    }

    private static List<String> splitOptions(String body) {
        List<String> options = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '|' && depth == 0) {
                options.add(body.substring(start, i));
                start = i + 1;
            }
        }
        options.add(body.substring(start));
        return options;
    }

    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '[') {
                depth++;
            } else if (s.charAt(i) == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Copies literal text, wrapping what Velocity would take for a reference or directive in {@code #[[ ]]#}. */
    private static void protect(String s, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            char next = i + 1 < to ? s.charAt(i + 1) : 0;
            if (c == '$' && (Character.isLetter(next) || next == '_' || next == '{' || next == '!')
                    || c == '#' && directiveAhead(s, i + 1, to)
                    || c == '\\' && (next == '$' || next == '#')) {
                out.append("#[[").append(c).append("]]#");
            } else {
                out.append(c);
            }
        }
    }

    private static boolean directiveAhead(String s, int at, int to) {
        if (at >= to) {
            return false;
        }
        char c = s.charAt(at);
        if (c == '#' || c == '*' || c == '{' || c == '[') {
            return true;
        }
        int end = at;
        while (end < to && Character.isLetter(s.charAt(end))) {
            end++;
        }
        if (end == at) {
            return false;
        }
        return DIRECTIVE_WORDS.contains(s.substring(at, end)) || end < to && s.charAt(end) == '(';
    }
}
