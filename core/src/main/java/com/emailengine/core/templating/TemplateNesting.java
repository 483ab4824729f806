package com.emailengine.core.templating;

import java.util.Optional;

/**
 * How deeply a Velocity source nests, measured on its text before Velocity parses it: block directives ({@code #if},
 * {@code #foreach}, ...), parentheses, brackets and braces of directive arguments, method calls and map or list
 * literals, and interpolated strings (which Velocity parses again, one level further down). Velocity's parser is
 * recursive descent, so a source nesting deeper than its thread's stack allows ends in StackOverflowError;
 * {@value #MAX_DEPTH} levels is far beyond any real template and far within a 512 KB stack (measured on Velocity
 * 2.4.1 and JDK 25: a 512 KB stack overflows from about 180 nested method-argument parentheses, 220 nested
 * parentheses, 560 nested {@code #if}; a 1 MB stack, the JVM's default, from about 650). The scan over-approximates
 * the parser (it counts what could be code), never the other way for templates that parse.
 */
final class TemplateNesting {

    static final int MAX_DEPTH = 50;

    private static final int PAREN = 0;
    private static final int BRACKET = 1;
    private static final int BRACE = 2;
    /** The text of a double-quoted string: template text again, until the closing quote. */
    private static final int STRING = 3;
    /** A method call's parentheses or an index's brackets opened from a reference in text: the chain may go on. */
    private static final int REFERENCE_PAREN = 4;
    private static final int REFERENCE_BRACKET = 5;

    private final String source;
    private final int[] frames = new int[MAX_DEPTH + 2];
    private final int[] blocksBefore = new int[MAX_DEPTH + 2];
    private int open;
    private int blocks;
    private int line = 1;
    private int lineStart;
    private int i;

    private TemplateNesting(String source) {
        this.source = source;
    }

    /** The first place where the source nests deeper than {@link #MAX_DEPTH}, as a problem of {@code part}. */
    static Optional<TemplateProblem> check(String part, String source) {
        TemplateNesting scan = new TemplateNesting(source);
        return scan.tooDeepAt() ? Optional.of(new TemplateProblem(part, scan.line, scan.i - scan.lineStart + 1,
                "the template nests more than " + MAX_DEPTH + " levels deep (#if, #foreach, parentheses, brackets, "
                        + "quoted strings together); flatten it")) : Optional.empty();
    }

