package com.emailengine.core.templating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;
import org.jsoup.select.Selector;

/**
 * Copies the rules of a template's {@code <style>} blocks into the {@code style} attributes of the elements they
 * match, for mail clients that ignore style sheets. Works on the template source, not on a re-serialized document:
 * jsoup parses it with positions, and only the start tags of matched elements and the style blocks are edited, so the
 * Velocity directives around them are left exactly as written.
 *
 * <p>Cascade as browsers apply it: declarations ordered by {@code !important}, specificity, then source order; the
 * element's own {@code style} beats any non-important rule. Rules that cannot be inlined ({@code @media},
 * {@code @font-face}, {@code :hover} and other dynamic pseudo-classes, pseudo-elements, selectors jsoup does not know)
 * stay in a {@code <style>} block; a block left empty is removed, as is every block marked
 * {@code data-inline="false"} left untouched. Stateless.
 */
final class CssInliner {

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern NOT_INLINABLE = Pattern.compile(
            "::|:(hover|active|focus|focus-within|focus-visible|visited|link|target|before|after|first-line|first-letter|selection|placeholder)\\b",
            Pattern.CASE_INSENSITIVE);

    private record Declaration(String property, String value, boolean important, int[] specificity, int order) {
    }

    private record Rule(String selectors, String body, int order) {
    }

    private record Edit(int start, int end, String replacement) {
    }

    private CssInliner() {
    }

    static String inline(String source) {
        Parser parser = Parser.htmlParser().setTrackPosition(true);
        Document document = Jsoup.parse(source, "", parser);
        List<Element> styleBlocks = new ArrayList<>();
        for (Element style : document.select("style")) {
            if (!"false".equalsIgnoreCase(style.attr("data-inline")) && tracked(style.sourceRange())
                    && tracked(style.endSourceRange()) && mediaAllowsInlining(style.attr("media"))) {
                styleBlocks.add(style);
            }
        }
        if (styleBlocks.isEmpty()) {
            return source;
        }
        Map<Element, List<Declaration>> matched = new IdentityHashMap<>();
        List<Edit> edits = new ArrayList<>();
        int order = 0;
        for (Element style : styleBlocks) {
            StringBuilder kept = new StringBuilder();
            for (Object item : parse(style.data())) {
                if (item instanceof String atRule) {
                    kept.append(atRule).append('\n');
                    continue;
                }
                Rule rule = (Rule) item;
                List<String> notInlined = new ArrayList<>();
                for (String selector : rule.selectors().split(",")) {
                    String trimmed = selector.strip();
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    if (NOT_INLINABLE.matcher(trimmed).find()) {
                        notInlined.add(trimmed);
                        continue;
                    }
                    List<Element> elements;
                    try {
                        elements = document.select(trimmed);
                    } catch (Selector.SelectorParseException e) {
                        notInlined.add(trimmed);
                        continue;
                    }
                    int[] specificity = specificity(trimmed);
                    for (Element element : elements) {
                        if (!tracked(element.sourceRange()) || element.normalName().equals("style")) {
                            continue;
                        }
                        for (String[] declaration : declarations(rule.body())) {
                            matched.computeIfAbsent(element, e -> new ArrayList<>()).add(new Declaration(declaration[0],
                                    declaration[1], declaration[2] != null, specificity, order++));
                        }
                    }
                }
                if (!notInlined.isEmpty()) {
                    kept.append(String.join(", ", notInlined)).append(" {").append(rule.body().strip()).append("}\n");
                }
            }
            int start = style.sourceRange().startPos();
            int end = style.endSourceRange().endPos();
            edits.add(new Edit(start, end, kept.isEmpty() ? "" : "<style type=\"text/css\">\n" + kept + "</style>"));
        }
        matched.forEach((element, declarations) -> edits.add(styleEdit(source, element, declarations)));
        edits.removeIf(edit -> edit == null);
        edits.sort(Comparator.comparingInt(Edit::start).reversed());
        StringBuilder out = new StringBuilder(source);
        int lastStart = Integer.MAX_VALUE;
        for (Edit edit : edits) {
            if (edit.end() > lastStart) {
                continue; // Overlapping edits cannot happen with well-formed positions; be safe anyway.
            }
            out.replace(edit.start(), edit.end(), edit.replacement());
            lastStart = edit.start();
        }
        return out.toString();
    }

    private static boolean tracked(Range range) {
        return range != null && range.isTracked() && !range.isImplicit();
    }

    private static boolean mediaAllowsInlining(String media) {
        String m = media.strip().toLowerCase(Locale.ROOT);
        return m.isEmpty() || m.equals("all") || m.equals("screen");
    }

