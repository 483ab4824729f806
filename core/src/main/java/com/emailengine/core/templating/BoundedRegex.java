package com.emailengine.core.templating;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * {@code matches}, {@code replaceAll}, {@code replaceFirst} and {@code split} for templates, on the JDK's engine with
 * the render's clock checked wherever the engine spends time:
 * <ul>
 *   <li>the text is read through a {@link CharSequence} that checks the clock every {@value #READS_PER_CHECK}
 *       characters the engine reads, so catastrophic backtracking ({@code (.*a){20}c} on sixty a's, ~10^15 steps)
 *       stops at the render's time budget on the render thread;</li>
 *   <li>searches try each position themselves ({@code lookingAt} from there) and check the clock every
 *       {@value #POSITIONS_PER_CHECK} positions: the JDK's own search can try millions of positions without reading
 *       a character ({@code (?:^a|^b|...)} on a long text);</li>
 *   <li>what the engine does on one position without reading is bounded by {@link RegexPatterns}.</li>
 * </ul>
 * Results are charged to the render's {@link RenderBudget} before they are built, and a match that runs out of
 * stack fails the render.
 */
final class BoundedRegex {

    static final int READS_PER_CHECK = 1024;
    static final int POSITIONS_PER_CHECK = 64;

    private BoundedRegex() {
    }

    static boolean matches(String text, String regex, RenderBudget budget) {
        try {
            return RegexPatterns.compile(regex).matcher(new Deadlined(text, budget)).matches();
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    static String replace(String text, String regex, String replacement, boolean all, RenderBudget budget) {
        Matcher matcher = matcher(text, regex, budget);
        RegexReplacement expansion = RegexReplacement.parse(replacement, matcher.pattern());
        StringBuilder out = null;
        int last = 0;
        for (int from = 0; from <= text.length() && find(matcher, from, text.length(), budget); ) {
            if (out == null) {
                out = new StringBuilder();
            }
            long size = out.length() + (matcher.start() - last) + expansion.length(matcher);
            budget.ensureRoom(size + (text.length() - matcher.end()));
            out.append(text, last, matcher.start());
            expansion.appendTo(out, text, matcher);
            last = matcher.end();
            from = nextFrom(matcher);
            if (!all) {
                break;
            }
        }
        if (out == null) {
            return text;
        }
        out.append(text, last, text.length());
        budget.spend(out.length());
        return out.toString();
    }

    /** {@link java.util.regex.Pattern#split(CharSequence, int)}, with each piece charged as it is cut. */
    static String[] split(String text, String regex, int limit, RenderBudget budget) {
        Matcher matcher = matcher(text, regex, budget);
        List<String> pieces = new ArrayList<>();
        int index = 0;
        boolean limited = limit > 0;
        for (int from = 0; from <= text.length() && find(matcher, from, text.length(), budget); from = nextFrom(matcher)) {
            if (limited && pieces.size() >= limit - 1) {
                break;
            }
            if (index == 0 && matcher.start() == 0 && matcher.end() == 0) {
                continue; // no empty leading piece for a zero-width match at the beginning
            }
            pieces.add(piece(text, index, matcher.start(), budget));
            index = matcher.end();
        }
        if (index == 0 && pieces.isEmpty()) {
            budget.spend(text.length());
            return new String[] {text};
        }
        pieces.add(piece(text, index, text.length(), budget));
        int size = pieces.size();
        if (limit == 0) {
            while (size > 0 && pieces.get(size - 1).isEmpty()) {
                size--;
            }
        }
        return pieces.subList(0, size).toArray(new String[0]);
    }

    private static Matcher matcher(String text, String regex, RenderBudget budget) {
        Matcher matcher = RegexPatterns.compile(regex).matcher(new Deadlined(text, budget));
        // A region is only where matching starts: anchors and lookarounds still see the whole text.
        return matcher.useAnchoringBounds(false).useTransparentBounds(true);
    }

    /** The first match starting at {@code from} or later, trying each position as the JDK's search would. */
    private static boolean find(Matcher matcher, int from, int length, RenderBudget budget) {
        try {
            for (int at = from; at <= length; at++) {
                if ((at - from) % POSITIONS_PER_CHECK == 0) {
                    budget.checkTime();
                }
                matcher.region(at, length);
                if (matcher.lookingAt()) {
                    return true;
                }
            }
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
        return false;
    }

    /** Where the search goes on after a match: its end, or one further after an empty match, as the JDK does. */
    private static int nextFrom(Matcher matcher) {
        return matcher.end() == matcher.start() ? matcher.end() + 1 : matcher.end();
    }

    /** A piece costs its characters and an object's worth of overhead, so splitting into empty strings is not free. */
    private static String piece(String text, int from, int to, RenderBudget budget) {
        budget.spend(16L + (to - from));
        return text.substring(from, to);
    }

    private static RenderLimitException tooDeep() {
        return new RenderLimitException("a regular expression recurses too deeply on this text");
    }

    /** The text as the regex engine reads it, one character at a time, with the render's clock checked as it does. */
    private static final class Deadlined implements CharSequence {
        private final String text;
        private final RenderBudget budget;
        private int reads;

        Deadlined(String text, RenderBudget budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (++reads == READS_PER_CHECK) {
                reads = 0;
                budget.checkTime();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
