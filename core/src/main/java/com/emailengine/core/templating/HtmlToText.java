package com.emailengine.core.templating;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The plain-text part of a message whose template has none, from its HTML: paragraphs, headings, list items and
 * table cells on lines of their own with blank lines between blocks; list items marked; links as
 * {@code text (address)}; images by their alt text; {@code <hr>} as a rule; {@code <pre>} kept as written; head,
 * styles, scripts and hidden elements (preheaders) left out; every HTML entity decoded. Stateless.
 *
 * <p>{@link #deriveTemplate} does this once per template version on the Velocity source itself, so that sending
 * never parses HTML: the Velocity constructs are set aside as placeholders, the HTML converted, and the constructs put
 * back (as {@code ${...}} and {@code #{...}} so that text after them cannot change their meaning).
 */
public final class HtmlToText {

    private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title", "meta", "link", "template",
            "noscript", "object", "iframe", "svg");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "main",
            "aside", "nav", "address", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "td", "th",
            "tbody", "thead", "tfoot", "blockquote", "pre", "center", "dl", "dt", "dd", "figure", "figcaption", "form",
            "fieldset", "hr", "body", "html");
    private static final char PLACEHOLDER_START = '\uE000';
    private static final char PLACEHOLDER_END = '\uE001';

    private HtmlToText() {
    }

    public static String convert(String html) {
        Element body = Jsoup.parse(html).body();
        Writer out = new Writer();
        walk(body.ownerDocument(), out, 0);
        return out.finish();
    }

    /**
     * The text template derived from an HTML template source, or null when the constructs cannot be set aside
     * cleanly (the caller then converts each rendered HTML part instead).
     */
    /**
     * Tidies a rendered derived text: directives that stood between blocks leave their blank lines behind, and an
     * {@code #if} that rendered nothing leaves two; one blank line between blocks, none at the start.
     */
    static String tidy(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                newlines++;
                continue;
            }
            if (newlines > 0 && !out.isEmpty()) {
                out.append(newlines > 1 ? "\n\n" : "\n");
            }
            newlines = 0;
            out.append(c);
        }
        return out.append('\n').toString();
    }

    static String deriveTemplate(String htmlSource) {
        List<VelocitySpans.Span> spans = VelocitySpans.find(htmlSource);
        StringBuilder masked = new StringBuilder(htmlSource.length());
        int at = 0;
        for (int i = 0; i < spans.size(); i++) {
            VelocitySpans.Span span = spans.get(i);
            masked.append(htmlSource, at, span.start()).append(PLACEHOLDER_START).append(i).append(PLACEHOLDER_END);
            at = span.end();
        }
        masked.append(htmlSource, at, htmlSource.length());
        String text = convert(masked.toString());
        StringBuilder restored = new StringBuilder(text.length() + 64);
        boolean[] used = new boolean[spans.size()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != PLACEHOLDER_START) {
                restored.append(c);
                continue;
            }
            int end = text.indexOf(PLACEHOLDER_END, i);
            int index = Integer.parseInt(text.substring(i + 1, end));
            VelocitySpans.Span span = spans.get(index);
            restored.append(VelocitySpans.standalone(htmlSource, span));
            used[index] = true;
            i = end;
        }
        // A directive that vanished with the markup around it (say, #if inside a tag) would unbalance the rest.
        for (int i = 0; i < spans.size(); i++) {
            if (!used[i] && spans.get(i).kind() == VelocitySpans.Kind.DIRECTIVE) {
                return null;
            }
        }
        return restored.toString();
    }

    private static void walk(Node node, Writer out, int listDepth) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode text) {
                if (out.preformatted > 0) {
                    out.raw(text.getWholeText());
                } else {
                    out.words(text.text());
                }
            } else if (child instanceof Element element) {
                element(element, out, listDepth);
            } else {
                walk(child, out, listDepth);
            }
        }
    }

    private static void element(Element element, Writer out, int listDepth) {
        String tag = element.normalName();
        if (SKIPPED.contains(tag) || hidden(element)) {
            return;
        }
        switch (tag) {
            case "br" -> out.lineBreak();
            case "hr" -> {
                out.block();
                out.words("----------------------------------------");
                out.block();
            }
            case "img" -> {
                String alt = element.attr("alt").strip();
                if (!alt.isEmpty()) {
                    out.words(alt);
                }
            }
            case "a" -> link(element, out, listDepth);
            case "li" -> {
                out.line();
                Element parent = element.parent();
                String marker = parent != null && parent.normalName().equals("ol")
                        ? (element.elementSiblingIndex() + 1) + ". " : "- ";
                out.marker("  ".repeat(Math.max(0, listDepth - 1)) + marker);
                walk(element, out, listDepth);
                out.line();
            }
            case "ul", "ol" -> {
                if (listDepth == 0) {
                    out.block();
                } else {
                    out.line();
                }
                walk(element, out, listDepth + 1);
                if (listDepth == 0) {
                    out.block();
                }
            }
            case "pre" -> {
                out.block();
                out.preformatted++;
                walk(element, out, listDepth);
                out.preformatted--;
                out.block();
            }
            case "blockquote" -> {
                out.block();
                int start = out.length();
                walk(element, out, listDepth);
                out.quoteFrom(start);
                out.block();
            }
            case "td", "th" -> {
                out.line();
                walk(element, out, listDepth);
                out.line();
            }
            default -> {
                boolean block = BLOCKS.contains(tag);
                if (block) {
                    out.block();
                }
                walk(element, out, listDepth);
                if (block) {
                    out.block();
                }
            }
        }
    }

    private static void link(Element a, Writer out, int listDepth) {
        String href = a.attr("href").strip();
        int start = out.length();
        walk(a, out, listDepth);
        String label = out.since(start).strip();
        if (href.isEmpty() || href.startsWith("#") || href.toLowerCase(Locale.ROOT).startsWith("javascript:")) {
            return;
        }
        String shown = href.toLowerCase(Locale.ROOT).startsWith("mailto:") ? href.substring(7) : href;
        if (label.isEmpty()) {
            out.words(shown);
        } else if (!label.equals(shown) && !label.equals(href)) {
            out.words(" (" + shown + ")");
        }
    }

    /** Preheaders and other content meant for no reader of the text part. */
    private static boolean hidden(Element element) {
        if (element.hasAttr("hidden") || "true".equals(element.attr("aria-hidden")) && element.text().isBlank()) {
            return true;
        }
        String style = element.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
        return style.contains("display:none") || style.contains("mso-hide:all") && style.contains("max-height:0");
    }

    /** Builds the text: collapses white space, and turns block ends into line breaks or blank lines. */
    private static final class Writer {
        private final StringBuilder text = new StringBuilder();
        /** 0: in a line; 1: a line break is due; 2: a blank line is due. */
        private int pendingBreak;
        private boolean spaceDue;
        int preformatted;

        void words(String words) {
            if (words.isEmpty()) {
                return;
            }
            boolean leading = Character.isWhitespace(words.charAt(0)) || words.charAt(0) == '\u00a0';
            String stripped = words.replace('\u00a0', ' ').strip();
            if (stripped.isEmpty()) {
                spaceDue = text.length() > 0;
                return;
            }
            flushBreak();
            if ((leading || spaceDue) && text.length() > 0 && text.charAt(text.length() - 1) != '\n'
                    && text.charAt(text.length() - 1) != ' ') {
                text.append(' ');
            }
            text.append(stripped.replaceAll("[ \\t\\r\\n\\f\\u000B]+", " "));
            spaceDue = Character.isWhitespace(words.charAt(words.length() - 1)) || words.endsWith("\u00a0");
        }

        void raw(String raw) {
            flushBreak();
            text.append(raw);
        }

        void marker(String marker) {
            flushBreak();
            text.append(marker);
            spaceDue = false;
        }

        void lineBreak() {
            if (text.length() > 0 || pendingBreak > 0) {
                flushBreak();
                text.append('\n');
                spaceDue = false;
            }
        }

        void line() {
            pendingBreak = Math.max(pendingBreak, 1);
            spaceDue = false;
        }

        void block() {
            pendingBreak = 2;
            spaceDue = false;
        }

        private void flushBreak() {
            if (pendingBreak > 0 && text.length() > 0) {
                trimTrailingSpaces();
                int newlines = 0;
                for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\n'; i--) {
                    newlines++;
                }
                for (int i = newlines; i < pendingBreak; i++) {
                    text.append('\n');
                }
            }
            pendingBreak = 0;
        }

        private void trimTrailingSpaces() {
            while (text.length() > 0 && text.charAt(text.length() - 1) == ' ') {
                text.setLength(text.length() - 1);
            }
        }

        int length() {
            return text.length();
        }

        String since(int start) {
            return start >= text.length() ? "" : text.substring(start);
        }

        void quoteFrom(int start) {
            String quoted = "> " + text.substring(start).strip().replace("\n", "\n> ");
            text.setLength(start);
            flushBreakFor(start);
            text.append(quoted.replace("\n> \n", "\n>\n"));
        }

        private void flushBreakFor(int start) {
            if (start > 0 && text.charAt(text.length() - 1) != '\n') {
                text.append("\n\n");
            }
        }

        String finish() {
            trimTrailingSpaces();
            String result = text.toString().strip();
            StringBuilder out = new StringBuilder(result.length() + 1);
            int blank = 0;
            for (String line : result.split("\n", -1)) {
                String trimmed = line.stripTrailing();
                if (trimmed.isBlank()) {
                    blank++;
                    continue;
                }
                if (!out.isEmpty()) {
                    out.append(blank > 0 ? "\n\n" : "\n");
                }
                out.append(trimmed);
                blank = 0;
            }
            return out.append('\n').toString();
        }
    }
}