    private static Edit styleEdit(String source, Element element, List<Declaration> fromRules) {
        Map<String, Declaration> winners = new LinkedHashMap<>();
        fromRules.stream()
                .sorted(Comparator.comparing((Declaration d) -> d.important() ? 1 : 0)
                        .thenComparing(Declaration::specificity, CssInliner::compareSpecificity)
                        .thenComparingInt(Declaration::order))
                .forEach(d -> {
                    winners.remove(d.property());
                    winners.put(d.property(), d);
                });
        Attribute existing = element.attribute("style");
        Map<String, String> result = new LinkedHashMap<>();
        winners.values().forEach(d -> result.put(d.property(), d.value() + (d.important() ? " !important" : "")));
        if (existing != null) {
            for (String[] own : declarations(existing.getValue())) {
                Declaration rule = winners.get(own[0]);
                if (rule == null || !rule.important() || own[2] != null) {
                    result.remove(own[0]);
                    result.put(own[0], own[1] + (own[2] != null ? " !important" : ""));
                }
            }
        }
        StringBuilder style = new StringBuilder();
        result.forEach((property, value) -> {
            if (!style.isEmpty()) {
                style.append(' ');
            }
            style.append(property).append(':').append(value.replace('"', '\'')).append(';');
        });
        if (existing != null) {
            Range.AttributeRange range = existing.sourceRange();
            if (range.isTracked() && range.valueRange().isTracked()) {
                Range value = range.valueRange();
                return new Edit(value.startPos(), value.endPos(), style.toString());
            }
            return null;
        }
        int at = element.sourceRange().startPos() + 1 + element.tagName().length();
        if (at > source.length() || !source.regionMatches(true, element.sourceRange().startPos() + 1, element.tagName(), 0,
                element.tagName().length())) {
            return null;
        }
        return new Edit(at, at, " style=\"" + style + "\"");
    }

    /** Rules ({@link Rule}) and at-rules kept verbatim (String), in source order. */
    private static List<Object> parse(String css) {
        String text = COMMENT.matcher(css).replaceAll("");
        List<Object> items = new ArrayList<>();
        int i = 0;
        int order = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                String rest = text.substring(i).strip();
                if (rest.startsWith("@")) {
                    items.add(rest); // @import or @charset
                }
                break;
            }
            String prelude = text.substring(i, open).strip();
            int close = matchingBrace(text, open);
            if (close < 0) {
                break;
            }
            if (prelude.startsWith("@")) {
                // Statements such as "@import url(x);" before the block belong to their own item.
                int semicolon = prelude.lastIndexOf(';');
                if (semicolon >= 0) {
                    items.add(prelude.substring(0, semicolon + 1));
                    prelude = prelude.substring(semicolon + 1).strip();
                }
                items.add(prelude + " " + text.substring(open, close + 1));
            } else if (!prelude.isEmpty()) {
                items.add(new Rule(prelude, text.substring(open + 1, close), order++));
            }
            i = close + 1;
        }
        return items;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {property, value, important-or-null} for each declaration; semicolons inside quotes or parentheses kept. */
    private static List<String[]> declarations(String body) {
        List<String[]> result = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ';';
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ';' && depth == 0) {
                String declaration = body.substring(start, Math.min(i, body.length())).strip();
                start = i + 1;
                int colon = declaration.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = declaration.substring(colon + 1).strip();
                boolean important = value.toLowerCase(Locale.ROOT).endsWith("!important");
                if (important) {
                    value = value.substring(0, value.length() - "!important".length()).strip();
                }
                if (!value.isEmpty()) {
                    result.add(new String[] {property, value, important ? "!" : null});
                }
            }
        }
        return result;
    }

    /** (ids, classes + attributes + pseudo-classes, types + pseudo-elements) of one selector. */
    static int[] specificity(String selector) {
        int ids = 0;
        int classes = 0;
        int types = 0;
        String s = selector.replaceAll("\\[[^]]*]", " [a] ");
        for (String part : s.split("[\\s>+~]+")) {
            if (part.isEmpty() || part.equals("*")) {
                continue;
            }
            int i = 0;
            if (Character.isLetter(part.charAt(0))) {
                types++;
            }
            while (i < part.length()) {
                char c = part.charAt(i);
                if (c == '#') {
                    ids++;
                } else if (c == '.' || c == '[') {
                    classes++;
                } else if (c == ':') {
                    if (i + 1 < part.length() && part.charAt(i + 1) == ':') {
                        types++;
                        i++;
                    } else {
                        classes++;
                    }
                }
                i++;
            }
        }
        return new int[] {ids, classes, types};
    }

    private static int compareSpecificity(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
