package com.emailengine.core.templating;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the Velocity constructs in a template source (references, directive heads, comments, unparsed blocks) so
 * that tools working on the HTML around them (the derived text part) can set them aside and put them back. A
 * lexical scan that mirrors Velocity's grammar closely enough for templates the sandbox accepts; whatever it gets
 * wrong is caught when the result is compiled.
 */
final class VelocitySpans {

    enum Kind { REFERENCE, DIRECTIVE, COMMENT, UNPARSED }

    /** {@code [start, end)} in the source; {@code name} is the directive's name for directives. */
    record Span(int start, int end, Kind kind, String name) {
    }

    private static final Set<String> WITH_ARGUMENTS = Set.of("if", "elseif", "foreach", "set", "macro", "define",
            "evaluate", "include", "parse");
    private static final Set<String> WITHOUT_ARGUMENTS = Set.of("else", "end", "break", "stop");

    private VelocitySpans() {
    }

    static List<Span> find(String source) {
        List<Span> spans = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < n && (source.charAt(i + 1) == '$' || source.charAt(i + 1) == '#')) {
                i += 2;
                continue;
            }
            Span span = c == '#' ? hash(source, i) : c == '$' ? reference(source, i) : null;
            if (span == null) {
                i++;
            } else {
                spans.add(span);
                i = span.end();
            }
        }
        return spans;
    }

    private static Span hash(String s, int at) {
        int n = s.length();
        if (at + 1 >= n) {
            return null;
        }
        char next = s.charAt(at + 1);
        if (next == '#') {
            int end = s.indexOf('\n', at);
            return new Span(at, end < 0 ? n : end, Kind.COMMENT, null);
        }
        if (next == '*') {
            int end = s.indexOf("*#", at + 2);
            return new Span(at, end < 0 ? n : end + 2, Kind.COMMENT, null);
        }
        if (next == '[' && at + 2 < n && s.charAt(at + 2) == '[') {
            int end = s.indexOf("]]#", at + 3);
            return new Span(at, end < 0 ? n : end + 3, Kind.UNPARSED, null);
        }
        boolean braced = next == '{';
        int nameStart = at + (braced ? 2 : 1);
        int j = nameStart;
        while (j < n && Character.isLetter(s.charAt(j))) {
            j++;
        }
        String name = s.substring(nameStart, j);
        if (braced) {
            if (j >= n || s.charAt(j) != '}') {
                return null;
            }
            j++;
        }
        if (WITHOUT_ARGUMENTS.contains(name)) {
            return new Span(at, j, Kind.DIRECTIVE, name);
        }
        if (WITH_ARGUMENTS.contains(name)) {
            int k = j;
            while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
                k++;
            }
            if (k < n && s.charAt(k) == '(') {
                int close = closing(s, k, '(', ')');
                return close < 0 ? null : new Span(at, close + 1, Kind.DIRECTIVE, name);
            }
        }
        return null;
    }

    private static Span reference(String s, int at) {
        int n = s.length();
        int j = at + 1;
        if (j < n && s.charAt(j) == '!') {
            j++;
        }
        if (j < n && s.charAt(j) == '{') {
            int close = closing(s, j, '{', '}');
            return close < 0 ? null : new Span(at, close + 1, Kind.REFERENCE, null);
        }
        if (j >= n || !(Character.isLetter(s.charAt(j)) || s.charAt(j) == '_')) {
            return null;
        }
        j = identifier(s, j);
        while (j < n) {
            char c = s.charAt(j);
            if (c == '.' && j + 1 < n && (Character.isLetter(s.charAt(j + 1)) || s.charAt(j + 1) == '_')) {
                j = identifier(s, j + 1);
                if (j < n && s.charAt(j) == '(') {
                    int close = closing(s, j, '(', ')');
                    if (close < 0) {
                        return null;
                    }
                    j = close + 1;
                }
            } else if (c == '[') {
                int close = closing(s, j, '[', ']');
                if (close < 0) {
                    break;
                }
                j = close + 1;
            } else {
                break;
            }
        }
        return new Span(at, j, Kind.REFERENCE, null);
    }

    private static int identifier(String s, int j) {
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        return j;
    }

    /** The index of the bracket closing the one at {@code open}, skipping string literals; -1 if none. */
    private static int closing(String s, int open, char opening, char closingChar) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    return -1;
                }
                i = end;
            } else if (c == opening) {
                depth++;
            } else if (c == closingChar && --depth == 0) {
                return i;
            } else if (c == '\n' && opening != '(') {
                return -1;
            }
        }
        return -1;
    }

    /** The span's text in a form that cannot run into the text after it: {@code ${a.b}}, {@code #{else}}. */
    static String standalone(String source, Span span) {
        String text = source.substring(span.start(), span.end());
        return switch (span.kind()) {
            case COMMENT -> "";
            case UNPARSED -> text;
            case REFERENCE -> {
                boolean quiet = text.startsWith("$!");
                String body = text.substring(quiet ? 2 : 1);
                yield body.startsWith("{") ? text : (quiet ? "$!{" : "${") + body + "}";
            }
            case DIRECTIVE -> {
                if (text.startsWith("#{")) {
                    yield text;
                }
                String rest = text.substring(1 + span.name().length());
                yield "#{" + span.name() + "}" + rest;
            }
        };
    }
}