    private boolean tooDeepAt() {
        for (i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\n') {
                newLine();
            } else if (inText()) {
                if (text(c)) {
                    return true;
                }
            } else if (code(c)) {
                return true;
            }
        }
        return false;
    }

    private boolean inText() {
        return open == 0 || frames[open - 1] == STRING;
    }

    /** One character of template text; true when it opens a level too many. */
    private boolean text(char c) {
        if (c == '"' && open > 0) {
            if (at(i + 1) == '"') {
                i++; // a doubled quote stays inside the string
                return false;
            }
            blocks = blocksBefore[--open];
            return false;
        }
        if (c == '\\' && (at(i + 1) == '#' || at(i + 1) == '$')) {
            i++;
            return false;
        }
        if (c == '#') {
            return directive();
        }
        if (c == '$') {
            return reference();
        }
        return false;
    }

    private boolean directive() {
        char next = at(i + 1);
        if (next == '#') {
            skipTo("\n", false);
            return false;
        }
        if (next == '*') {
            skipTo("*#", true);
            return false;
        }
        if (next == '[' && at(i + 2) == '[') {
            skipTo("]]#", true);
            return false;
        }
        int hash = i;
        int j = i + 1;
        boolean braced = at(j) == '{';
        if (braced) {
            j++;
        }
        int start = j;
        if (at(j) == '@') {
            j++;
        }
        while (Character.isLetterOrDigit(at(j)) || at(j) == '_' || at(j) == '-') {
            j++;
        }
        if (j == start) {
            return false;
        }
        String word = source.substring(start, j);
        if (braced && at(j) == '}') {
            j++;
        }
        i = j - 1;
        if (word.equals("end")) {
            blocks = Math.max(0, blocks - 1);
        } else if (word.equals("if") || word.equals("foreach") || word.equals("macro") || word.equals("define")
                || word.startsWith("@")) {
            blocks++;
            if (depth() > MAX_DEPTH) {
                i = hash;
                return true;
            }
        }
        int k = j;
        while (at(k) == ' ' || at(k) == '\t') {
            k++;
        }
        if (at(k) == '(') {
            i = k;
            return push(PAREN);
        }
        return false;
    }

    private boolean reference() {
        int j = i + 1;
        if (at(j) == '!') {
            j++;
        }
        if (at(j) == '{') {
            i = j;
            return push(BRACE);
        }
        if (!identifierStart(at(j))) {
            return false;
        }
        i = j;
        return chain();
    }

    /** A reference's identifier at {@code i} and what follows it: {@code .name}, {@code .name(...)}, {@code [...]}. */
    private boolean chain() {
        int j = i;
        while (true) {
            while (identifierPart(at(j))) {
                j++;
            }
            if (at(j) == '(') {
                i = j;
                return push(REFERENCE_PAREN);
            }
            if (at(j) == '[') {
                i = j;
                return push(REFERENCE_BRACKET);
            }
            if (at(j) == '.' && identifierStart(at(j + 1))) {
                j++;
                continue;
            }
            i = j - 1;
            return false;
        }
    }

    /** One character inside code (directive arguments, method arguments, {@code ${...}}, literals). */
    private boolean code(char c) {
        switch (c) {
            case '(' -> {
                return push(PAREN);
            }
            case '[' -> {
                return push(BRACKET);
            }
            case '{' -> {
                return push(BRACE);
            }
            case ')', ']', '}' -> {
                int top = frames[open - 1];
                boolean closes = c == ')' ? top == PAREN || top == REFERENCE_PAREN
                        : c == ']' ? top == BRACKET || top == REFERENCE_BRACKET : top == BRACE;
                if (closes) {
                    open--;
                    if ((top == REFERENCE_PAREN || top == REFERENCE_BRACKET) && inText()
                            && (at(i + 1) == '.' && identifierStart(at(i + 2)) || at(i + 1) == '[')) {
                        i++;
                        return at(i) == '[' ? push(REFERENCE_BRACKET) : chainAfterDot();
                    }
                }
                return false;
            }
            case '\'' -> {
                int end = source.indexOf('\'', i + 1);
                countLines(i + 1, end < 0 ? source.length() : end);
                i = end < 0 ? source.length() : end;
                return false;
            }
            case '"' -> {
                return push(STRING);
            }
            default -> {
                return false;
            }
        }
    }

    private boolean chainAfterDot() {
        i++;
        return chain();
    }

    private boolean push(int frame) {
        if (open > MAX_DEPTH) {
            return true;
        }
        blocksBefore[open] = blocks;
        frames[open++] = frame;
        return depth() > MAX_DEPTH;
    }

    private int depth() {
        return blocks + open;
    }

    private void skipTo(String end, boolean multiLine) {
        int at = source.indexOf(end, i + 2);
        int stop = at < 0 ? source.length() : at + end.length() - 1;
        if (!multiLine) {
            i = (at < 0 ? source.length() : at) - 1;
            return;
        }
        countLines(i, stop);
        i = stop;
    }

    private void countLines(int from, int to) {
        for (int k = from; k < to && k < source.length(); k++) {
            if (source.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
    }

    private void newLine() {
        line++;
        lineStart = i + 1;
    }

    private char at(int index) {
        return index < source.length() ? source.charAt(index) : '\0';
    }

    private static boolean identifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean identifierPart(char c) {
        return identifierStart(c) || c >= '0' && c <= '9' || c == '-';
    }
}
