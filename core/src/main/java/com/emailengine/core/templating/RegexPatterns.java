package com.emailengine.core.templating;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The regular expressions templates may use, compiled once and cached. The JDK's engine is kept (templates are
 * written for Java's syntax), and what it could do out of the render's sight is refused before compiling:
 * <ul>
 *   <li>patterns longer than {@value #MAX_PATTERN_CHARS} characters;</li>
 *   <li>groups and classes nested deeper than {@value #MAX_NESTING}: the JDK compiles and matches them by
 *       recursion;</li>
 *   <li>counted repetitions whose minimums, multiplied together, exceed {@value #MAX_REPETITIONS} (or one above
 *       {@value #MAX_REPEAT}): the engine must run every minimum iteration even when it matches nothing, and then it
 *       reads no text, so nothing checks the clock ({@code (?:){100000000}x} runs 0.9 s on one position; nested,
 *       {@code ((?:){10000}){10000}} is the same);</li>
 *   <li>{@code \G}, which means the end of the previous match and which {@link BoundedRegex}, trying each position
 *       itself, cannot give.</li>
 * </ul>
 */
final class RegexPatterns {

    static final int MAX_PATTERN_CHARS = 1000;
    static final int MAX_NESTING = 20;
    static final int MAX_REPEAT = 1000;
    static final int MAX_REPETITIONS = 10_000;
    private static final int CACHE_LIMIT = 256;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private RegexPatterns() {
    }

    static Pattern compile(String regex) {
        Pattern known = CACHE.get(regex);
        if (known != null) {
            return known;
        }
        if (regex.length() > MAX_PATTERN_CHARS) {
            throw new RenderLimitException("a regular expression is longer than " + MAX_PATTERN_CHARS + " characters");
        }
        check(regex);
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (StackOverflowError e) {
            throw new RenderLimitException("a regular expression nests too deeply to compile");
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(regex, pattern);
        return pattern;
    }

    /** Nesting, counted repetitions and {@code \G}, skipping escapes, quoted stretches and class contents. */
    private static void check(String regex) {
        int depth = 0;
        int deepest = 0;
        int classes = 0;
        long repetitions = 1;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i = escapeEnd(regex, i);
            } else if (c == '(' || c == '[') {
                deepest = Math.max(deepest, ++depth);
                classes += c == '[' ? 1 : 0;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
                classes -= c == ']' && classes > 0 ? 1 : 0;
            } else if (c == '{' && classes == 0) {
                int minimum = leadingNumber(regex, i + 1);
                if (minimum > MAX_REPEAT) {
                    throw new RenderLimitException("a regular expression repeats something at least " + minimum
                            + " times; at most " + MAX_REPEAT + " are allowed");
                }
                repetitions *= Math.max(1, minimum);
                if (repetitions > MAX_REPETITIONS) {
                    throw new RenderLimitException("a regular expression's counted repetitions repeat more than "
                            + MAX_REPETITIONS + " times together");
                }
            }
        }
        if (deepest > MAX_NESTING) {
            throw new RenderLimitException("a regular expression nests groups or classes more than " + MAX_NESTING + " deep");
        }
    }

    /** The index of the last character of the escape starting at {@code i}. */
    private static int escapeEnd(String regex, int i) {
        char next = i + 1 < regex.length() ? regex.charAt(i + 1) : '\0';
        if (next == 'G') {
            throw new RenderLimitException("\\G (the end of the previous match) is not available in templates");
        }
        if (next == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? regex.length() : end + 1;
        }
        // \p{L}, \x{1F600}, \N{NAME}, \b{g}: the braces belong to the escape.
        if ("pPxNb".indexOf(next) >= 0 && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
            int close = regex.indexOf('}', i + 3);
            return close < 0 ? regex.length() : close;
        }
        return i + 1;
    }

    /** The number at {@code from}, or 0 when there is none (the JDK refuses such a brace itself). */
    private static int leadingNumber(String regex, int from) {
        long value = 0;
        for (int i = from; i < regex.length() && regex.charAt(i) >= '0' && regex.charAt(i) <= '9'; i++) {
            value = Math.min(Integer.MAX_VALUE, value * 10 + (regex.charAt(i) - '0'));
        }
        return (int) value;
    }
}
